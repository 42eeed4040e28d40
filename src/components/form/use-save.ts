import { useState } from 'react';

export type SaveOutcome = { kind: 'saved'; message: string } | { kind: 'unchanged' };

/**
 * The save step the sensor and state forms share: what was last saved (the
 * baseline an edit is diffed against), the note after a save and the failure
 * text. `run` saves; on success the saved values become the new baseline, on
 * "unchanged" it says so, on failure `onError` reports and what was typed stays.
 */
export function useSave<V>(initial: V) {
  const [saved, setSaved] = useState(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function run(
    values: V,
    save: (saved: V) => Promise<SaveOutcome>,
    opts: {
      unchangedText: string;
      reset: (values: V) => void;
      afterSave?: ((values: V) => V) | undefined;
      onError: (error: unknown) => void;
    },
  ): Promise<void> {
    setFailure(null);
    setNote(null);
    try {
      const outcome = await save(saved);
      if (outcome.kind === 'unchanged') {
        setNote(opts.unchangedText);
        return;
      }
      const next = opts.afterSave ? opts.afterSave(values) : values;
      setSaved(next);
      opts.reset(next);
      setNote(outcome.message);
    } catch (e) {
      opts.onError(e);
    }
  }

  return { saved, failure, setFailure, note, setNote, run };
}

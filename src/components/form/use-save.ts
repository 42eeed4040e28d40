import { useState } from 'react';

/**
 * What a save did: saved (the values become the new baseline, `message` is
 * shown), nothing to save, or sent without a baseline to keep (a task run:
 * the input stays as typed and the caller shows the outcome).
 */
export type SaveOutcome = { kind: 'saved'; message: string } | { kind: 'unchanged' } | { kind: 'sent' };

/**
 * The save step of the edit forms (see useEditForm): what was last saved (the
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
      if (outcome.kind === 'sent') return;
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

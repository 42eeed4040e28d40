import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, type FormEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path } from 'react-hook-form';
import type * as z4 from 'zod/v4/core';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { problemText, reportSaveError } from './form-support.ts';
import { useSave, type SaveOutcome } from './use-save.ts';
import { useUnsavedChanges } from './use-unsaved-changes.ts';

/** Where a failed save is shown: at a field, or above the form. */
export interface SaveErrorPlaces<F extends string> {
  fieldError: (field: F, message: string) => void;
  failure: (text: string) => void;
}

interface EditFormOptions<V extends FieldValues, O, F extends Path<V> & string> {
  /** What the form starts with, and the first baseline an edit is diffed against. */
  initial: V;
  /** The schema, built from what was last saved (keep it stable: useCallback). */
  schema: (saved: V) => z4.$ZodType<O, V>;
  /** The fields a server error may be shown at, and words of the server's that name one of them. */
  fields: readonly F[];
  aliases?: Partial<Record<string, F>>;
  /** Saves; throws the ApiError on failure. `saved` is what was last saved (for the diff). */
  save: (values: V, parsed: O, saved: V) => Promise<SaveOutcome>;
  /** The values to start over with after a save (a create: an empty form); default: what was saved. */
  afterSave?: ((values: V) => V) | undefined;
  /** Shown when `save` finds nothing changed. */
  unchangedText?: string;
  /** Tells the page whether the form holds unsaved input (false again when the form goes). */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
  /** False while typed input is not worth a warning (a task that already ran). Default true. */
  guard?: boolean;
  /** Shows a failure another way than at its field or above the form in the server's words. */
  onError?: (error: unknown, show: SaveErrorPlaces<F>) => void;
}

/**
 * The "edit form" behaviour of every editing form, on react-hook-form and a
 * zod schema: the baseline (what was last saved; `save` sends only what
 * differs from it), the input kept as typed on any failure, a warning before
 * the page is left with unsaved input, and a server error shown at the field
 * its words name (else above the form). Messages are translated (`message`).
 */
export function useEditForm<V extends FieldValues, O, F extends Path<V> & string>(opts: EditFormOptions<V, O, F>) {
  const { t } = useI18n();
  const { saved, failure, setFailure, note, setNote, run } = useSave(opts.initial);
  const { schema } = opts;
  const resolver = useMemo(() => zodResolver(schema(saved)), [schema, saved]);
  // A whole V is a DefaultValues<V> (its deep-partial form); TypeScript cannot show that for a generic V. Not a data boundary.
  const form = useForm<V, unknown, O>({ resolver, defaultValues: opts.initial as DefaultValues<V> });
  const {
    formState: { errors, isSubmitting, isDirty },
  } = form;
  const dirty = isDirty && opts.guard !== false;
  useUnsavedChanges(dirty, t('edit.unsaved'));
  const { onDirtyChange } = opts;
  useEffect(() => {
    onDirtyChange?.(dirty);
    return () => onDirtyChange?.(false);
  }, [dirty, onDirtyChange]);

  const places: SaveErrorPlaces<F> = {
    fieldError: (field, message) => form.setError(field, { type: 'server', message }, { shouldFocus: true }),
    failure: setFailure,
  };
  const submitValid = form.handleSubmit(async (parsed) => {
    const values = form.getValues();
    await run(values, (baseline) => opts.save(values, parsed, baseline), {
      unchangedText: opts.unchangedText ?? t('edit.sensor.nothingChanged'),
      reset: (next) => form.reset(next),
      afterSave: opts.afterSave,
      onError: (e) =>
        opts.onError
          ? opts.onError(e, places)
          : reportSaveError(e, t, { fields: opts.fields, aliases: opts.aliases ?? {} }, places),
    });
  });

  return {
    form,
    register: form.register,
    /** The translated message at a field, if any. */
    message: (name: keyof V & string): string | undefined => {
      const error: unknown = (errors as Record<string, { message?: unknown } | undefined>)[name]?.message;
      return problemText(t, typeof error === 'string' ? error : undefined);
    },
    /** For the form's onSubmit. */
    submit: (e: FormEvent) => void submitValid(e),
    saved,
    failure,
    setFailure,
    note,
    setNote,
    isSubmitting,
    /** Unsaved input (while `guard` holds). */
    isDirty: dirty,
    /** Back to what was last saved. */
    discard: () => {
      form.reset(saved);
      setFailure(null);
      setNote(null);
    },
  };
}

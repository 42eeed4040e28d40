import { z } from 'zod';
import type { SignalState, SignalStateFields } from '../../../api/besmart/schemas.ts';
import { problem, readDecimal } from '../../../components/form/form-support.ts';
import { infoProblem } from '../sensors/sensor-form-schema.ts';

/** What the signal state form holds, as typed. */
export interface SignalStateFormValues {
  signal_type_moid: string;
  value_for_since: string;
  value_for_till: string;
  info: string;
}

export const SIGNAL_STATE_FIELDS = [
  'signal_type_moid',
  'value_for_since',
  'value_for_till',
  'info',
] as const satisfies readonly (keyof SignalStateFormValues)[];

export const emptySignalStateForm: SignalStateFormValues = {
  signal_type_moid: '',
  value_for_since: '',
  value_for_till: '',
  info: '',
};

export function signalStateFormValues(s: SignalState): SignalStateFormValues {
  return {
    signal_type_moid: String(s.signal_type_moid),
    value_for_since: s.value_for_since === null ? '' : String(s.value_for_since),
    value_for_till: s.value_for_till === null ? '' : String(s.value_for_till),
    info: s.info ?? '',
  };
}

const reading = z.string().transform((raw, ctx) => {
  const n = readDecimal(raw);
  if (n !== undefined && Number.isNaN(n)) ctx.addIssue({ code: 'custom', message: problem('edit.validation.number') });
  return n;
});

/**
 * The signal state form's schema. `taken` are the signal types the state
 * already has a signal state for (a state holds one per signal type; the
 * server answers 409 otherwise). `saved` (edit only): a reading or info that
 * had a value cannot be cleared, as the API has no way to send "none".
 */
export function signalStateFormSchema(taken: readonly number[], saved?: SignalStateFormValues) {
  return z
    .object({
      signal_type_moid: z.string().transform((raw, ctx) => {
        const moid = Number(raw);
        if (raw.trim() === '' || !Number.isInteger(moid) || moid <= 0) {
          ctx.addIssue({ code: 'custom', message: problem('edit.signalState.typeRequired') });
          return 0;
        }
        if (saved === undefined && taken.includes(moid))
          ctx.addIssue({ code: 'custom', message: problem('edit.signalState.taken') });
        return moid;
      }),
      value_for_since: reading,
      value_for_till: reading,
      info: z.string().transform((s) => (s.trim() === '' ? undefined : s.trim())),
    })
    .superRefine((v, ctx) => {
      const info = infoProblem(v.info ?? '', null);
      if (info !== null) ctx.addIssue({ code: 'custom', path: ['info'], message: info });
      if (saved !== undefined) {
        for (const field of ['value_for_since', 'value_for_till', 'info'] as const) {
          if (saved[field].trim() !== '' && v[field] === undefined)
            ctx.addIssue({ code: 'custom', path: [field], message: problem('edit.validation.cannotClear') });
        }
      }
    });
}

export type SignalStateFormOutput = z.output<ReturnType<typeof signalStateFormSchema>>;

/** The create call's fields. */
export function createSignalStateFields(
  parsed: SignalStateFormOutput,
): SignalStateFields & { signal_type_moid: number } {
  return {
    signal_type_moid: parsed.signal_type_moid,
    ...(parsed.value_for_since !== undefined ? { value_for_since: parsed.value_for_since } : {}),
    ...(parsed.value_for_till !== undefined ? { value_for_till: parsed.value_for_till } : {}),
    ...(parsed.info !== undefined ? { info: parsed.info } : {}),
  };
}

/** Only the fields whose text differs from what was last saved. */
export function changedSignalStateFields(
  saved: SignalStateFormValues,
  values: SignalStateFormValues,
  parsed: SignalStateFormOutput,
): SignalStateFields {
  const changed = (f: keyof SignalStateFormValues) => values[f].trim() !== saved[f].trim();
  const out: SignalStateFields = {};
  if (changed('value_for_since') && parsed.value_for_since !== undefined) out.value_for_since = parsed.value_for_since;
  if (changed('value_for_till') && parsed.value_for_till !== undefined) out.value_for_till = parsed.value_for_till;
  if (changed('info') && parsed.info !== undefined) out.info = parsed.info;
  return out;
}

import { z } from 'zod';
import type { SensorState, SensorStateFields } from '../../../api/besmart/schemas.ts';
import { problem, readLocalTimeField } from '../../../components/form/form-support.ts';
import { toLocalInputValue } from '../../../lib/local-time.ts';
import { infoProblem } from '../sensors/sensor-form-schema.ts';

/** What the state form holds: text as typed (since and till as `datetime-local` values, local time). */
export interface StateFormValues {
  since: string;
  till: string;
  meter_type_name: string;
  meter_eid: string;
  info: string;
}

export const STATE_FIELDS = [
  'since',
  'till',
  'meter_type_name',
  'meter_eid',
  'info',
] as const satisfies readonly (keyof StateFormValues)[];

export const emptyStateForm: StateFormValues = { since: '', till: '', meter_type_name: '', meter_eid: '', info: '' };

// The state form's tests and callers read and write local times with the app's one module.
export { parseLocalDateTime, toLocalInputValue } from '../../../lib/local-time.ts';

export function stateFormValues(state: SensorState): StateFormValues {
  return {
    since: toLocalInputValue(state.since),
    till: state.till === null ? '' : toLocalInputValue(state.till),
    meter_type_name: state.meter_type_name ?? '',
    meter_eid: state.meter_eid ?? '',
    info: state.info ?? '',
  };
}

/** The first of `others` whose period overlaps since..till (till null: open), or undefined. */
export function findOverlap(
  since: number,
  till: number | null,
  others: readonly SensorState[],
): SensorState | undefined {
  return others.find(
    (o) => since < (o.till ?? Number.POSITIVE_INFINITY) && o.since < (till ?? Number.POSITIVE_INFINITY),
  );
}

/**
 * The state form's schema. Messages are i18n keys (see `problem`).
 * `customFields` are the sensor type's `sensor_state_custom_fields`; `others`
 * are the sensor's other states (a period may not overlap any of them), named
 * in messages by `period`. `saved` (edit only) are the values last saved: a
 * field that had a value cannot be cleared, as the API has no way to send "none".
 */
export function stateFormSchema(
  customFields: string | null,
  others: readonly SensorState[],
  period: (state: SensorState) => string,
  saved?: StateFormValues,
) {
  const optional = z
    .string()
    .trim()
    .max(200, problem('edit.validation.tooLong'))
    .transform((s) => (s === '' ? undefined : s));
  return z
    .object({
      since: z.string().transform((raw, ctx) => {
        if (raw.trim() === '') {
          ctx.addIssue({ code: 'custom', message: problem('edit.state.sinceRequired') });
          return 0;
        }
        return readLocalTimeField(raw, ctx);
      }),
      till: z.string().transform((raw, ctx) => {
        if (raw.trim() === '') return undefined;
        return readLocalTimeField(raw, ctx);
      }),
      meter_type_name: optional,
      meter_eid: optional,
      info: z.string().transform((s) => (s.trim() === '' ? undefined : s.trim())),
    })
    .superRefine((v, ctx) => {
      const info = infoProblem(v.info ?? '', customFields);
      if (info !== null) ctx.addIssue({ code: 'custom', path: ['info'], message: info });
      if (saved !== undefined) {
        for (const field of STATE_FIELDS) {
          if (field !== 'since' && saved[field].trim() !== '' && v[field] === undefined)
            ctx.addIssue({ code: 'custom', path: [field], message: problem('edit.validation.cannotClear') });
        }
      }
      const tillCleared = saved !== undefined && saved.till.trim() !== '' && v.till === undefined;
      if (tillCleared || Number.isNaN(v.since) || v.since === 0 || (v.till !== undefined && Number.isNaN(v.till)))
        return;
      if (v.till !== undefined && v.since >= v.till) {
        ctx.addIssue({ code: 'custom', path: ['till'], message: problem('edit.state.order') });
        return;
      }
      const clash = findOverlap(v.since, v.till ?? null, others);
      if (clash !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['since'],
          message: problem('edit.state.overlap', { period: period(clash) }),
        });
    });
}

export type StateFormOutput = z.output<ReturnType<typeof stateFormSchema>>;

/** The create call's fields from a valid form. */
export function createStateFields(parsed: StateFormOutput): SensorStateFields & { since: number } {
  return {
    since: parsed.since,
    ...(parsed.till !== undefined ? { till: parsed.till } : {}),
    ...(parsed.info !== undefined ? { info: parsed.info } : {}),
    ...(parsed.meter_eid !== undefined ? { meter_eid: parsed.meter_eid } : {}),
    ...(parsed.meter_type_name !== undefined ? { meter_type_name: parsed.meter_type_name } : {}),
  };
}

/** The changes to send on edit: only the fields whose text differs from what was last saved. */
export function changedStateFields(
  saved: StateFormValues,
  values: StateFormValues,
  parsed: StateFormOutput,
): SensorStateFields {
  const changed = (f: keyof StateFormValues) => values[f].trim() !== saved[f].trim();
  const out: SensorStateFields = {};
  if (changed('since')) out.since = parsed.since;
  if (changed('till') && parsed.till !== undefined) out.till = parsed.till;
  if (changed('info') && parsed.info !== undefined) out.info = parsed.info;
  if (changed('meter_eid') && parsed.meter_eid !== undefined) out.meter_eid = parsed.meter_eid;
  if (changed('meter_type_name') && parsed.meter_type_name !== undefined) out.meter_type_name = parsed.meter_type_name;
  return out;
}

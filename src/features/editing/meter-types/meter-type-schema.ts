import { z } from 'zod';
import type { MeterType, MeterTypeParams } from '../../../api/besmart/schemas.ts';
import { problem, readInteger } from '../../../components/form/form-support.ts';

/** What the meter type form holds: text as typed, flags as booleans. */
export interface MeterTypeFormValues {
  meter_type_id: string;
  meter_type_name: string;
  description: string;
  number_of_phases: string;
  is_ami: boolean;
  is_balance: boolean;
  is_dcu: boolean;
  /** Current besmart servers only. */
  is_remote: boolean;
  prefix_name: string;
  default_cap_period: string;
}

export const METER_TYPE_FIELDS = [
  'meter_type_id',
  'meter_type_name',
  'description',
  'number_of_phases',
  'is_ami',
  'is_balance',
  'is_dcu',
  'is_remote',
  'prefix_name',
  'default_cap_period',
] as const satisfies readonly (keyof MeterTypeFormValues)[];

/** A new meter type's form: the next free id, one phase, no flags. */
export function newMeterTypeForm(existing: readonly MeterType[]): MeterTypeFormValues {
  const next = existing.reduce((max, m) => Math.max(max, m.id), 0) + 1;
  return {
    meter_type_id: String(next),
    meter_type_name: '',
    description: '',
    number_of_phases: '1',
    is_ami: false,
    is_balance: false,
    is_dcu: false,
    is_remote: false,
    prefix_name: '',
    default_cap_period: '',
  };
}

export function meterTypeFormValues(m: MeterType): MeterTypeFormValues {
  return {
    meter_type_id: String(m.id),
    meter_type_name: m.meter_type_name,
    description: m.description ?? '',
    number_of_phases: String(m.number_of_phases),
    is_ami: m.is_ami,
    is_balance: m.is_balance,
    is_dcu: m.is_dcu,
    is_remote: m.is_remote ?? false,
    prefix_name: m.prefix_name ?? '',
    default_cap_period: m.default_cap_period === null ? '' : String(m.default_cap_period),
  };
}

/**
 * The meter type form's schema; its output is the API's parameters. On
 * create, `takenIds` are the client's existing ids (a new one must differ).
 * `serverPicksId`: a current besmart server assigns the id of a new meter
 * type itself, so the form asks for none.
 */
export function meterTypeSchema(takenIds: readonly number[] = [], serverPicksId = false) {
  return z.object({
    meter_type_id: z.string().transform((raw, ctx) => {
      const id = readInteger(raw);
      if (id === undefined && serverPicksId) return undefined;
      if (id === undefined) ctx.addIssue({ code: 'custom', message: problem('edit.validation.idRequired') });
      else if (Number.isNaN(id) || id < 1)
        ctx.addIssue({ code: 'custom', message: problem('edit.validation.positiveInteger') });
      else if (takenIds.includes(id))
        ctx.addIssue({ code: 'custom', message: problem('edit.validation.idTaken', { id: String(id) }) });
      return id ?? 0;
    }),
    meter_type_name: z
      .string()
      .trim()
      .min(1, problem('edit.validation.nameRequired'))
      .max(100, problem('edit.validation.tooLong')),
    description: z
      .string()
      .trim()
      .max(500, problem('edit.validation.tooLong'))
      .transform((s) => (s === '' ? undefined : s)),
    number_of_phases: z.string().transform((raw, ctx) => {
      const n = readInteger(raw);
      if (n !== 1 && n !== 2 && n !== 3) ctx.addIssue({ code: 'custom', message: problem('edit.validation.phases') });
      return n ?? 0;
    }),
    is_ami: z.boolean(),
    is_balance: z.boolean(),
    is_dcu: z.boolean(),
    is_remote: z.boolean(),
    prefix_name: z
      .string()
      .trim()
      .max(100, problem('edit.validation.tooLong'))
      .transform((s) => (s === '' ? undefined : s)),
    default_cap_period: z.string().transform((raw, ctx) => {
      const n = readInteger(raw);
      if (n !== undefined && (Number.isNaN(n) || n < 0))
        ctx.addIssue({ code: 'custom', message: problem('edit.validation.positiveInteger') });
      return n;
    }),
  }) satisfies z.ZodType<MeterTypeParams, MeterTypeFormValues>;
}

export type MeterTypeFormOutput = z.output<ReturnType<typeof meterTypeSchema>>;

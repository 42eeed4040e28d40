import { z } from 'zod';
import {
  parseCustomFields,
  type Sensor,
  type SensorType,
  type UpdateSensorParams,
} from '../../../api/besmart/schemas.ts';
import { problem, readDecimal, readInteger } from '../../../components/form/form-support.ts';

/** What the sensor form holds: text as typed (nothing is lost to parsing), flags as booleans. */
export interface SensorFormValues {
  name: string;
  sensor_type_id: string;
  client_cid: string;
  sensor_eid: string;
  lat: string;
  lon: string;
  info: string;
  comments: string;
  uncertain: boolean;
  negligible: boolean;
}

export const SENSOR_FIELDS = [
  'name',
  'sensor_type_id',
  'client_cid',
  'sensor_eid',
  'lat',
  'lon',
  'info',
  'comments',
  'uncertain',
  'negligible',
] as const satisfies readonly (keyof SensorFormValues)[];

export const emptySensorForm: SensorFormValues = {
  name: '',
  sensor_type_id: '',
  client_cid: '',
  sensor_eid: '',
  lat: '',
  lon: '',
  info: '',
  comments: '',
  uncertain: false,
  negligible: false,
};

export function sensorFormValues(sensor: Sensor): SensorFormValues {
  return {
    name: sensor.name,
    sensor_type_id: String(sensor.sensor_type_id),
    client_cid: String(sensor.client_cid),
    sensor_eid: sensor.sensor_eid ?? '',
    lat: sensor.lat === null ? '' : String(sensor.lat),
    lon: sensor.lon === null ? '' : String(sensor.lon),
    info: sensor.info ?? '',
    comments: sensor.comments ?? '',
    uncertain: sensor.uncertain,
    negligible: sensor.negligible,
  };
}

/**
 * What is wrong with an info text for a type whose custom fields are
 * `customFields` (JSON `{"key": {"required": bool}}`), or null when nothing is.
 * Empty info is fine unless the type requires keys.
 */
export function infoProblem(info: string, customFields: string | null): string | null {
  const fields = parseCustomFields(customFields);
  const required = Object.keys(fields).filter((k) => fields[k]?.required === true);
  let value: unknown = {};
  if (info.trim() !== '') {
    try {
      value = JSON.parse(info);
    } catch {
      return problem('edit.validation.infoJson');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('edit.validation.infoObject');
  const missing = required.filter((k) => !Object.hasOwn(value, k));
  if (missing.length > 0) return problem('edit.validation.infoMissing', { keys: missing.join(', ') });
  return null;
}

const decimal = (min: number, max: number, range: 'edit.validation.latRange' | 'edit.validation.lonRange') =>
  z.string().transform((raw, ctx) => {
    const n = readDecimal(raw);
    if (n === undefined) return undefined;
    if (Number.isNaN(n)) ctx.addIssue({ code: 'custom', message: problem('edit.validation.number') });
    else if (n < min || n > max) ctx.addIssue({ code: 'custom', message: problem(range) });
    return n;
  });

/**
 * The sensor form's schema. Messages are i18n keys (see `problem`). The info
 * check needs the chosen type, so the schema is built from the types list.
 * `saved` (edit only) are the values last saved: a position or external id
 * that had a value cannot be cleared, as the API has no way to send "none".
 */
export function sensorFormSchema(types: readonly SensorType[], saved?: SensorFormValues) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, problem('edit.validation.nameRequired'))
        .max(200, problem('edit.validation.tooLong')),
      sensor_type_id: z.string().transform((raw, ctx) => {
        const id = readInteger(raw);
        if (id === undefined || Number.isNaN(id) || !types.some((t) => t.id === id)) {
          ctx.addIssue({ code: 'custom', message: problem('edit.validation.typeRequired') });
          return 0;
        }
        return id;
      }),
      client_cid: z.string().transform((raw, ctx) => {
        const cid = readInteger(raw);
        if (cid === undefined) ctx.addIssue({ code: 'custom', message: problem('edit.validation.cidRequired') });
        else if (Number.isNaN(cid) || cid < 1)
          ctx.addIssue({ code: 'custom', message: problem('edit.validation.positiveInteger') });
        return cid ?? 0;
      }),
      sensor_eid: z
        .string()
        .trim()
        .max(100, problem('edit.validation.tooLong'))
        .transform((s) => (s === '' ? undefined : s)),
      lat: decimal(-90, 90, 'edit.validation.latRange'),
      lon: decimal(-180, 180, 'edit.validation.lonRange'),
      info: z.string().transform((s) => (s.trim() === '' ? undefined : s.trim())),
      comments: z.string().transform((s) => s.trim()),
      uncertain: z.boolean(),
      negligible: z.boolean(),
    })
    .superRefine((v, ctx) => {
      const type = types.find((t) => t.id === v.sensor_type_id);
      const info = infoProblem(v.info ?? '', type?.sensor_custom_fields ?? null);
      if (info !== null) ctx.addIssue({ code: 'custom', path: ['info'], message: info });
      if (saved === undefined) return;
      for (const field of ['sensor_eid', 'lat', 'lon'] as const) {
        if (saved[field].trim() !== '' && v[field] === undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: problem('edit.validation.cannotClear') });
      }
      if (saved.info.trim() !== '' && v.info === undefined)
        ctx.addIssue({ code: 'custom', path: ['info'], message: problem('edit.validation.cannotClear') });
    });
}

export type SensorFormOutput = z.output<ReturnType<typeof sensorFormSchema>>;

/**
 * The changes to send on edit: only the fields whose text differs from what
 * was last saved, in their parsed form. client_cid cannot change.
 */
export function changedSensorFields(saved: SensorFormValues, values: SensorFormValues, parsed: SensorFormOutput) {
  const changed = (f: keyof SensorFormValues) => {
    const now = values[f];
    const before = saved[f];
    return typeof now === 'string' && typeof before === 'string' ? now.trim() !== before.trim() : now !== before;
  };
  const out: UpdateSensorParams = {};
  if (changed('name')) out.name = parsed.name;
  if (changed('sensor_type_id')) out.sensor_type_id = parsed.sensor_type_id;
  if (changed('sensor_eid') && parsed.sensor_eid !== undefined) out.sensor_eid = parsed.sensor_eid;
  if (changed('lat') && parsed.lat !== undefined && parsed.lat !== readDecimal(saved.lat)) out.lat = parsed.lat;
  if (changed('lon') && parsed.lon !== undefined && parsed.lon !== readDecimal(saved.lon)) out.lon = parsed.lon;
  if (changed('info') && parsed.info !== undefined) out.info = parsed.info;
  if (changed('comments')) out.comments = parsed.comments;
  if (changed('uncertain')) out.uncertain = parsed.uncertain;
  if (changed('negligible')) out.negligible = parsed.negligible;
  return out;
}

/** The create call's parameters from a valid form. */
export function createSensorParams(parsed: SensorFormOutput) {
  return {
    name: parsed.name,
    sensor_type_id: parsed.sensor_type_id,
    client_cid: parsed.client_cid,
    ...(parsed.sensor_eid !== undefined ? { sensor_eid: parsed.sensor_eid } : {}),
    ...(parsed.lat !== undefined ? { lat: parsed.lat } : {}),
    ...(parsed.lon !== undefined ? { lon: parsed.lon } : {}),
    ...(parsed.info !== undefined ? { info: parsed.info } : {}),
    uncertain: parsed.uncertain,
    negligible: parsed.negligible,
  };
}

import { z } from 'zod';

/*
 * Wire schemas of besmart.energy, for both versions the app meets: the
 * reference v0.1.5 (../shared/api/besmart-api.md) and the service as
 * documented today, v0.62.23 (besmart-api-current.md). Each `xSchema` parses
 * what either server sends (quirks included) into one normalised shape
 * (`X = z.infer`); each `XWire = z.input` is what may travel on the wire, so
 * the fake type-checks what it sends against the same schema.
 */

/** The two API versions: "v0.1.5" (query-parameter writes, text/plain login) and "current" (FastAPI). */
export const DIALECTS = ['v0.1.5', 'current'] as const;
export type Dialect = (typeof DIALECTS)[number];

const int = z.number().int();

/** A string field the server may leave out or send as null. */
const optText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** Documented as string, sent as number in the examples: accept both, keep a number. */
export const moidSchema = z.union([
  int,
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Numeric ids such as meter_eid come as numbers or strings: keep a string. */
const idText = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));

const optNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

/** A number the server may send as numeric text (D35 types counter readings as strings). */
const optLooseNumber = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)
      .transform(Number),
  ])
  .nullish()
  .transform((v) => v ?? null);

/** An integer id the server may send as text (the current PUT state types meter_type_id as string). */
const optLooseInt = z
  .union([
    int,
    z
      .string()
      .trim()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .nullish()
  .transform((v) => v ?? null);

/** A flag sent as a boolean or (D35 `is_ami`) as "true"/"false". */
const looseBool = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False']).transform((v) => v.toLowerCase() === 'true')])
  .nullish();
const flag = looseBool.transform((v) => v ?? false);
const optFlag = looseBool.transform((v) => v ?? null);

/**
 * `info` of sensors and states: JSON text in v0.1.5, text or an object today.
 * Kept as JSON text, the form both versions accept on writes.
 */
const infoSchema = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)));

// ---------------------------------------------------------------- times

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A besmart time as ms since epoch, or undefined when unreadable. Numbers are
 * ms (v0.1.5), or seconds from 10^8 to 10^11 (1973–5138 in seconds; as ms
 * those would be days of 1970–73, which no reading has); smaller numbers stay ms; text is ISO 8601 with `Z`, an offset, or no zone, which means UTC
 * (the current docs do not show the serialisation). Rolled-over dates such as
 * 2026-02-30 are refused rather than read as March.
 */
export function besmartTime(v: number | string): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    return Math.abs(v) >= 1e8 && Math.abs(v) < 1e11 ? Math.round(v * 1000) : v;
  }
  const text = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return besmartTime(Number(text));
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || check.getUTCHours() !== Number(h)) return undefined;
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
  }
  return base + ms - offset;
}

/** A required time: integer ms, seconds, or an ISO date-time string. */
export const timeSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const t = besmartTime(v);
  if (t === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a time: ${String(v).slice(0, 40)}` });
    return z.NEVER;
  }
  return t;
});
/** A time that may be missing or null (an open state's till). */
const optTimeSchema = z
  .union([timeSchema, z.null()])
  .optional()
  .transform((v) => v ?? null);

// ---------------------------------------------------------------- users

/**
 * Token `expiration` in ms: v0.1.5 sends epoch ms; the current server most
 * likely epoch seconds, possibly fractional (reference §4.3). Below 10^12 is
 * read as seconds: 10^12 ms is 2001, long before any token of ours.
 */
export function expirationMs(e: number): number {
  return e < 1e12 ? Math.round(e * 1000) : e;
}

export const tokenSchema = z
  .object({
    /** Expiration, epoch ms (v0.1.5) or seconds (current). */
    expiration: z.number().nullish(),
    /** v0.1.5 and v0.62.23 say `user_id`; v0.35 documented `id`. */
    user_id: int.optional(),
    id: int.optional(),
    token: z.string().min(1),
    /** Current servers only: an object of undocumented shape. */
    account_status: z.record(z.string(), z.unknown()).nullish(),
  })
  .transform((t) => ({
    token: t.token,
    user_id: t.user_id ?? t.id ?? 0,
    /** Epoch ms; null when the server sent none (the caller assumes two hours). */
    expiration:
      t.expiration === null || t.expiration === undefined || t.expiration <= 0 ? null : expirationMs(t.expiration),
    account_status: t.account_status ?? null,
    /**
     * What the answer says about the server: `account_status` or an
     * expiration in seconds only come from a current one.
     */
    dialectHint:
      t.account_status !== undefined ||
      (t.expiration !== null && t.expiration !== undefined && t.expiration > 0 && t.expiration < 1e12)
        ? ('current' as const)
        : t.expiration !== null && t.expiration !== undefined && t.expiration >= 1e12
          ? ('v0.1.5' as const)
          : undefined,
  }));
export type Token = z.infer<typeof tokenSchema>;
export type TokenWire = z.input<typeof tokenSchema>;

/** Body of POST /users/token (JSON text; v0.1.5 wants it as text/plain). */
export const loginBodySchema = z.object({ login: z.string(), password: z.string() });

// ---------------------------------------------------------------- sensors

export const sensorSchema = z.object({
  /** Additional information as JSON text (the current server may send an object: it is turned into text). */
  info: infoSchema,
  comments: optText,
  client_cid: int,
  sensor_mid: int,
  lat: optNumber,
  lon: optNumber,
  name: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  sensor_eid: idText,
  sensor_type_description: optText,
  /** Required in v0.1.5, optional in the current documents. */
  sensor_type_id: optLooseInt,
  sensor_type_name: optText,
  write: flag,
  execute: flag,
  /** Current servers: may the caller read the sensor's data (null when not said). */
  read: optFlag,
  negligible: flag,
  uncertain: flag,
  /** Current servers: counted in balance calculations. */
  balance_calculation: optFlag,
  /** Current servers: undocumented meaning (an acquisition interval in minutes, by its name). */
  acq_min: optNumber,
  /** Current servers: does the sensor have a state at all. */
  existing_sensor_state: optFlag,
});
export type Sensor = z.infer<typeof sensorSchema>;
export type SensorWire = z.input<typeof sensorSchema>;

export const sensorIdSchema = z.object({ client_cid: int, sensor_mid: int });
export type SensorId = z.infer<typeof sensorIdSchema>;
export type SensorIdWire = z.input<typeof sensorIdSchema>;

export const sensorTypeSchema = z.object({
  id: int,
  name: z.string(),
  description: optText,
  /** JSON text: `{"<key>": {"required": bool}}` for the info of a sensor state. */
  sensor_state_custom_fields: infoSchema,
  /** JSON text: `{"<key>": {"required": bool}}` for the info of a sensor. */
  sensor_custom_fields: infoSchema,
  /** Current servers: a type the system defines (null when not said). */
  is_system_type: optFlag,
  /** Current servers: a type that cannot be changed. */
  is_unchangeable: optFlag,
});
export const sensorTypesSchema = z.array(sensorTypeSchema);
export type SensorType = z.infer<typeof sensorTypeSchema>;
export type SensorTypeWire = z.input<typeof sensorTypeSchema>;

const customFieldsSchema = z.record(
  z.string(),
  z.union([z.object({ required: z.boolean().default(false) }), z.null()]).transform((v) => ({
    required: v?.required ?? false,
  })),
);
export type CustomFields = z.infer<typeof customFieldsSchema>;

/** Reads a sensor type's custom-field definitions; anything unreadable means "no fields". */
export function parseCustomFields(text: string | null): CustomFields {
  if (text === null || text.trim() === '') return {};
  try {
    const parsed = customFieldsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------- meter types

export const meterTypeSchema = z
  .object({
    id: int,
    /** Current servers name it `name`, v0.1.5 `meter_type_name`. */
    name: z.string().optional(),
    meter_type_name: z.string().optional(),
    description: optText,
    number_of_phases: int,
    is_balance: flag,
    is_ami: flag,
    is_dcu: flag,
    /** Current servers only (null when not said). */
    is_remote: optFlag,
    prefix_name: optText,
    default_cap_period: optNumber,
    client_cid: int.nullish().transform((v) => v ?? null),
  })
  .refine((m) => m.name !== undefined || m.meter_type_name !== undefined, {
    message: 'a meter type without a name',
    path: ['name'],
  })
  .transform(({ name, meter_type_name, ...rest }) => ({ ...rest, meter_type_name: name ?? meter_type_name ?? '' }));
export const meterTypesSchema = z.array(meterTypeSchema);
export type MeterType = z.infer<typeof meterTypeSchema>;
export type MeterTypeWire = z.input<typeof meterTypeSchema>;

// ---------------------------------------------------------------- signal types

export const signalTypeSchema = z.object({
  signal_type_moid: moidSchema,
  symbol: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  /**
   * v0.1.5: true for cumulative counters (A+ kWh…), which need differencing
   * to show consumption. Current servers do not send it (null).
   */
  is_incremental: optFlag,
  /** Current servers: replaces is_incremental together with time_series_type; meaning undocumented. */
  is_measurement: optFlag,
  /** Current servers: 0, 1, 2 or null; meaning undocumented, so never read as "cumulative". */
  time_series_type: int.nullish().transform((v) => v ?? null),
  description: optText,
  unit_id: int.nullish().transform((v) => v ?? null),
  unit_symbol: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  group_id: int.nullish().transform((v) => v ?? null),
  group: optText,
  obis_mapping: optText,
  chart_expected_unit: optText,
  keep_prefix: flag,
  /** Current servers: should the signal be charted (null when not said). */
  draw_chart: optFlag,
  apply_multiplier: optFlag,
});
export const signalTypesSchema = z.array(signalTypeSchema);
export type SignalType = z.infer<typeof signalTypeSchema>;
export type SignalTypeWire = z.input<typeof signalTypeSchema>;

// ---------------------------------------------------------------- states

export const signalStateSchema = z.object({
  signal_state_id: int,
  signal_type_moid: moidSchema,
  /** Counter reading at the state's since (cumulative signals). */
  value_for_since: optLooseNumber,
  /** Counter reading at the state's till. */
  value_for_till: optLooseNumber,
  /** v0.1.5 only: current servers send no info on signal states. */
  info: infoSchema,
});
export type SignalState = z.infer<typeof signalStateSchema>;
export type SignalStateWire = z.input<typeof signalStateSchema>;

/**
 * POST /sensors/states/{id}/signals answers the new signal state with its
 * sensor state id; the current documents make every field optional, so only
 * the id is required and the client completes the rest from its request.
 */
export const createdSignalStateSchema = signalStateSchema.partial().extend({
  signal_state_id: int,
  sensor_state_id: int.optional(),
});
export type CreatedSignalState = SignalState & { sensor_state_id: number };
export type CreatedSignalStateWire = z.input<typeof createdSignalStateSchema>;

/** The create answer documents `[[]]` (v0.1.5) or `[{}]` (current) here: empty placeholders are dropped. */
const signalStatesSchema = z
  .array(z.union([signalStateSchema, z.array(z.never()), z.object({}).strict()]))
  .nullish()
  .transform((items) => (items ?? []).filter((s): s is SignalState => !Array.isArray(s) && 'signal_state_id' in s));

const sensorStateFields = {
  sensor_state_id: int,
  client_cid: int,
  sensor_mid: int,
  /** Start, ms since epoch (inclusive): integer ms in v0.1.5, an ISO date-time today. */
  since: timeSchema,
  /** End, ms since epoch; null for a state that is still open. */
  till: optTimeSchema,
  /** Meter external id; the server sends it as a number or a string. */
  meter_eid: idText,
  info: infoSchema,
  meter_type_name: optText,
  /** Current servers name the state's meter type by id. */
  meter_type_id: optLooseInt,
  meter_type_is_ami: optFlag,
  meter_type_is_dcu: optFlag,
  signal_states: signalStatesSchema,
};
export const sensorStateSchema = z.object(sensorStateFields);
export const sensorStatesSchema = z.array(sensorStateSchema);
export type SensorState = z.infer<typeof sensorStateSchema>;
export type SensorStateWire = z.input<typeof sensorStateSchema>;

/**
 * The answer to POST /sensors/states: the current documents make every field
 * optional, so the client completes what is missing from its own request.
 */
export const createdSensorStateSchema = z.object({
  ...sensorStateFields,
  client_cid: int.optional(),
  sensor_mid: int.optional(),
  since: timeSchema.optional(),
});
export type CreatedSensorStateWire = z.input<typeof createdSensorStateSchema>;

// ---------------------------------------------------------------- series

type RawValue = number | string | boolean | null;

const isRawValue = (x: unknown): x is RawValue =>
  x === null || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';

/*
 * Series arrays run to 500,000+ points: they are checked with one loop each
 * instead of a zod schema per element, which is ten times faster.
 */
const arrayOf = <T>(guard: (x: unknown) => x is T, message: string) =>
  z.custom<T[]>((v) => Array.isArray(v) && v.every(guard), message);

const numbers = arrayOf((x): x is number => typeof x === 'number', 'expected a list of numbers');
const integers = arrayOf((x): x is number => Number.isInteger(x), 'expected a list of integers');
const strings = arrayOf((x): x is string => typeof x === 'string', 'expected a list of strings');

const toValue = (v: RawValue): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

/** Values are numbers, null for a missing reading, or (rarely) numeric text; anything else becomes null. */
const seriesValuesSchema = arrayOf(isRawValue, 'expected a list of values').transform((values) => values.map(toValue));

/** Origin of a measured point; the others are 2 predicted, 3 calculated, 4 estimated, 5 corrected. */
export const originMeasured = 1;

/** The point type that deletes the stored point at its time and origin (API README of besmart). */
export const REMOVE_TYPE = 'RM';
/** The point type of an ordinary (double) value. */
export const VALUE_TYPE = 'DBL';

/**
 * A data block exactly as it travels: parallel arrays, `RM` points kept. This
 * is what a PUT carries (the fake parses PUT bodies with it).
 */
export const seriesDataSchema = z
  .object({
    /** Capture times, ms since epoch. */
    time: numbers,
    value: seriesValuesSchema,
    /** Data type names: "DBL" a value, "RM" delete the point. */
    type: strings.default([]),
    /** 1 measured, 2 predicted, 3 calculated, 4 estimated, 5 corrected. */
    origin: integers.default([]),
  })
  .refine((d) => d.value.length === d.time.length, { message: 'time and value differ in length', path: ['value'] });
export type SeriesData = z.infer<typeof seriesDataSchema>;
export type SeriesDataWire = z.input<typeof seriesDataSchema>;

const pointSchema = z.object({
  time: z.number(),
  value: z.custom<RawValue>(isRawValue, 'expected a value').optional(),
  type: z.string().optional(),
  origin: int.optional(),
});

/** Drops `RM` points: a reader never shows a point that was deleted. */
function withoutRemoved(d: SeriesData): SeriesData {
  if (!d.type.includes(REMOVE_TYPE)) return d;
  const out: SeriesData = { time: [], value: [], type: [], origin: [] };
  for (let i = 0; i < d.time.length; i++) {
    const type = d.type[i];
    if (type === REMOVE_TYPE) continue;
    out.time.push(d.time[i] ?? Number.NaN);
    out.value.push(d.value[i] ?? null);
    if (type !== undefined) out.type.push(type);
    const origin = d.origin[i];
    if (origin !== undefined) out.origin.push(origin);
  }
  return out;
}

const emptyData = (): SeriesData => ({ time: [], value: [], type: [], origin: [] });

/**
 * A data block as read: parallel arrays (both versions) or a list of point
 * objects (the 2021 docs' style); missing means an empty series (current
 * servers leave `data` out when there are no points). `RM` points are dropped.
 */
const pointsSchema = z.array(pointSchema).transform((points): SeriesData => ({
  time: points.map((p) => p.time),
  value: points.map((p) => toValue(p.value ?? null)),
  type: points.map((p) => p.type ?? VALUE_TYPE),
  origin: points.map((p) => p.origin ?? originMeasured),
}));
type PointWire = z.input<typeof pointSchema>;

export const seriesReadDataSchema = z
  .custom<SeriesDataWire | PointWire[] | null | undefined>(() => true)
  .transform((v, ctx): SeriesData => {
    if (v === null || v === undefined) return emptyData();
    // Not a z.union: its error would hide which array is wrong behind "invalid input".
    const parsed = Array.isArray(v) ? pointsSchema.safeParse(v) : seriesDataSchema.safeParse(v);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return withoutRemoved(parsed.data);
  });

export const seriesSchema = z.object({
  client_cid: int.nullish().transform((v) => v ?? null),
  sensor_mid: int.nullish().transform((v) => v ?? null),
  signal_type_moid: moidSchema.nullish().transform((v) => v ?? null),
  // A missing key skips the inner schema: an empty series, as current servers mean it.
  data: seriesReadDataSchema.optional().transform((d) => d ?? emptyData()),
  unit: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  /** Current servers: seconds the server spent in storage and elsewhere (timings, not times). */
  time_tstorage: optNumber,
  time_other: optNumber,
});
/** v0.1.5 answers an array; the current single-signal GET answers one object: always a list. */
export const seriesListSchema = z
  .union([z.array(seriesSchema), seriesSchema])
  .transform((v) => (Array.isArray(v) ? v : [v]));
export type Series = z.infer<typeof seriesSchema>;
export type SeriesWire = z.input<typeof seriesSchema>;

/**
 * One item of the multi-get body (POST /sensors/signals/data). Each option
 * travels under both versions' names (`get_last` + `last_acq`,
 * `signal_origin_id` + `origin_id`): each server ignores the other's.
 */
export const seriesRequestSchema = z.object({
  client_cid: int,
  sensor_mid: int,
  signal_type_moid: int,
  since: int,
  till: int,
  get_last: z.boolean().optional(),
  last_acq: z.boolean().optional(),
  delta_t: int.positive().optional(),
  raw: z.boolean().optional(),
  output_unit_id: int.optional(),
  signal_origin_id: int.optional(),
  origin_id: int.optional(),
  /** v0.1.5 only. */
  filters: z.record(z.string(), z.unknown()).optional(),
  /** v0.1.5 only. */
  is_chart: z.boolean().optional(),
});
export type SeriesRequest = z.infer<typeof seriesRequestSchema>;

/** Series as typed arrays for charts: value is NaN where the server sent null. */
export interface SeriesArrays {
  time: Float64Array;
  value: Float64Array;
  /** Origin per point; 1 (measured) when the server sent none. */
  origin: Uint8Array;
}

export function toSeriesArrays(data: SeriesData): SeriesArrays {
  const n = data.time.length;
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  const origin = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = data.time[i] ?? Number.NaN;
    value[i] = data.value[i] ?? Number.NaN;
    origin[i] = data.origin[i] ?? originMeasured;
  }
  return { time, value, origin };
}

// ---------------------------------------------------------------- tasks

export const taskResultSchema = z.object({
  client_cid: int.optional(),
  sensor_mid: int.optional(),
  signal_type_moid: moidSchema.optional(),
  unit: z.string().optional(),
  data: seriesReadDataSchema,
});
export const taskResultsSchema = z.array(taskResultSchema);
export type TaskResult = z.infer<typeof taskResultSchema>;
export type TaskResultWire = z.input<typeof taskResultSchema>;

/** A graph definition for POST /tasks/graphs/run. */
export const graphSchema = z.object({
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()).optional(),
});

// ---------------------------------------------------------------- plain-text bodies

/**
 * Turns a Python-repr-ish text such as `{'status_code': -1, 'message': 'x', 'ok': True}`
 * into a value, or undefined when it cannot be read.
 */
export function parsePythonRepr(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === "'" || c === '"') {
      let s = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          s += text[i + 1];
          i += 2;
        } else {
          s += text[i];
          i++;
        }
      }
      i++;
      out += JSON.stringify(s);
      continue;
    }
    const word = /^[A-Za-z_]+/.exec(text.slice(i, i + 12))?.[0];
    if (word !== undefined) {
      const mapped = { True: 'true', False: 'false', None: 'null', nan: 'null', NaN: 'null' }[word];
      if (mapped === undefined) return undefined;
      out += mapped;
      i += word.length;
      continue;
    }
    out += c === '(' ? '[' : c === ')' ? ']' : c;
    i++;
  }
  try {
    return JSON.parse(out) as unknown;
  } catch {
    return undefined;
  }
}

export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.unknown().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** One item of a FastAPI validation answer (422): `loc` names where, `msg` what. */
const validationItemSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])).default([]),
  msg: z.string(),
  type: z.string().optional(),
});
const validationSchema = z.object({ detail: z.array(validationItemSchema).min(1) });

/** A problem the server found with one input: `field` is the parameter or body key it names (null for the whole body). */
export interface FieldIssue {
  field: string | null;
  message: string;
}

/** Where a `loc` points: its last name after "body"/"query"/"path" (`["body", 0, "since"]` → since). */
function fieldOf(loc: readonly (string | number)[]): string | null {
  const names = loc.filter(
    (p): p is string => typeof p === 'string' && !['body', 'query', 'path', 'header'].includes(p),
  );
  return names.at(-1) ?? null;
}

/**
 * The field problems of a current server's 422 `{"detail": [{loc, msg, type}]}`;
 * empty for any other body.
 */
export function validationIssues(text: string): FieldIssue[] {
  const parsed = validationSchema.safeParse(tryJson(text.trim()));
  if (!parsed.success) return [];
  return parsed.data.detail.map((d) => ({ field: fieldOf(d.loc), message: plainMsg(d.msg) }));
}

/** pydantic prefixes the words of a custom check with "Value error, ": the user needs only the words. */
const plainMsg = (msg: string) => msg.replace(/^Value error,\s*/i, '');

const describeIssues = (issues: readonly FieldIssue[]) =>
  issues.map((i) => (i.field === null ? i.message : `${i.field}: ${i.message}`)).join('; ');

const messageObjectSchema = z.object({ message: z.string().min(1) });

function messageOf(value: unknown, depth = 0): string | undefined {
  if (depth > 2) return undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return undefined;
    if (/^[[{]/.test(text)) {
      const inner = tryJson(text) ?? parsePythonRepr(text);
      if (inner !== undefined) return messageOf(inner, depth + 1) ?? text;
    }
    if (/^".*"$/s.test(text)) return messageOf(tryJson(text), depth + 1) ?? text;
    return text;
  }
  const validation = validationSchema.safeParse(value);
  if (validation.success) {
    return describeIssues(validation.data.detail.map((d) => ({ field: fieldOf(d.loc), message: plainMsg(d.msg) })));
  }
  const problem = problemSchema.safeParse(value);
  if (problem.success) {
    const { detail, title } = problem.data;
    const fromDetail = typeof detail === 'string' ? messageOf(detail, depth + 1) : undefined;
    if (fromDetail !== undefined) return fromDetail;
    if (detail !== undefined && detail !== null && typeof detail !== 'string') {
      const nested = messageOf(detail, depth + 1);
      if (nested !== undefined) return nested;
    }
    const msg = messageObjectSchema.safeParse(value);
    if (msg.success) return msg.data.message;
    if (title !== undefined && title.trim() !== '') return title.trim();
  }
  return undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The server's own words from an error body, in the order of the reference's
 * rule R5: a 422 list (as "field: message; …"), problem+json or FastAPI
 * `detail` (or `title`), a plain or JSON-encoded string, or the `message` of
 * a Python-repr dict. Undefined for an empty body or a web page.
 */
export function errorMessageFromBody(text: string, contentType = ''): string | undefined {
  const body = text.trim();
  if (body === '' || contentType.includes('text/html') || /^</.test(body)) return undefined;
  const json = tryJson(body);
  const message = (json === undefined ? messageOf(body) : messageOf(json))?.trim();
  if (message === undefined || message === '') return undefined;
  return message.length > 300 ? `${message.slice(0, 297)}…` : message;
}

const ROUTE_MISSING_DETAILS = new Set(['Not Found', 'Method Not Allowed']);

/**
 * "Route missing" (rule of the reference §5): a 404/405 whose body is FastAPI's
 * `{"detail": "Not Found"}` / `{"detail": "Method Not Allowed"}` or a
 * problem+json whose detail starts "The requested URL was not found" (or says
 * the method is not allowed). Any other 404, such as `"Resource not found"`,
 * is a missing *resource*: it must never make the client try another path.
 */
export function isRouteMissing(status: number, text: string): boolean {
  if (status !== 404 && status !== 405) return false;
  const problem = problemSchema.safeParse(tryJson(text.trim()));
  if (!problem.success || typeof problem.data.detail !== 'string') return false;
  const detail = problem.data.detail.trim();
  if (problem.data.title === undefined && ROUTE_MISSING_DETAILS.has(detail)) return true;
  return /^The requested URL was not found/i.test(detail) || /^The method is not allowed/i.test(detail);
}

/**
 * What an error body says about the server (rule R6): FastAPI's `{"detail": …}`
 * without a title comes from a current server; problem+json or a bare JSON
 * string from v0.1.5. Undefined when the body says nothing either way.
 */
export function dialectOfError(text: string, contentType = ''): Dialect | undefined {
  const json = tryJson(text.trim());
  if (typeof json === 'string' || contentType.includes('problem+json')) return 'v0.1.5';
  const problem = problemSchema.safeParse(json);
  if (!problem.success || json === null || typeof json !== 'object' || problem.data.detail === undefined)
    return undefined;
  return problem.data.title === undefined ? 'current' : 'v0.1.5';
}

/**
 * The acknowledgement of a write. Any answer but a web page counts (rule R4):
 * `"OK"`, `"Created"`, `"Accepted"` (v0.1.5), 204 with no body or `null`
 * (current), or an object. Returns the words ('' when there are none), or
 * undefined for a web page or JSON cut off midway.
 */
export function ackFromBody(text: string): string | undefined {
  const body = text.trim();
  if (body === '') return '';
  if (/^</.test(body)) return undefined;
  const json = tryJson(body);
  if (typeof json === 'string') return json;
  if (json !== undefined) return '';
  // JSON that does not parse (cut off midway) is not an answer; bare words such as OK are.
  return /^[[{"]/.test(body) ? undefined : body;
}

// ---------------------------------------------------------------- request parameters
// What the client's functions take (times are UTC ms since epoch).

/** A sensor is addressed by client CID and sensor MID ("1.2"). */
export interface SensorRef {
  client_cid: number;
  sensor_mid: number;
}

export interface SignalRef extends SensorRef {
  signal_type_moid: number;
}

export interface CreateSensorParams {
  name: string;
  sensor_type_id: number;
  client_cid: number;
  /** External id, e.g. the meter's serial number. */
  sensor_eid?: string;
  /** Position in degrees (WGS84). */
  lat?: number;
  lon?: number;
  /** Additional information as JSON text, checked by the type's `sensor_custom_fields`. */
  info?: string;
  uncertain?: boolean;
  negligible?: boolean;
}

export type UpdateSensorParams = Partial<Omit<CreateSensorParams, 'client_cid'>> & { comments?: string };

export interface MeterTypeParams {
  /** Needed by v0.1.5 (the caller picks it); current servers assign the id on create. */
  meter_type_id?: number | undefined;
  meter_type_name: string;
  number_of_phases: number;
  description?: string;
  is_ami?: boolean;
  is_balance?: boolean;
  /** Data concentrator unit. */
  is_dcu?: boolean;
  /** Current servers only. */
  is_remote?: boolean;
  prefix_name?: string;
  default_cap_period?: number;
}

export interface SensorStateFields {
  /** Start, ms since epoch. */
  since?: number;
  /** End, ms since epoch; leave out for an open state. */
  till?: number;
  info?: string;
  meter_eid?: string;
  /** The meter type by name (v0.1.5) … */
  meter_type_name?: string;
  /** … and by id (current servers). Both are sent when known; each server ignores the other. */
  meter_type_id?: number;
}

export type CreateSensorStateParams = SensorRef & SensorStateFields & { since: number };

export interface SignalStateFields {
  /** Counter reading at the state's since. */
  value_for_since?: number;
  /** Counter reading at the state's till. */
  value_for_till?: number;
  /** v0.1.5 only: current servers dropped it, so it is not sent to them. */
  info?: string;
}

export interface SignalDataQuery {
  /** Start, ms since epoch. */
  since: number;
  /** End, ms since epoch. */
  till: number;
  /** Only the newest record (by acquisition time) per timestamp — what a chart wants after edits. */
  get_last?: boolean;
  /** Aggregate into buckets of this many minutes. */
  delta_t?: number;
  raw?: boolean;
  output_unit_id?: number;
  /** Only points of this origin (1 measured…); also applied to the answer, as a server may ignore it. */
  signal_origin_id?: number;
  /** v0.1.5 only: filters for complex structures, JSON text. */
  filters?: string;
  /** v0.1.5 only: use the signal type's `chart_expected_unit`. */
  is_chart?: boolean;
}

/** Data of a PUT: parallel arrays; `value` null writes a missing reading, type "RM" deletes the point. */
export type SeriesInput = SeriesDataWire;

export interface SeriesPut extends SignalRef {
  data: SeriesInput;
  unit?: string;
}

export interface TaskOptions {
  /** v0.1.5 only; defaults to 5 on the server. */
  task_priority?: number;
  /** v0.1.5 only: run in the background (202 "Accepted", no result). */
  task_async?: boolean;
  /** Start and end, ms since epoch. */
  since?: number;
  till?: number;
}

/** The task options a server of this version ignores (the tasks form says so). */
export function ignoredTaskOptions(dialect: Dialect | undefined): (keyof TaskOptions)[] {
  return dialect === 'current' ? ['task_priority', 'task_async'] : [];
}

export type TaskOutcome =
  | { status: 'accepted' }
  /** `text` is the raw answer when it was text (the by-name endpoint answers a Python-repr string). */
  | { status: 'done'; results: TaskResult[]; text?: string };

/** Raw graphs run only on v0.1.5: current servers removed POST /tasks/graphs/run (v0.44.44.3). */
export function offersRawGraphs(dialect: Dialect | undefined): boolean {
  return dialect !== 'current';
}

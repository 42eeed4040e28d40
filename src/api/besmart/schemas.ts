import { z } from 'zod';

/*
 * Wire schemas of besmart.energy. Each `xSchema` parses what the real service
 * sends (quirks included) into a normalised shape (`X = z.infer`); each
 * `XWire = z.input` is what may travel on the wire, so the fake type-checks
 * what it sends against the same schema.
 */

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

// ---------------------------------------------------------------- users

export const tokenSchema = z.object({
  /** Expiration time, ms since epoch. */
  expiration: z.number(),
  user_id: int,
  token: z.string().min(1),
});
export type Token = z.infer<typeof tokenSchema>;
export type TokenWire = z.input<typeof tokenSchema>;

/** Body of POST /users/token (sent as text/plain). */
export const loginBodySchema = z.object({ login: z.string(), password: z.string() });

// ---------------------------------------------------------------- sensors

export const sensorSchema = z.object({
  /** Additional information, a JSON object as text. */
  info: optText,
  comments: optText,
  client_cid: int,
  sensor_mid: int,
  lat: optNumber,
  lon: optNumber,
  name: z.string(),
  sensor_eid: idText,
  sensor_type_description: optText,
  sensor_type_id: int,
  sensor_type_name: optText,
  write: z.boolean().default(false),
  execute: z.boolean().default(false),
  negligible: z.boolean().default(false),
  uncertain: z.boolean().default(false),
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
  sensor_state_custom_fields: optText,
  /** JSON text: `{"<key>": {"required": bool}}` for the info of a sensor. */
  sensor_custom_fields: optText,
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

export const meterTypeSchema = z.object({
  id: int,
  meter_type_name: z.string(),
  description: optText,
  number_of_phases: int,
  is_balance: z.boolean().default(false),
  is_ami: z.boolean().default(false),
  is_dcu: z.boolean().default(false),
});
export const meterTypesSchema = z.array(meterTypeSchema);
export type MeterType = z.infer<typeof meterTypeSchema>;
export type MeterTypeWire = z.input<typeof meterTypeSchema>;

// ---------------------------------------------------------------- signal types

export const signalTypeSchema = z.object({
  signal_type_moid: moidSchema,
  symbol: z.string(),
  /** True for cumulative counters (A+ kWh…), which need differencing to show consumption. */
  is_incremental: z.boolean(),
  description: optText,
  unit_id: int.nullish().transform((v) => v ?? null),
  unit_symbol: z.string(),
  group_id: int.nullish().transform((v) => v ?? null),
  group: optText,
  obis_mapping: optText,
  chart_expected_unit: optText,
  keep_prefix: z.boolean().default(false),
});
export const signalTypesSchema = z.array(signalTypeSchema);
export type SignalType = z.infer<typeof signalTypeSchema>;
export type SignalTypeWire = z.input<typeof signalTypeSchema>;

// ---------------------------------------------------------------- states

export const signalStateSchema = z.object({
  signal_state_id: int,
  signal_type_moid: moidSchema,
  /** Counter reading at the state's since (cumulative signals). */
  value_for_since: optNumber,
  /** Counter reading at the state's till. */
  value_for_till: optNumber,
  info: optText,
});
export type SignalState = z.infer<typeof signalStateSchema>;
export type SignalStateWire = z.input<typeof signalStateSchema>;

/** POST /sensors/states/{id}/signals answers the new signal state with its sensor state id. */
export const createdSignalStateSchema = signalStateSchema.extend({ sensor_state_id: int });
export type CreatedSignalState = z.infer<typeof createdSignalStateSchema>;
export type CreatedSignalStateWire = z.input<typeof createdSignalStateSchema>;

export const sensorStateSchema = z.object({
  sensor_state_id: int,
  client_cid: int,
  sensor_mid: int,
  /** Start, ms since epoch (inclusive). */
  since: z.number(),
  /** End, ms since epoch; null for a state that is still open. */
  till: optNumber,
  /** Meter external id; the server sends it as a number or a string. */
  meter_eid: idText,
  info: optText,
  meter_type_name: optText,
  meter_type_is_ami: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  /** The create answer documents `[[]]` here: empty placeholders are dropped. */
  signal_states: z
    .array(z.union([signalStateSchema, z.array(z.never())]))
    .default([])
    .transform((items) => items.filter((s): s is SignalState => !Array.isArray(s))),
});
export const sensorStatesSchema = z.array(sensorStateSchema);
export type SensorState = z.infer<typeof sensorStateSchema>;
export type SensorStateWire = z.input<typeof sensorStateSchema>;

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

/** Values are numbers, null for a missing reading, or (rarely) numeric text; anything else becomes null. */
const seriesValuesSchema = arrayOf(isRawValue, 'expected a list of values').transform((values) =>
  values.map((v): number | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return null;
  }),
);

export const seriesDataSchema = z
  .object({
    /** Capture times, ms since epoch. */
    time: numbers,
    value: seriesValuesSchema,
    /** Data type names, e.g. "DBL". */
    type: strings.default([]),
    /** 1 measured; other ids estimated or predicted. */
    origin: integers.default([]),
  })
  .refine((d) => d.value.length === d.time.length, { message: 'time and value differ in length', path: ['value'] });
export type SeriesData = z.infer<typeof seriesDataSchema>;
export type SeriesDataWire = z.input<typeof seriesDataSchema>;

export const seriesSchema = z.object({
  client_cid: int,
  sensor_mid: int,
  signal_type_moid: moidSchema,
  data: seriesDataSchema,
  unit: z.string().default(''),
});
export const seriesListSchema = z.array(seriesSchema);
export type Series = z.infer<typeof seriesSchema>;
export type SeriesWire = z.input<typeof seriesSchema>;

/** One item of the multi-get body (POST /sensors/signals/data). */
export const seriesRequestSchema = z.object({
  client_cid: int,
  sensor_mid: int,
  signal_type_moid: int,
  since: z.number(),
  till: z.number(),
  get_last: z.boolean().optional(),
  delta_t: int.positive().optional(),
  raw: z.boolean().optional(),
  output_unit_id: int.optional(),
  signal_origin_id: int.optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  is_chart: z.boolean().optional(),
});
export type SeriesRequest = z.infer<typeof seriesRequestSchema>;

export const originMeasured = 1;

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
  data: seriesDataSchema,
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
 * The server's own words from an error body: problem+json `detail` (or
 * `title`), a plain or JSON-encoded string, or the `message` of a
 * Python-repr dict. Undefined for an empty body or a web page.
 */
export function errorMessageFromBody(text: string, contentType = ''): string | undefined {
  const body = text.trim();
  if (body === '' || contentType.includes('text/html') || /^</.test(body)) return undefined;
  const json = tryJson(body);
  const message = (json === undefined ? messageOf(body) : messageOf(json))?.trim();
  if (message === undefined || message === '') return undefined;
  return message.length > 300 ? `${message.slice(0, 297)}…` : message;
}

/**
 * The acknowledgement of a write: `"OK"`, `"Created"`, `"Accepted"` as JSON
 * strings or bare text, or an empty body (204). Returns the words ('' when empty),
 * or undefined when the body is not an acknowledgement.
 */
export function ackFromBody(text: string): string | undefined {
  const body = text.trim();
  if (body === '') return '';
  const json = tryJson(body);
  if (typeof json === 'string') return json;
  if (json === undefined && !/^[<[{]/.test(body)) return body;
  return undefined;
}

import fc from 'fast-check';
import { z as zod, type z } from 'zod';
import {
  answerWith,
  answers,
  bodyAsRead,
  emptyAnswer,
  failsInTransit,
  expectReadableApiError,
  jsonOf,
  mutatedRawText,
  mutatedText,
  mutatedValue,
  oddJson,
  runs,
  settle,
  strangeText,
  type FakeAnswer,
  type Json,
} from '../../test/fuzz.ts';
import { setupFakeServices } from '../../test/server.ts';
import { isApiError } from '../errors.ts';
import { parseWith } from '../http.ts';
import * as api from './client.ts';
import {
  ackFromBody,
  createdSensorStateSchema,
  createdSignalStateSchema,
  DIALECTS,
  errorMessageFromBody,
  meterTypesSchema,
  parseCustomFields,
  parsePythonRepr,
  sensorIdSchema,
  sensorSchema,
  sensorStatesSchema,
  sensorTypesSchema,
  seriesListSchema,
  signalTypesSchema,
  taskResultSchema,
  taskResultsSchema,
  toSeriesArrays,
  tokenSchema,
  type CreatedSignalStateWire,
  type Dialect,
  type MeterTypeWire,
  type SensorIdWire,
  type SensorStateWire,
  type SensorTypeWire,
  type SensorWire,
  type SeriesWire,
  type SignalTypeWire,
  type TaskResultWire,
  type TokenWire,
} from './schemas.ts';

/*
 * Property: whatever besmart.energy (or a proxy in front of it) answers, each
 * client call resolves to what its schema makes of the body, or rejects with
 * a readable ApiError — never with a TypeError, SyntaxError, RangeError….
 */

// ---------------------------------------------------------------- valid samples (the reference's examples and quirks)

const token: TokenWire = { expiration: 1586861098825, user_id: 1, token: 'ab9d27c9044820c9998f326021dc4003' };
/** A current server's login answer: expiration in (fractional) seconds, account_status, or D35's `id`. */
const currentToken: TokenWire = {
  expiration: 1764675898.25,
  user_id: 1,
  token: 'c0ffee',
  account_status: { active: true },
};
const d35Token: TokenWire = { expiration: 1764675898, id: 3, token: 'd35' };
const sensorId: SensorIdWire = { client_cid: 1, sensor_mid: 2 };
const sensor: SensorWire = {
  info: '{}',
  comments: 'Licznik do likwidacji.',
  client_cid: 1,
  sensor_mid: 1,
  lat: 53.13,
  lon: 22.06,
  name: 'sensor name',
  sensor_eid: '48003752B205900000',
  sensor_type_description: 'Stacja',
  sensor_type_id: 12,
  sensor_type_name: 'meter_station',
  write: true,
  execute: true,
  negligible: true,
  uncertain: false,
};
/** Today's sensor: info as an object and the fields added since v0.1.5. */
const currentSensor: SensorWire = {
  ...sensor,
  info: { tariff: 'G11' },
  read: true,
  balance_calculation: false,
  acq_min: 15,
  existing_sensor_state: true,
};
const sensorTypes: SensorTypeWire[] = [
  {
    description: 'Wirtualny',
    id: 1,
    name: 'virtual',
    sensor_state_custom_fields: '{"tariff": {"required": true}, "meter_max_digits": {"required": false}}',
    sensor_custom_fields: '{"tariff": {"required": true}, "meter_max_digits": null}',
  },
  { id: 2, name: 'meter', description: null, sensor_state_custom_fields: null },
];
const meterTypes: MeterTypeWire[] = [
  {
    id: 1206095,
    meter_type_name: 'Meter type name',
    description: 'Description of meter type',
    number_of_phases: 3,
    is_balance: true,
    is_ami: true,
    is_dcu: false,
  },
  { id: 2, meter_type_name: 'x', number_of_phases: 1 },
  {
    id: 3,
    name: 'Current name',
    number_of_phases: 1,
    is_ami: 'true',
    client_cid: 1,
    is_remote: true,
    prefix_name: 'PX',
    default_cap_period: 15,
  },
];
const signalTypes: SignalTypeWire[] = [
  {
    signal_type_moid: 32,
    symbol: 'A+',
    is_incremental: true,
    description: 'Energia czynna pobrana z sieci',
    unit_id: 1,
    unit_symbol: 'kW.h',
    group_id: 2,
    group: 'Energetyka',
    obis_mapping: '1.8.0',
    chart_expected_unit: 'kW',
    keep_prefix: false,
  },
  { signal_type_moid: ' 64 ', symbol: 'P', is_incremental: false, unit_symbol: 'kW', unit_id: null },
  {
    signal_type_moid: 70,
    symbol: 'PV',
    is_measurement: true,
    time_series_type: null,
    unit_symbol: 'kW',
    draw_chart: true,
  },
  { signal_type_moid: 33, symbol: 'A-', is_measurement: false, time_series_type: 1, unit_symbol: 'kW.h' },
];
const createdSignalState = {
  sensor_state_id: 7986,
  signal_state_id: 798649,
  signal_type_moid: 32,
  value_for_since: 6,
  value_for_till: 120,
  info: '{"PPECODE":"PL_ZEBB_2006000099","METER_DEV":936692255,"TARIFF_NAME":"C12A"}',
} satisfies CreatedSignalStateWire;
const sensorStates: SensorStateWire[] = [
  {
    sensor_state_id: 7986,
    client_cid: 1,
    sensor_mid: 1,
    since: 1577836800000,
    till: 1609459200000,
    meter_eid: 936692255,
    info: '{}',
    meter_type_name: 'C12A',
    meter_type_is_ami: true,
    signal_states: [createdSignalState, { signal_state_id: 2, signal_type_moid: '33', value_for_since: null }],
  },
  { sensor_state_id: 7987, client_cid: 1, sensor_mid: 1, since: 1609459200000, till: null, signal_states: [[]] },
  {
    sensor_state_id: 7988,
    client_cid: 1,
    sensor_mid: 1,
    since: '2026-11-01T00:00:00',
    till: '2026-11-30T23:00:00+01:00',
    info: { METER_DEV: 1 },
    meter_type_id: 3,
    meter_type_is_dcu: false,
    signal_states: [{ signal_state_id: 3, signal_type_moid: 32, value_for_since: '6.5', value_for_till: 7 }],
  },
  { sensor_state_id: 7989, client_cid: 1, sensor_mid: 1, since: '2026-12-01T00:00:00.250Z', signal_states: [{}] },
];
const series: SeriesWire[] = [
  {
    client_cid: 12,
    sensor_mid: 122,
    signal_type_moid: 32,
    data: {
      time: [1577836800000, 1577837700000, 1577838600000],
      value: [10.01, null, '3.5'],
      type: ['DBL', 'DBL', 'DBL'],
      origin: [1, 1, 4],
    },
    unit: 'kW.h',
  },
  { client_cid: 12, sensor_mid: 122, signal_type_moid: '64', data: { time: [], value: [] } },
  // Current servers: no data block for an empty series, timings beside it, RM points.
  { client_cid: 12, sensor_mid: 122, signal_type_moid: 32, unit: 'kW.h', time_tstorage: 0.05, time_other: 0.01 },
  {
    client_cid: 12,
    sensor_mid: 122,
    signal_type_moid: 32,
    data: { time: [1, 2], value: [0, 2.5], type: ['RM', 'DBL'], origin: [1, 5] },
  },
];
const taskResults: TaskResultWire[] = [{ data: { time: [1577836800000], value: [10.01], type: ['DBL'], origin: [1] } }];
const pythonRepr =
  "{'client_cid': 13, 'sensor_mid': 13781, 'signal_type_moid': 32, 'data': {'time': [1577836800000, 1577837700000], " +
  "'value': [1.5, None], 'type': ('DBL', 'DBL'), 'origin': [1, 1]}, 'unit': 'kW.h', 'time_tstorage': 0.0593122320715338, " +
  "'hook_from': 'output', 'ok': True}";

/** Bodies of error answers (sent by any endpoint, under any status): problem+json, Python-repr detail, JSON-encoded strings. */
const errorBodies: Json[] = [
  { type: 'about:blank', title: 'Not Found', status: 404, detail: 'The sensor 1.99 does not exist' },
  { title: 'Conflict', status: 409, detail: "{'status_code': -1, 'message': 'States overlap', 'ok': False}" },
  { detail: { message: 'Nested words' } },
  { message: 'Invalid login or password' },
  '"Quoted words"',
  "{'message': 'Python words'}",
];

const acks: Json[] = ['OK', 'Created', 'Accepted', ''];

// ---------------------------------------------------------------- endpoints

const TOKEN = 'ab9d27c9044820c9998f326021dc4003';
const S = { client_cid: 1, sensor_mid: 2 };
const SIG = { ...S, signal_type_moid: 32 };
const points = { time: [1], value: [1.5] };

type Endpoint =
  | {
      name: string;
      kind: 'json';
      samples: Json[];
      schema: z.ZodType;
      call: () => Promise<unknown>;
      /** Where the client completes the parsed body (login, creates): how its answer relates to it. */
      check?: ((value: unknown, parsed: unknown) => void) | undefined;
    }
  | { name: string; kind: 'ack'; samples: Json[]; call: () => Promise<void> }
  | { name: string; kind: 'task'; samples: Json[]; call: () => Promise<api.TaskOutcome> };

const json = (
  name: string,
  schema: z.ZodType,
  samples: unknown[],
  call: () => Promise<unknown>,
  check?: (value: unknown, parsed: unknown) => void,
): Endpoint => ({
  name,
  kind: 'json',
  schema,
  samples: samples.map(jsonOf),
  call,
  check,
});

/** The answer keeps every field the body gave (the client only adds what was missing). */
const keepsWhatCame = (value: unknown, parsed: unknown) => {
  const given = Object.fromEntries(
    Object.entries(parsed !== null && typeof parsed === 'object' ? parsed : {}).filter(
      ([, v]) => v !== null && v !== undefined,
    ),
  );
  expect(value).toMatchObject(given);
};
const signedInShape = zod.object({ token: zod.string(), user_id: zod.number(), expiration: zod.number().nullable() });
const signedInFrom = (value: unknown, parsed: unknown) => {
  const t = signedInShape.parse(parsed);
  expect(value).toMatchObject({ token: t.token, user_id: t.user_id });
  if (t.expiration !== null) expect(value).toMatchObject({ expiration: t.expiration });
};
const ack = (name: string, call: () => Promise<void>): Endpoint => ({
  name,
  kind: 'ack',
  samples: acks,
  call,
});
const task = (name: string, call: () => Promise<api.TaskOutcome>): Endpoint => ({
  name,
  kind: 'task',
  samples: [jsonOf(taskResults), jsonOf(taskResults[0]), pythonRepr],
  call,
});

/** Every endpoint, called as a session that knows the server's version (or not yet: undefined) would call it. */
const endpointsFor = (dialect: Dialect | undefined): Endpoint[] => {
  // A fresh session per call: what one answer teaches must not steer the next.
  const auth = (): api.BesmartAuth => ({ token: TOKEN, dialect });
  return [
    json(
      'login',
      tokenSchema,
      [token, currentToken, d35Token],
      () => api.login({ login: 'l', password: 'p', workspaceKey: 'k' }),
      (v, p) => signedInFrom(v, p),
    ),
    json('refreshToken', tokenSchema, [token, currentToken], () => api.refreshToken(auth()), signedInFrom),
    json('createSensor', sensorIdSchema, [sensorId], () =>
      api.createSensor(auth(), { name: 'n', sensor_type_id: 1, client_cid: 1 }),
    ),
    json('getSensor', sensorSchema, [sensor, currentSensor], () => api.getSensor(auth(), S)),
    ack('updateSensor', () => api.updateSensor(auth(), S, { name: 'n' })),
    ack('deleteSensor', () => api.deleteSensor(auth(), S)),
    json('getSensorTypes', sensorTypesSchema, [sensorTypes, []], () => api.getSensorTypes(auth())),
    json('getMeterTypes', meterTypesSchema, [meterTypes], () => api.getMeterTypes(auth(), 1)),
    ack('createMeterType', async () => {
      await api.createMeterType(auth(), 1, { meter_type_id: 1, meter_type_name: 'm', number_of_phases: 1 });
    }),
    ack('updateMeterType', () =>
      api.updateMeterType(auth(), 1, { meter_type_id: 1, meter_type_name: 'm', number_of_phases: 3 }),
    ),
    ack('deleteMeterType', () => api.deleteMeterType(auth(), 1, 1)),
    json('getSignalTypes', signalTypesSchema, [signalTypes], () => api.getSignalTypes(auth())),
    json('getSensorStates', sensorStatesSchema, [sensorStates], () => api.getSensorStates(auth(), S)),
    json(
      'createSensorState',
      createdSensorStateSchema,
      [sensorStates[0], sensorStates[1], { sensor_state_id: 9, since: 5, till: 6, signal_states: [{}] }],
      () => api.createSensorState(auth(), { ...S, since: 0 }),
      keepsWhatCame,
    ),
    ack('updateSensorState', () => api.updateSensorState(auth(), 1, { till: 5 })),
    ack('deleteSensorState', () => api.deleteSensorState(auth(), 1)),
    json(
      'createSignalState',
      createdSignalStateSchema,
      [createdSignalState, { signal_state_id: 5 }],
      () => api.createSignalState(auth(), 1, { signal_type_moid: 32, value_for_since: 1 }),
      keepsWhatCame,
    ),
    json('getSignalStates', sensorStatesSchema, [sensorStates], () => api.getSignalStates(auth(), SIG)),
    ack('updateSignalState', () => api.updateSignalState(auth(), 1, { value_for_till: 2 })),
    ack('deleteSignalState', () => api.deleteSignalState(auth(), 1)),
    json('getSignalData', seriesListSchema, [series], () => api.getSignalData(auth(), SIG, { since: 0, till: 1 })),
    ack('putSignalData', () => api.putSignalData(auth(), SIG, points)),
    json('getSignalsData', seriesListSchema, [series], () =>
      api.getSignalsData(auth(), [{ ...SIG, since: 0, till: 1 }]),
    ),
    ack('putSignalsData', () => api.putSignalsData(auth(), [{ ...SIG, data: points }])),
    task('runGraph', () => api.runGraph(auth(), { nodes: [] })),
    task('runGraphByName', () => api.runGraphByName(auth(), 'g', [{ client_cid: 1 }])),
  ];
};

const OK_STATUSES = [200, 200, 201, 202, 204];

function bodies(samples: readonly Json[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: mutatedText(samples) },
    { weight: 2, arbitrary: mutatedText(errorBodies) },
    { weight: 1, arbitrary: oddJson.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: strangeText },
  );
}

function expectOutcome(value: unknown, ep: Endpoint, answer: FakeAnswer): void {
  expect(answer.status).toBeLessThan(400);
  expect(failsInTransit(answer)).toBe(false);
  const text = bodyAsRead(answer);
  switch (ep.kind) {
    case 'json': {
      const body: unknown = JSON.parse(text);
      if (ep.check) ep.check(value, ep.schema.parse(body));
      else expect(value).toEqual(ep.schema.parse(body));
      return;
    }
    case 'ack':
      expect(value).toBeUndefined();
      expect(ackFromBody(text)).toBeDefined();
      return;
    case 'task': {
      if (answer.status === 202) {
        expect(value).toEqual({ status: 'accepted' });
        return;
      }
      const outcome = taskOutcome(value);
      expect(outcome.status).toBe('done');
      for (const r of outcome.results) {
        const arrays = toSeriesArrays(r.data);
        expect(arrays.value.length).toBe(arrays.time.length);
      }
    }
  }
}

function taskOutcome(value: unknown): { status: string; results: z.infer<typeof taskResultsSchema> } {
  const parsed = taskResultsSchema.safeParse(
    value !== null && typeof value === 'object' && 'results' in value ? value.results : undefined,
  );
  if (!parsed.success) throw new Error('a done outcome has results that are task results');
  return {
    status: value !== null && typeof value === 'object' && 'status' in value ? String(value.status) : '',
    results: parsed.data,
  };
}

describe('besmart client against arbitrary answers', () => {
  let current = emptyAnswer;
  setupFakeServices({ handlers: [answerWith('besmart', () => current)] });

  const cases = [...DIALECTS, undefined].flatMap((dialect) =>
    endpointsFor(dialect).map((ep) => [ep.name, dialect ?? 'an unknown version', ep] as const),
  );
  it.each(cases)(
    '%s (to %s) resolves to its schema’s output or rejects with an ApiError',
    async (_name, _dialect, ep) => {
      await fc.assert(
        fc.asyncProperty(answers(bodies(ep.samples), OK_STATUSES), async (answer) => {
          current = answer;
          const result = await settle<unknown>(ep.call());
          if (result.ok) expectOutcome(result.value, ep, answer);
          else expectReadableApiError(result.error, 'besmart', answer);
        }),
        { numRuns: runs(40) },
      );
    },
    20_000,
  );
});

// ---------------------------------------------------------------- pure functions

/** A JSON value written as Python's repr would: single quotes, True/False/None, sometimes tuples. */
const pythonReprOf = (value: Json, tuples: boolean): string => {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) {
    const items = value.map((v) => pythonReprOf(v, tuples)).join(', ');
    return tuples ? `(${items})` : `[${items}]`;
  }
  return `{${Object.entries(value)
    .map(([k, v]) => `${pythonReprOf(k, tuples)}: ${pythonReprOf(v ?? null, tuples)}`)
    .join(', ')}}`;
};

const reprTexts: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      value: mutatedValue([jsonOf(taskResults[0]), ...errorBodies]),
      tuples: fc.boolean(),
      cut: fc.option(fc.nat()),
    })
    .map(({ value, tuples, cut }) => {
      const text = value === undefined ? '' : pythonReprOf(value, tuples);
      return cut === null ? text : text.slice(0, cut % (text.length + 1));
    }),
  mutatedRawText([pythonRepr, "{'status_code': -1, 'message': 'x', 'ok': True}", "('a\\'b', \"c\", None)"]),
  fc.stringMatching(/^[[{('"\]})\\ ,:a-zA-Z0-9_.-]*$/),
  strangeText,
);

const errorTexts: fc.Arbitrary<string> = fc.oneof(mutatedText(errorBodies), reprTexts);

const contentTypes = fc.constantFrom('', 'application/json', 'application/problem+json', 'text/plain', 'text/html');

describe('besmart plain-text readers against arbitrary text', () => {
  it('parsePythonRepr never throws', () => {
    fc.assert(
      fc.property(reprTexts, (text) => {
        parsePythonRepr(text);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('errorMessageFromBody gives undefined or at most 300 characters, and never throws', () => {
    fc.assert(
      fc.property(errorTexts, contentTypes, (text, contentType) => {
        const message = errorMessageFromBody(text, contentType);
        if (message !== undefined) {
          expect(typeof message).toBe('string');
          expect(message.length).toBeGreaterThan(0);
          expect(message.length).toBeLessThanOrEqual(300);
        }
      }),
      { numRuns: runs(3000) },
    );
  });

  it('ackFromBody gives the words or undefined, and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedText(acks), strangeText), (text) => {
        const words = ackFromBody(text);
        expect(words === undefined || typeof words === 'string').toBe(true);
        if (text.trim() === '') expect(words).toBe('');
      }),
      { numRuns: runs(2000) },
    );
  });

  it('parseCustomFields gives an object of {required} for any text', () => {
    const fields = fc.oneof(
      mutatedText([{ tariff: { required: true }, meter_max_digits: { required: false }, x: null }]),
      strangeText,
      fc.constant(null),
    );
    fc.assert(
      fc.property(fields, (text) => {
        const parsed = parseCustomFields(text);
        for (const v of Object.values(parsed)) expect(typeof v.required).toBe('boolean');
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('besmart schemas against arbitrary values', () => {
  const anything = fc.anything({
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withUnicodeString: true,
  });
  const cases: { name: string; schema: z.ZodType; values: fc.Arbitrary<unknown> }[] = [
    { name: 'token', schema: tokenSchema, values: mutatedValue([jsonOf(token)]) },
    { name: 'sensor', schema: sensorSchema, values: mutatedValue([jsonOf(sensor)]) },
    { name: 'sensor types', schema: sensorTypesSchema, values: mutatedValue([jsonOf(sensorTypes)]) },
    { name: 'meter types', schema: meterTypesSchema, values: mutatedValue([jsonOf(meterTypes)]) },
    { name: 'signal types', schema: signalTypesSchema, values: mutatedValue([jsonOf(signalTypes)]) },
    { name: 'sensor states', schema: sensorStatesSchema, values: mutatedValue([jsonOf(sensorStates)]) },
    { name: 'signal state', schema: createdSignalStateSchema, values: mutatedValue([jsonOf(createdSignalState)]) },
    { name: 'series', schema: seriesListSchema, values: mutatedValue([jsonOf(series)]) },
    { name: 'task result', schema: taskResultSchema, values: mutatedValue([jsonOf(taskResults[0])]) },
  ];
  const inputs = fc.constantFrom(...cases).chain((c) =>
    fc.record({
      c: fc.constant(c),
      value: fc.oneof({ weight: 3, arbitrary: c.values }, { weight: 1, arbitrary: anything }),
    }),
  );

  it('parseWith only ever throws an ApiError of kind "parse"', () => {
    fc.assert(
      fc.property(inputs, ({ c, value }) => {
        try {
          parseWith('besmart', `Reading ${c.name}`, c.schema, value);
        } catch (e) {
          if (!isApiError(e)) throw e;
          expect(e.kind).toBe('parse');
          expect(e.message).toMatch(/^Reading .+ failed: besmart sent an answer the app cannot read/);
        }
      }),
      { numRuns: runs(3000) },
    );
  });
});

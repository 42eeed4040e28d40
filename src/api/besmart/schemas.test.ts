import {
  ackFromBody,
  errorMessageFromBody,
  parseCustomFields,
  parsePythonRepr,
  sensorStateSchema,
  seriesSchema,
  signalStateSchema,
  signalTypeSchema,
  toSeriesArrays,
  tokenSchema,
} from './schemas.ts';

const state = {
  sensor_state_id: 21310,
  client_cid: 13,
  sensor_mid: 44143,
  since: 1449702000000,
  till: 1549702000000,
  meter_eid: 135620,
  info: '{"METER_DEV": 135620, "MM_NAME": "CX2000-9"}',
  meter_type_name: 'CX2000-9',
  meter_type_is_ami: true,
  signal_states: [
    { signal_state_id: 798649, signal_type_moid: 32, value_for_since: 6, value_for_till: 120, info: '{}' },
  ],
};

describe('error bodies', () => {
  it('takes the detail of application/problem+json', () => {
    const body = JSON.stringify({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Sensor 1.9 not found',
    });
    expect(errorMessageFromBody(body, 'application/problem+json')).toBe('Sensor 1.9 not found');
  });
  it('falls back to the title when a problem has no detail', () => {
    expect(errorMessageFromBody('{"title":"Conflict","status":409}', 'application/problem+json')).toBe('Conflict');
    expect(errorMessageFromBody('{"message": "  "}', 'application/json')).toBeUndefined();
  });
  it('unwraps a JSON-encoded string', () => {
    expect(errorMessageFromBody('"No authorization token provided"', 'application/json')).toBe(
      'No authorization token provided',
    );
  });
  it('keeps a bare plain-text string', () => {
    expect(errorMessageFromBody('Forbidden', 'text/plain')).toBe('Forbidden');
  });
  it('reads the message of a Python-repr dict, bare or JSON-encoded', () => {
    const repr = "{'status_code': -1, 'message': 'An error occured'}";
    expect(errorMessageFromBody(repr)).toBe('An error occured');
    expect(errorMessageFromBody(JSON.stringify(repr), 'application/json')).toBe('An error occured');
  });
  it('reads a Python-repr string inside a problem detail', () => {
    const body = JSON.stringify({
      title: 'Unprocessable Entity',
      detail: "{'status_code': -1, 'message': 'bad graph'}",
    });
    expect(errorMessageFromBody(body)).toBe('bad graph');
  });
  it('has no words for an empty body or a web page', () => {
    expect(errorMessageFromBody('')).toBeUndefined();
    expect(errorMessageFromBody('<html><body>502</body></html>', 'text/html')).toBeUndefined();
  });
});

describe('acknowledgements', () => {
  it('accepts "OK" and "Created" as JSON strings or bare text, and an empty 204 body', () => {
    expect(ackFromBody('"OK"')).toBe('OK');
    expect(ackFromBody('"Created"')).toBe('Created');
    expect(ackFromBody('OK')).toBe('OK');
    expect(ackFromBody('')).toBe('');
  });
  it('refuses a body that is data, not an acknowledgement', () => {
    expect(ackFromBody('{"a":1}')).toBeUndefined();
    expect(ackFromBody('<html></html>')).toBeUndefined();
  });
});

describe('sensor states', () => {
  it('keeps meter_eid as a string whether it came as a number or a string', () => {
    expect(sensorStateSchema.parse(state).meter_eid).toBe('135620');
    expect(sensorStateSchema.parse({ ...state, meter_eid: 'ZE-1' }).meter_eid).toBe('ZE-1');
  });
  it('reads an open state with till null or absent', () => {
    expect(sensorStateSchema.parse({ ...state, till: null }).till).toBeNull();
    const open: Record<string, unknown> = { ...state };
    delete open.till;
    expect(sensorStateSchema.parse(open).till).toBeNull();
  });
  it('drops the empty placeholder of the create answer (signal_states: [[]])', () => {
    expect(sensorStateSchema.parse({ ...state, signal_states: [[]] }).signal_states).toEqual([]);
  });
  it('rejects a state without an id', () => {
    const broken: Record<string, unknown> = { ...state };
    delete broken.sensor_state_id;
    expect(sensorStateSchema.safeParse(broken).success).toBe(false);
  });
});

describe('signal types and states', () => {
  it('turns a moid sent as a string into a number', () => {
    const type = {
      signal_type_moid: '32',
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
    };
    expect(signalTypeSchema.parse(type).signal_type_moid).toBe(32);
    expect(signalTypeSchema.parse({ ...type, signal_type_moid: 33 }).signal_type_moid).toBe(33);
    expect(signalTypeSchema.safeParse({ ...type, signal_type_moid: 'A+' }).success).toBe(false);
  });
  it('accepts a signal state without readings', () => {
    expect(signalStateSchema.parse({ signal_state_id: 1, signal_type_moid: 64 })).toEqual({
      signal_state_id: 1,
      signal_type_moid: 64,
      value_for_since: null,
      value_for_till: null,
      info: null,
    });
  });
});

describe('series', () => {
  const series = {
    client_cid: 12,
    sensor_mid: 122,
    signal_type_moid: 32,
    data: {
      time: [1, 2, 3, 4],
      value: [10.01, null, '12.5', 'n/a'],
      type: ['DBL', 'DBL', 'DBL', 'DBL'],
      origin: [1, 1, 2, 1],
    },
    unit: 'kW.h',
  };
  it('keeps nulls, reads numeric text and makes other values null', () => {
    expect(seriesSchema.parse(series).data.value).toEqual([10.01, null, 12.5, null]);
  });
  it('rejects value and time lists of different lengths', () => {
    expect(seriesSchema.safeParse({ ...series, data: { ...series.data, value: [1] } }).success).toBe(false);
  });
  it('rejects a time list with text in it', () => {
    expect(seriesSchema.safeParse({ ...series, data: { ...series.data, time: [1, '2', 3, 4] } }).success).toBe(false);
  });
  it('converts to typed arrays with NaN for null', () => {
    const arrays = toSeriesArrays(seriesSchema.parse(series).data);
    expect(arrays.time).toBeInstanceOf(Float64Array);
    expect([...arrays.time]).toEqual([1, 2, 3, 4]);
    expect(arrays.value[0]).toBe(10.01);
    expect(arrays.value[1]).toBeNaN();
    expect([...arrays.origin]).toEqual([1, 1, 2, 1]);
  });
  it('treats missing origins as measured', () => {
    const parsed = seriesSchema.parse({ ...series, data: { time: [1], value: [2] } });
    expect([...toSeriesArrays(parsed.data).origin]).toEqual([1]);
  });
});

describe('misc', () => {
  it('parses a token', () => {
    expect(tokenSchema.parse({ expiration: 1586861098825, user_id: 1, token: 'ab9d' }).token).toBe('ab9d');
  });
  it('reads custom-field definitions from their JSON text', () => {
    expect(parseCustomFields('{"tariff": {"required": true}, "meter_max_digits": {"required": false}}')).toEqual({
      tariff: { required: true },
      meter_max_digits: { required: false },
    });
    expect(parseCustomFields('not json')).toEqual({});
    expect(parseCustomFields(null)).toEqual({});
  });
  it('reads a Python-repr result with True, None and nested quotes', () => {
    expect(parsePythonRepr("{'a': [1, 2.5], 'b': True, 'c': None, 'd': 'it\\'s'}")).toEqual({
      a: [1, 2.5],
      b: true,
      c: null,
      d: "it's",
    });
    expect(parsePythonRepr("{'data': {...}}")).toBeUndefined();
  });
});

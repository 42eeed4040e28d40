import {
  ackFromBody,
  besmartTime,
  dialectOfError,
  errorMessageFromBody,
  expirationMs,
  isRouteMissing,
  meterTypesSchema,
  sensorSchema,
  seriesListSchema,
  signalTypesSchema,
  validationIssues,
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
  it('takes any answer but a web page as success (current servers answer null or objects)', () => {
    expect(ackFromBody('null')).toBe('');
    expect(ackFromBody('{"a":1}')).toBe('');
    expect(ackFromBody('<html></html>')).toBeUndefined();
  });
  it('refuses JSON cut off midway: the write may not have happened as asked', () => {
    expect(ackFromBody('[{"client_cid": 1, "name": "Main switchb')).toBeUndefined();
    expect(ackFromBody('"O')).toBeUndefined();
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

describe('both besmart versions', () => {
  it('reads times as integer ms, seconds, or ISO date-times with Z, an offset or no zone (UTC)', () => {
    const t = Date.UTC(2026, 10, 1, 0, 0, 0);
    expect(besmartTime(t)).toBe(t);
    expect(besmartTime(t / 1000)).toBe(t);
    expect(besmartTime('2026-11-01T00:00:00')).toBe(t);
    expect(besmartTime('2026-11-01T00:00:00Z')).toBe(t);
    expect(besmartTime('2026-11-01T01:00:00+01:00')).toBe(t);
    expect(besmartTime('2026-10-31T19:00:00-0500')).toBe(t);
    expect(besmartTime('2026-11-01T00:00:00.250Z')).toBe(t + 250);
    expect(besmartTime('2026-11-01 00:00')).toBe(t);
    expect(besmartTime('2026-02-30T00:00:00')).toBeUndefined();
    expect(besmartTime('yesterday')).toBeUndefined();
  });

  it('reads a state of either version into the same ms', () => {
    const since = Date.UTC(2026, 10, 1);
    const legacy = sensorStateSchema.parse({ sensor_state_id: 1, client_cid: 1, sensor_mid: 1, since, till: null });
    const current = sensorStateSchema.parse({
      sensor_state_id: 1,
      client_cid: 1,
      sensor_mid: 1,
      since: '2026-11-01T00:00:00',
      info: { METER_DEV: 5 },
      meter_type_id: '3',
      meter_type_is_dcu: true,
      signal_states: [{ signal_state_id: 2, signal_type_moid: 32, value_for_since: '6.5' }],
    });
    expect(current.since).toBe(legacy.since);
    expect(current.till).toBeNull();
    expect(JSON.parse(current.info ?? '')).toEqual({ METER_DEV: 5 });
    expect(current.meter_type_id).toBe(3);
    expect(current.signal_states[0]?.value_for_since).toBe(6.5);
    expect(current.signal_states[0]?.info).toBeNull();
    expect(() => sensorStateSchema.parse({ sensor_state_id: 1, client_cid: 1, sensor_mid: 1, since: 'soon' })).toThrow(
      /not a time/,
    );
  });

  it('reads the token expiry in ms (v0.1.5) or seconds (current) and says which server it suggests', () => {
    const legacy = tokenSchema.parse({ expiration: 1586861098825, user_id: 1, token: 't' });
    expect(legacy).toMatchObject({ expiration: 1586861098825, dialectHint: 'v0.1.5' });
    const current = tokenSchema.parse({ expiration: 1764675898.5, user_id: 1, token: 't', account_status: {} });
    expect(current).toMatchObject({ expiration: 1764675898500, dialectHint: 'current' });
    expect(tokenSchema.parse({ expiration: 1764675898, id: 4, token: 't' })).toMatchObject({ user_id: 4 });
    expect(expirationMs(999_999_999_999)).toBe(999_999_999_999_000);
    expect(expirationMs(1e12)).toBe(1e12);
  });

  it('reads meter types named `name` or `meter_type_name`, with the new fields kept', () => {
    const [legacy, current] = meterTypesSchema.parse([
      { id: 1, meter_type_name: 'CX', number_of_phases: 3 },
      {
        id: 2,
        name: 'PAFAL',
        number_of_phases: 1,
        is_ami: 'true',
        is_remote: true,
        prefix_name: 'PF',
        default_cap_period: 15,
        client_cid: 1,
      },
    ]);
    expect(legacy?.meter_type_name).toBe('CX');
    expect(current).toMatchObject({
      meter_type_name: 'PAFAL',
      is_ami: true,
      is_remote: true,
      prefix_name: 'PF',
      default_cap_period: 15,
    });
    expect(() => meterTypesSchema.parse([{ id: 3, number_of_phases: 1 }])).toThrow(/without a name/);
  });

  it('reads signal types with is_incremental or is_measurement + time_series_type', () => {
    const [legacy, current] = signalTypesSchema.parse([
      { signal_type_moid: 32, symbol: 'A+', is_incremental: true, unit_symbol: 'kW.h' },
      {
        signal_type_moid: 70,
        symbol: 'PV',
        is_measurement: true,
        time_series_type: null,
        unit_symbol: 'kW',
        draw_chart: false,
      },
    ]);
    expect(legacy).toMatchObject({ is_incremental: true, is_measurement: null });
    expect(current).toMatchObject({
      is_incremental: null,
      is_measurement: true,
      time_series_type: null,
      draw_chart: false,
    });
  });

  it('keeps a sensor’s info as JSON text whether it came as text or as an object', () => {
    const base = { client_cid: 1, sensor_mid: 1, name: 'n', sensor_type_id: 1 };
    expect(sensorSchema.parse({ ...base, info: '{"a":1}' }).info).toBe('{"a":1}');
    expect(sensorSchema.parse({ ...base, info: { a: 1 } }).info).toBe('{"a":1}');
    expect(sensorSchema.parse({ ...base, read: true, acq_min: 15, balance_calculation: true })).toMatchObject({
      read: true,
      acq_min: 15,
      balance_calculation: true,
    });
  });

  it('reads signal data as an array or one object; no data block is an empty series; RM points are dropped', () => {
    const one = {
      client_cid: 1,
      sensor_mid: 1,
      signal_type_moid: 32,
      unit: 'kW.h',
      time_tstorage: 0.05,
      time_other: 0.01,
    };
    const [empty] = seriesListSchema.parse(one);
    expect(empty?.data.time).toEqual([]);
    expect(empty?.time_tstorage).toBe(0.05);
    const [withRm] = seriesListSchema.parse([
      { ...one, data: { time: [1, 2, 3], value: [0, 2, 3], type: ['RM', 'DBL', 'DBL'], origin: [1, 1, 5] } },
    ]);
    expect(withRm?.data).toEqual({ time: [2, 3], value: [2, 3], type: ['DBL', 'DBL'], origin: [1, 5] });
    const [points] = seriesListSchema.parse({ ...one, data: [{ time: 5, value: '1.5', origin: 2 }] });
    expect(points?.data).toEqual({ time: [5], value: [1.5], type: ['DBL'], origin: [2] });
    expect(() => seriesListSchema.parse({ ...one, data: { time: [1, 2], value: [1] } })).toThrow(/differ in length/);
  });

  it('turns a 422 list into messages at the fields it names', () => {
    const body = JSON.stringify({
      detail: [
        { loc: ['query', 'since'], msg: 'Field required', type: 'missing' },
        { loc: ['body', 0, 'name'], msg: 'String too short', type: 'string_too_short' },
        { loc: ['body'], msg: 'Input should be a valid dictionary', type: 'model_attributes_type' },
      ],
    });
    expect(validationIssues(body)).toEqual([
      { field: 'since', message: 'Field required' },
      { field: 'name', message: 'String too short' },
      { field: null, message: 'Input should be a valid dictionary' },
    ]);
    expect(errorMessageFromBody(body)).toBe(
      'since: Field required; name: String too short; Input should be a valid dictionary',
    );
    expect(validationIssues('"Resource not found"')).toEqual([]);
  });

  it('drops pydantic’s "Value error, " before the words of a custom check', () => {
    const body = JSON.stringify({
      detail: [{ loc: ['query', 'since'], msg: 'Value error, must be earlier than till', type: 'value_error' }],
    });
    expect(validationIssues(body)).toEqual([{ field: 'since', message: 'must be earlier than till' }]);
    expect(errorMessageFromBody(body)).toBe('since: must be earlier than till');
  });

  it('tells a missing route from a missing record', () => {
    expect(isRouteMissing(404, '{"detail":"Not Found"}')).toBe(true);
    expect(isRouteMissing(405, '{"detail":"Method Not Allowed"}')).toBe(true);
    expect(
      isRouteMissing(
        404,
        '{"detail":"The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.","status":404,"title":"Not Found","type":"about:blank"}',
      ),
    ).toBe(true);
    expect(isRouteMissing(404, '"Resource not found"')).toBe(false);
    expect(isRouteMissing(404, '{"detail":"Sensor not found"}')).toBe(false);
    expect(isRouteMissing(400, '{"detail":"Not Found"}')).toBe(false);
  });

  it('learns the version from an error body', () => {
    expect(dialectOfError('{"detail":"Invalid credentials"}')).toBe('current');
    expect(dialectOfError('{"detail":"x","title":"Unauthorized","status":401}', 'application/problem+json')).toBe(
      'v0.1.5',
    );
    expect(dialectOfError('"Resource not found"')).toBe('v0.1.5');
    expect(dialectOfError('<html></html>')).toBeUndefined();
  });
});

import { z } from 'zod';
import {
  graphSchema,
  loginBodySchema,
  moidSchema,
  seriesDataSchema,
  seriesRequestSchema,
  type CreatedSignalStateWire,
  type MeterTypeWire,
  type SensorIdWire,
  type SensorStateWire,
  type SensorWire,
  type SeriesWire,
  type TaskResultWire,
  type TokenWire,
} from '../../src/api/besmart/schemas.ts';
import { hash01 } from '../seed.ts';
import { withFaults, type FaultProfile } from '../faults.ts';
import {
  emptyResponse,
  jsonResponse,
  type FakeOptions,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from '../types.ts';
import {
  BESMART_DEMO_ACCOUNTS,
  createBesmartSeed,
  type BesmartAccount,
  type BesmartSeed,
  type MeterTypeRecord,
  type SensorRecord,
  type SignalStateRecord,
  type StateRecord,
} from './data.ts';
import { DAY, HOUR, MINUTE, generate, isIncremental, type GeneratedPoints } from './series.ts';

/*
 * The fake besmart.energy: every endpoint of the reference with the real
 * semantics. Paths are relative to the service root (".../api").
 *
 * Series: GET and multi-get read [since, till) — since inclusive, till
 * exclusive — of points that exist by now(). PUT edits are stored as newer
 * records (acquisition order); get_last=true keeps only the newest record per
 * timestamp, otherwise every record is returned, oldest first. delta_t
 * aggregates into buckets of delta_t minutes aligned to the epoch (time = bucket
 * start): the last value for incremental signals, the mean otherwise; empty
 * buckets are skipped, a bucket of only nulls is null; origin is the largest in
 * the bucket. output_unit_id, raw, filters and is_chart are accepted and ignored.
 */

export const TOKEN_LIFETIME_MS = 2 * HOUR;

export interface LoggedRequest {
  method: string;
  path: string;
  /** Query string without the leading "?". */
  query: string;
}

export interface BesmartFake extends FakeService {
  /** Successful GET /users/token calls since the last reset. */
  tokenRefreshCount(): number;
  /** Successful logins since the last reset. */
  loginCount(): number;
  /** Every API request since the last reset (no headers or bodies). */
  requestLog(): readonly LoggedRequest[];
  /** A valid token without an HTTP round trip, for test setup. */
  issueToken(login?: string): TokenWire;
}

interface Session {
  account: BesmartAccount;
  expiration: number;
}

interface EditRecord {
  time: number;
  value: number | null;
  type: string;
  origin: number;
  /** Acquisition order: larger is newer. */
  seq: number;
}

/** How a route reports errors: the real service mixes problem+json and plain strings. */
type Style = 'problem' | 'plain' | 'python';

class Fail {
  constructor(readonly response: FakeResponse) {}
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
};

function problem(status: number, detail: string): FakeResponse {
  return jsonResponse(
    status,
    { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail },
    'application/problem+json',
  );
}

function failure(style: Style, status: number, detail: string): Fail {
  if (style === 'problem') return new Fail(problem(status, detail));
  if (style === 'python') return new Fail(jsonResponse(status, pythonRepr({ status_code: -1, message: detail })));
  return new Fail(jsonResponse(status, detail));
}

const forbidden = () => new Fail(jsonResponse(403, 'Forbidden'));
const notFoundPlain = () => new Fail(jsonResponse(404, 'Resource not found'));
/** An unknown path, as v0.1.5's framework answers it (the client's "route missing"). */
const routeMissing = () =>
  new Fail(
    problem(
      404,
      'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
    ),
  );
const ok = (status = 200) => jsonResponse(status, status === 201 ? 'Created' : 'OK');

/** Query parameters with the 422s of the real service. */
class Params {
  constructor(
    private readonly q: URLSearchParams,
    private readonly style: Style,
  ) {}

  private raw(name: string, required: boolean): string | undefined {
    const v = this.q.get(name);
    if (v === null || v === '') {
      if (required) throw failure(this.style, 422, `Parameter '${name}' is required`);
      return undefined;
    }
    return v;
  }

  str(name: string): string | undefined {
    return this.raw(name, false);
  }

  reqStr(name: string): string {
    return this.raw(name, true) ?? '';
  }

  num(name: string): number | undefined {
    const v = this.raw(name, false);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw failure(this.style, 422, `Parameter '${name}' must be a number`);
    return n;
  }

  reqNum(name: string): number {
    this.raw(name, true);
    return this.num(name) ?? 0;
  }

  int(name: string): number | undefined {
    const n = this.num(name);
    if (n !== undefined && !Number.isInteger(n))
      throw failure(this.style, 422, `Parameter '${name}' must be an integer`);
    return n;
  }

  reqInt(name: string): number {
    this.raw(name, true);
    return this.int(name) ?? 0;
  }

  bool(name: string): boolean | undefined {
    const v = this.raw(name, false);
    if (v === undefined) return undefined;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw failure(this.style, 422, `Parameter '${name}' must be true or false`);
  }
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const iso = (t: number | null) => (t === null ? 'open' : new Date(t).toISOString());

/** meter_eid goes out as a number when it looks like one, as the real service does. */
function eidWire(eid: string | null): string | number | null {
  return eid !== null && /^[1-9]\d{0,14}$/.test(eid) ? Number(eid) : eid;
}

function zodDetail(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix}invalid body`;
  const path = issue.path.map(String);
  const field = path.filter((p) => !/^\d+$/.test(p)).join('.');
  const item = path.length > 0 && /^\d+$/.test(path[0] ?? '') ? `Item ${path[0]}: ` : '';
  return `${prefix}${item}${field ? `parameter '${field}': ` : ''}${issue.message}`;
}

/** A Python-repr rendering, as the by-name task endpoint answers. */
function pythonRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const escaped = v.replace(/\\/g, '\\\\');
    // Python quotes with " when the text holds a ' and no ".
    return v.includes("'") && !v.includes('"') ? `"${escaped}"` : `'${escaped.replace(/'/g, "\\'")}'`;
  }
  if (Array.isArray(v)) return `[${v.map(pythonRepr).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `'${k}': ${pythonRepr(x)}`)
      .join(', ')}}`;
  }
  return 'None';
}

const seriesPutItemSchema = z.object({
  client_cid: z.number().int(),
  sensor_mid: z.number().int(),
  signal_type_moid: moidSchema,
  data: seriesDataSchema,
  unit: z.string().optional(),
});

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, (req: FakeRequest, m: string[]) => FakeResponse>>;
}

export function createBesmartFake(options: FakeOptions & { seed?: number } = {}): BesmartFake {
  const clock = options.now ?? Date.now;
  /** Moved by the "advance-clock" control, so e2e tests can let time pass without waiting. */
  let clockOffset = 0;
  const now = () => clock() + clockOffset;
  const dataset = options.dataset ?? 'default';
  const seedNumber = options.seed ?? 1;

  let seed: BesmartSeed;
  let sensors: Map<string, SensorRecord>;
  let meterTypes: Map<number, MeterTypeRecord[]>;
  let states: Map<number, StateRecord>;
  let edits: Map<string, EditRecord[]>;
  let sessions: Map<string, Session>;
  /** The "fail-data" switch: signal data reads answer 500 (a backend fault). */
  let failData = false;
  let nextStateId = 0;
  let nextSignalStateId = 0;
  let editSeq = 0;
  let tokenSeq = 0;
  let generation = 0;
  let refreshes = 0;
  let logins = 0;
  let log: LoggedRequest[] = [];

  function reset(): void {
    failData = false;
    seed = createBesmartSeed({ anchor: Math.floor(now() / DAY) * DAY, dataset, seed: seedNumber });
    sensors = new Map(seed.sensors.map((s) => [`${s.client_cid}.${s.sensor_mid}`, { ...s }]));
    meterTypes = new Map([...seed.meterTypes].map(([cid, list]) => [cid, list.map((m) => ({ ...m }))]));
    states = new Map(
      seed.states.map((s) => [s.sensor_state_id, { ...s, signal_states: s.signal_states.map((x) => ({ ...x })) }]),
    );
    edits = new Map();
    sessions = new Map();
    nextStateId = seed.nextStateId;
    nextSignalStateId = seed.nextSignalStateId;
    editSeq = 0;
    generation++;
    refreshes = 0;
    logins = 0;
    log = [];
  }
  reset();

  // ------------------------------------------------------------ auth

  function issue(account: BesmartAccount): TokenWire {
    tokenSeq++;
    let token = '';
    for (let i = 0; i < 4; i++) {
      token += Math.floor(hash01(tokenSeq * 4 + i, generation * 7919 + seedNumber) * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    }
    const expiration = now() + TOKEN_LIFETIME_MS;
    sessions.set(token, { account, expiration });
    return { expiration, user_id: account.user_id, token };
  }

  function authenticate(req: FakeRequest, style: Style): Session {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') {
      throw new Fail(jsonResponse(401, 'No authorization token provided'));
    }
    const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
    const session = token === undefined ? undefined : sessions.get(token);
    if (session === undefined) throw failure(style, 401, 'Invalid authorization token');
    if (now() >= session.expiration) throw failure(style, 401, 'Token expired');
    return session;
  }

  function login(req: FakeRequest): FakeResponse {
    // v0.1.5 declares the body text/plain; its framework refuses JSON before the handler runs.
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json'))
      throw new Fail(problem(415, "Invalid Content-type (application/json), expected ['text/plain']"));
    const key = req.headers['x-auth'];
    const accounts = BESMART_DEMO_ACCOUNTS.filter((a) => a.workspaceKey === key);
    if (key === undefined || accounts.length === 0) throw failure('problem', 401, 'Invalid workspace key (X-Auth)');
    let body = parseJson(req.body);
    if (typeof body === 'string') body = parseJson(body);
    const creds = loginBodySchema.safeParse(body);
    if (!creds.success) throw failure('problem', 422, "Body must be JSON with 'login' and 'password'");
    const account = accounts.find((a) => a.login === creds.data.login && a.password === creds.data.password);
    if (account === undefined) throw failure('problem', 401, 'Invalid login or password');
    logins++;
    return jsonResponse(200, issue(account));
  }

  function refresh(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'problem');
    refreshes++;
    return jsonResponse(200, issue(session.account));
  }

  // ------------------------------------------------------------ sensors

  function findSensor(session: Session, cid: number, mid: number, style: Style = 'problem'): SensorRecord {
    const s = sensors.get(`${cid}.${mid}`);
    if (s === undefined) throw failure(style, 404, `Sensor ${cid}.${mid} not found`);
    if (!session.account.clients.some((c) => c === cid)) throw forbidden();
    return s;
  }

  function canWrite(session: Session, s: SensorRecord): boolean {
    return s.write && !session.account.readOnly;
  }

  function requireWrite(session: Session, s: SensorRecord): void {
    if (!canWrite(session, s)) throw forbidden();
  }

  function requireClient(session: Session, cid: number, write: boolean): void {
    if (!session.account.clients.some((c) => c === cid)) throw forbidden();
    if (write && session.account.readOnly) throw forbidden();
  }

  function sensorWire(session: Session, s: SensorRecord): SensorWire {
    const type = seed.sensorTypes.find((t) => t.id === s.sensor_type_id);
    return {
      info: s.info,
      comments: s.comments,
      client_cid: s.client_cid,
      sensor_mid: s.sensor_mid,
      lat: s.lat,
      lon: s.lon,
      name: s.name,
      sensor_eid: s.sensor_eid,
      sensor_type_description: type?.description ?? null,
      sensor_type_id: s.sensor_type_id,
      sensor_type_name: type?.name ?? null,
      write: canWrite(session, s),
      execute: s.execute && !session.account.readOnly,
      negligible: s.negligible,
      uncertain: s.uncertain,
    };
  }

  function sensorFields(p: Params): Partial<SensorRecord> {
    const out: Partial<SensorRecord> = {};
    const name = p.str('name');
    if (name !== undefined) out.name = name;
    const typeId = p.int('sensor_type_id');
    if (typeId !== undefined) {
      if (!seed.sensorTypes.some((t) => t.id === typeId))
        throw failure('problem', 422, `Unknown sensor type ${typeId}`);
      out.sensor_type_id = typeId;
    }
    const eid = p.str('sensor_eid');
    if (eid !== undefined) out.sensor_eid = eid;
    const lat = p.num('lat');
    if (lat !== undefined) {
      if (lat < -90 || lat > 90) throw failure('problem', 422, "Parameter 'lat' must be between -90 and 90");
      out.lat = lat;
    }
    const lon = p.num('lon');
    if (lon !== undefined) {
      if (lon < -180 || lon > 180) throw failure('problem', 422, "Parameter 'lon' must be between -180 and 180");
      out.lon = lon;
    }
    const info = p.str('info');
    if (info !== undefined) {
      if (!isJsonObject(info)) throw failure('problem', 422, "Parameter 'info' must be a JSON object");
      out.info = info;
    }
    const comments = p.str('comments');
    if (comments !== undefined) out.comments = comments;
    const uncertain = p.bool('uncertain');
    if (uncertain !== undefined) out.uncertain = uncertain;
    const negligible = p.bool('negligible');
    if (negligible !== undefined) out.negligible = negligible;
    return out;
  }

  function createSensor(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'problem');
    const p = new Params(req.query, 'problem');
    const name = p.reqStr('name');
    p.reqInt('sensor_type_id');
    const cid = p.reqInt('client_cid');
    const fields = sensorFields(p);
    requireClient(session, cid, true);
    let mid = 1;
    for (const s of sensors.values()) if (s.client_cid === cid) mid = Math.max(mid, s.sensor_mid + 1);
    const record: SensorRecord = {
      client_cid: cid,
      sensor_mid: mid,
      name,
      sensor_type_id: 0,
      sensor_eid: null,
      lat: null,
      lon: null,
      info: '{}',
      comments: null,
      write: true,
      execute: true,
      negligible: false,
      uncertain: false,
      ...fields,
    };
    sensors.set(`${cid}.${mid}`, record);
    const body: SensorIdWire = { client_cid: cid, sensor_mid: mid };
    return jsonResponse(201, body);
  }

  function getSensor(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    return jsonResponse(200, sensorWire(session, findSensor(session, Number(m[1]), Number(m[2]))));
  }

  function updateSensor(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const s = findSensor(session, Number(m[1]), Number(m[2]));
    requireWrite(session, s);
    Object.assign(s, sensorFields(new Params(req.query, 'problem')));
    return ok();
  }

  function deleteSensor(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const s = findSensor(session, Number(m[1]), Number(m[2]));
    requireWrite(session, s);
    const key = `${s.client_cid}.${s.sensor_mid}`;
    sensors.delete(key);
    for (const [id, st] of states)
      if (st.client_cid === s.client_cid && st.sensor_mid === s.sensor_mid) states.delete(id);
    for (const k of edits.keys()) if (k.startsWith(`${key}.`)) edits.delete(k);
    return ok();
  }

  function sensorTypes(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    return jsonResponse(200, seed.sensorTypes);
  }

  // ------------------------------------------------------------ meter types

  function meterTypeWire(m: MeterTypeRecord): MeterTypeWire {
    return { ...m };
  }

  function meterTypeFields(p: Params): MeterTypeRecord {
    const meter_type_name = p.reqStr('meter_type_name');
    const id = p.reqInt('meter_type_id');
    const number_of_phases = p.reqInt('number_of_phases');
    if (number_of_phases < 1 || number_of_phases > 3) {
      throw failure('problem', 422, "Parameter 'number_of_phases' must be 1, 2 or 3");
    }
    return {
      id,
      meter_type_name,
      description: p.str('description') ?? null,
      number_of_phases,
      is_ami: p.bool('is_ami') ?? false,
      is_balance: p.bool('is_balance') ?? false,
      is_dcu: p.bool('is_dcu') ?? false,
    };
  }

  function getMeters(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const cid = Number(m[1]);
    requireClient(session, cid, false);
    return jsonResponse(200, (meterTypes.get(cid) ?? []).map(meterTypeWire));
  }

  function createMeter(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const cid = Number(m[1]);
    const record = meterTypeFields(new Params(req.query, 'problem'));
    requireClient(session, cid, true);
    const list = meterTypes.get(cid) ?? [];
    if (list.some((x) => x.id === record.id)) throw failure('problem', 409, `Meter type ${record.id} already exists`);
    meterTypes.set(cid, [...list, record]);
    return ok(201);
  }

  function updateMeter(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const cid = Number(m[1]);
    const record = meterTypeFields(new Params(req.query, 'problem'));
    requireClient(session, cid, true);
    const list = meterTypes.get(cid) ?? [];
    const i = list.findIndex((x) => x.id === record.id);
    if (i < 0) throw notFoundPlain();
    list[i] = record;
    return ok();
  }

  function deleteMeter(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const cid = Number(m[1]);
    const id = new Params(req.query, 'problem').reqInt('meter_type_id');
    requireClient(session, cid, true);
    const list = meterTypes.get(cid) ?? [];
    if (!list.some((x) => x.id === id)) throw notFoundPlain();
    meterTypes.set(
      cid,
      list.filter((x) => x.id !== id),
    );
    return ok();
  }

  // ------------------------------------------------------------ signal types and states

  function signalTypes(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    return jsonResponse(200, seed.signalTypes);
  }

  function signalType(moid: number) {
    return seed.signalTypes.find((t) => Number(t.signal_type_moid) === moid);
  }

  function stateWire(st: StateRecord, onlyMoid?: number): SensorStateWire {
    const meter = (meterTypes.get(st.client_cid) ?? []).find((x) => x.meter_type_name === st.meter_type_name);
    return {
      sensor_state_id: st.sensor_state_id,
      client_cid: st.client_cid,
      sensor_mid: st.sensor_mid,
      since: st.since,
      till: st.till,
      meter_eid: eidWire(st.meter_eid),
      info: st.info,
      meter_type_name: st.meter_type_name,
      meter_type_is_ami: meter?.is_ami ?? null,
      signal_states: st.signal_states
        .filter((x) => onlyMoid === undefined || x.signal_type_moid === onlyMoid)
        .map((x) => ({ ...x })),
    };
  }

  function statesOf(cid: number, mid: number): StateRecord[] {
    return [...states.values()]
      .filter((s) => s.client_cid === cid && s.sensor_mid === mid)
      .sort((a, b) => a.since - b.since);
  }

  function checkPeriod(
    st: { client_cid: number; sensor_mid: number; since: number; till: number | null },
    selfId?: number,
  ) {
    if (st.till !== null && st.since >= st.till)
      throw failure('problem', 422, "Parameter 'since' must be earlier than 'till'");
    const clash = statesOf(st.client_cid, st.sensor_mid).find(
      (o) =>
        o.sensor_state_id !== selfId &&
        st.since < (o.till ?? Number.POSITIVE_INFINITY) &&
        o.since < (st.till ?? Number.POSITIVE_INFINITY),
    );
    if (clash) {
      throw failure(
        'problem',
        409,
        `There is another state in that period: state ${clash.sensor_state_id} (${iso(clash.since)} – ${iso(clash.till)})`,
      );
    }
  }

  function checkMeterType(cid: number, name: string | undefined): void {
    if (name !== undefined && !(meterTypes.get(cid) ?? []).some((x) => x.meter_type_name === name)) {
      throw failure('problem', 422, `Parameter 'meter_type_name': client ${cid} has no meter type “${name}”`);
    }
  }

  function getStates(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const p = new Params(req.query, 'problem');
    const cid = p.reqInt('client_cid');
    const mid = p.reqInt('sensor_mid');
    findSensor(session, cid, mid);
    return jsonResponse(
      200,
      statesOf(cid, mid).map((s) => stateWire(s)),
    );
  }

  function createState(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const p = new Params(req.query, 'problem');
    const cid = p.reqInt('client_cid');
    const mid = p.reqInt('sensor_mid');
    const since = p.reqNum('since');
    const till = p.num('till') ?? null;
    const meterTypeName = p.str('meter_type_name');
    const s = findSensor(session, cid, mid);
    requireWrite(session, s);
    checkMeterType(cid, meterTypeName);
    const record: StateRecord = {
      sensor_state_id: 0,
      client_cid: cid,
      sensor_mid: mid,
      since,
      till,
      meter_eid: p.str('meter_eid') ?? null,
      info: p.str('info') ?? null,
      meter_type_name: meterTypeName ?? null,
      signal_states: [],
    };
    checkPeriod(record);
    record.sensor_state_id = nextStateId++;
    states.set(record.sensor_state_id, record);
    return jsonResponse(201, stateWire(record));
  }

  function findState(session: Session, id: number): StateRecord {
    const st = states.get(id);
    if (st === undefined) throw failure('problem', 404, `Sensor state ${id} not found`);
    findSensor(session, st.client_cid, st.sensor_mid);
    return st;
  }

  function updateState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const st = findState(session, Number(m[1]));
    const p = new Params(req.query, 'problem');
    const since = p.int('since') ?? st.since;
    const till = p.int('till') ?? st.till;
    const meterTypeName = p.str('meter_type_name');
    requireWrite(session, findSensor(session, st.client_cid, st.sensor_mid));
    checkMeterType(st.client_cid, meterTypeName);
    checkPeriod({ ...st, since, till }, st.sensor_state_id);
    st.since = since;
    st.till = till;
    st.info = p.str('info') ?? st.info;
    st.meter_eid = p.str('meter_eid') ?? st.meter_eid;
    st.meter_type_name = meterTypeName ?? st.meter_type_name;
    return ok();
  }

  function deleteState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const st = findState(session, Number(m[1]));
    requireWrite(session, findSensor(session, st.client_cid, st.sensor_mid));
    states.delete(st.sensor_state_id);
    return ok();
  }

  function createSignalState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const st = findState(session, Number(m[1]));
    const p = new Params(req.query, 'problem');
    const moid = p.reqInt('signal_type_moid');
    const record: SignalStateRecord = {
      signal_state_id: 0,
      signal_type_moid: moid,
      value_for_since: p.num('value_for_since') ?? null,
      value_for_till: p.num('value_for_till') ?? null,
      info: p.str('info') ?? null,
    };
    requireWrite(session, findSensor(session, st.client_cid, st.sensor_mid));
    if (signalType(moid) === undefined)
      throw failure('problem', 422, `Parameter 'signal_type_moid': unknown signal type ${moid}`);
    if (st.signal_states.some((x) => x.signal_type_moid === moid)) {
      throw failure('problem', 409, `State ${st.sensor_state_id} already has a signal state for signal ${moid}`);
    }
    record.signal_state_id = nextSignalStateId++;
    st.signal_states.push(record);
    const body: CreatedSignalStateWire = { sensor_state_id: st.sensor_state_id, ...record };
    return jsonResponse(201, body);
  }

  function getSignalStates(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const p = new Params(req.query, 'problem');
    const cid = p.reqInt('client_cid');
    const mid = p.reqInt('sensor_mid');
    const moid = p.reqInt('signal_type_moid');
    findSensor(session, cid, mid);
    return jsonResponse(
      200,
      statesOf(cid, mid)
        .filter((s) => s.signal_states.some((x) => x.signal_type_moid === moid))
        .map((s) => stateWire(s, moid)),
    );
  }

  function findSignalState(session: Session, id: number): { state: StateRecord; signal: SignalStateRecord } {
    for (const state of states.values()) {
      const signal = state.signal_states.find((x) => x.signal_state_id === id);
      if (signal) {
        findSensor(session, state.client_cid, state.sensor_mid);
        return { state, signal };
      }
    }
    throw failure('plain', 404, `Signal state ${id} not found`);
  }

  function updateSignalState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const { state, signal } = findSignalState(session, Number(m[1]));
    const p = new Params(req.query, 'problem');
    const vSince = p.num('value_for_since');
    const vTill = p.num('value_for_till');
    const info = p.str('info');
    requireWrite(session, findSensor(session, state.client_cid, state.sensor_mid));
    if (vSince !== undefined) signal.value_for_since = vSince;
    if (vTill !== undefined) signal.value_for_till = vTill;
    if (info !== undefined) signal.info = info;
    return ok();
  }

  function deleteSignalState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const { state, signal } = findSignalState(session, Number(m[1]));
    requireWrite(session, findSensor(session, state.client_cid, state.sensor_mid));
    state.signal_states = state.signal_states.filter((x) => x !== signal);
    return ok();
  }

  // ------------------------------------------------------------ series

  interface ReadParams {
    since: number;
    till: number;
    get_last?: boolean | undefined;
    delta_t?: number | undefined;
    signal_origin_id?: number | undefined;
  }

  function readSeries(
    session: Session,
    cid: number,
    mid: number,
    moid: number,
    rp: ReadParams,
    style: Style,
  ): SeriesWire {
    findSensor(session, cid, mid, style);
    const type = signalType(moid);
    if (type === undefined) throw failure(style, 404, `Signal ${moid} not found`);
    if (rp.since >= rp.till) throw failure(style, 422, "Parameter 'since' must be earlier than 'till'");
    const plan = seed.plans.find((x) => x.client_cid === cid && x.sensor_mid === mid && x.signal_type_moid === moid);
    const gen: GeneratedPoints = plan ? generate(plan, rp.since, rp.till, now()) : { time: [], value: [], origin: [] };
    const own = (edits.get(`${cid}.${mid}.${moid}`) ?? [])
      .filter((e) => e.time >= rp.since && e.time < rp.till)
      .sort((a, b) => a.time - b.time || a.seq - b.seq);
    let points = merge(gen, own, rp.get_last === true);
    if (rp.signal_origin_id !== undefined) points = filterOrigin(points, rp.signal_origin_id);
    if (rp.delta_t !== undefined)
      points = aggregate(points, rp.delta_t, plan ? isIncremental(plan.kind) : type.is_incremental === true);
    return {
      client_cid: cid,
      sensor_mid: mid,
      signal_type_moid: moid,
      data: points,
      unit: type.unit_symbol,
    };
  }

  function getData(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const p = new Params(req.query, 'problem');
    const rp: ReadParams = {
      since: p.reqNum('since'),
      till: p.reqNum('till'),
      get_last: p.bool('get_last'),
      delta_t: p.int('delta_t'),
      signal_origin_id: p.int('signal_origin_id'),
    };
    p.bool('raw');
    p.bool('is_chart');
    p.int('output_unit_id');
    if (rp.delta_t !== undefined && rp.delta_t <= 0)
      throw failure('problem', 422, "Parameter 'delta_t' must be positive");
    return jsonResponse(200, [readSeries(session, Number(m[1]), Number(m[2]), Number(m[3]), rp, 'problem')]);
  }

  function multiGet(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const parsed = z.array(seriesRequestSchema).safeParse(parseJson(req.body));
    if (!parsed.success) throw failure('problem', 422, zodDetail(parsed.error));
    const out = parsed.data.map((r, i) => {
      try {
        return readSeries(session, r.client_cid, r.sensor_mid, r.signal_type_moid, r, 'problem');
      } catch (e) {
        if (e instanceof Fail && e.response.status !== 403) {
          throw failure('problem', 422, `Item ${i}: ${problemDetail(e.response)}`);
        }
        throw e;
      }
    });
    return jsonResponse(200, out);
  }

  function problemDetail(res: FakeResponse): string {
    const body = parseJson(res.body);
    const parsed = z.object({ detail: z.string() }).safeParse(body);
    return parsed.success ? parsed.data.detail : typeof body === 'string' ? body : 'invalid';
  }

  function store(cid: number, mid: number, moid: number, data: z.infer<typeof seriesDataSchema>): void {
    const key = `${cid}.${mid}.${moid}`;
    const list = edits.get(key) ?? [];
    data.time.forEach((time, i) => {
      list.push({
        time,
        value: data.value[i] ?? null,
        type: data.type[i] ?? 'DBL',
        origin: data.origin[i] ?? 1,
        seq: ++editSeq,
      });
    });
    edits.set(key, list);
  }

  function checkPutData(data: z.infer<typeof seriesDataSchema>, prefix = ''): void {
    const n = data.time.length;
    if ((data.type.length !== 0 && data.type.length !== n) || (data.origin.length !== 0 && data.origin.length !== n)) {
      throw failure('problem', 422, `${prefix}time, value, type and origin must have the same length`);
    }
  }

  function putData(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'problem');
    const [cid, mid, moid] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const s = findSensor(session, cid, mid);
    requireWrite(session, s);
    if (signalType(moid) === undefined) throw failure('problem', 404, `Signal ${moid} not found`);
    new Params(req.query, 'problem').str('unit');
    const parsed = seriesDataSchema.safeParse(parseJson(req.body));
    if (!parsed.success) throw failure('problem', 422, zodDetail(parsed.error));
    checkPutData(parsed.data);
    store(cid, mid, moid, parsed.data);
    return emptyResponse(204);
  }

  function multiPut(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const parsed = z.array(seriesPutItemSchema).safeParse(parseJson(req.body));
    if (!parsed.success) throw failure('problem', 422, zodDetail(parsed.error));
    parsed.data.forEach((item, i) => {
      const s = sensors.get(`${item.client_cid}.${item.sensor_mid}`);
      if (s === undefined)
        throw failure('problem', 422, `Item ${i}: sensor ${item.client_cid}.${item.sensor_mid} not found`);
      findSensor(session, item.client_cid, item.sensor_mid);
      requireWrite(session, s);
      if (signalType(item.signal_type_moid) === undefined) {
        throw failure('problem', 422, `Item ${i}: unknown signal type ${item.signal_type_moid}`);
      }
      checkPutData(item.data, `Item ${i}: `);
    });
    for (const item of parsed.data) store(item.client_cid, item.sensor_mid, item.signal_type_moid, item.data);
    return ok();
  }

  // ------------------------------------------------------------ tasks

  function taskData(start: number, till: number | undefined, level: number): TaskResultWire['data'] {
    const time: number[] = [];
    const value: number[] = [];
    for (let i = 0; i < 24; i++) {
      const t = start + i * HOUR;
      if (till !== undefined && t >= till) break;
      time.push(t);
      value.push(Math.round((level + Math.sin((i / 24) * 2 * Math.PI)) * 1000) / 1000);
    }
    return { time, value, type: time.map(() => 'DBL'), origin: time.map(() => 4) };
  }

  function taskParams(req: FakeRequest): { async: boolean; since: number | undefined; till: number | undefined } {
    const p = new Params(req.query, 'python');
    const priority = p.int('task_priority');
    if (priority !== undefined && (priority < 1 || priority > 10)) {
      throw failure('python', 422, 'task_priority must be between 1 and 10');
    }
    const since = p.num('since');
    const till = p.num('till');
    if (since !== undefined && till !== undefined && since >= till)
      throw failure('python', 422, 'since must be earlier than till');
    return { async: p.bool('task_async') ?? false, since, till };
  }

  function runGraph(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    const tp = taskParams(req);
    const graph = graphSchema.safeParse(parseJson(req.body));
    if (!graph.success) throw failure('python', 422, 'The graph must be JSON with a nodes array');
    if (tp.async) return jsonResponse(202, 'Accepted');
    const start = tp.since ?? Math.floor(now() / HOUR) * HOUR - DAY;
    const result: TaskResultWire[] = [{ data: taskData(start, tp.till, 2 + graph.data.nodes.length) }];
    return jsonResponse(201, result);
  }

  const GRAPHS: Record<string, { moid: number; unit: string; level: number }> = {
    estimation: { moid: 32, unit: 'kW.h', level: 3 },
    pv_forecast: { moid: 64, unit: 'kW', level: 5 },
  };

  function runGraphByName(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    const name = new Params(req.query, 'python').reqStr('graph_name');
    const tp = taskParams(req);
    const params = parseJson(req.body);
    if (params === undefined || typeof params !== 'object' || params === null) {
      throw failure('python', 422, 'Template parameters must be JSON');
    }
    const graph = Object.hasOwn(GRAPHS, name) ? GRAPHS[name] : undefined;
    if (graph === undefined) throw notFoundPlain();
    if (tp.async) return jsonResponse(202, 'Accepted');
    const first: unknown = Array.isArray(params) ? params[0] : params;
    const ids = z
      .object({ client_cid: z.number().int().optional(), sensor_mid: z.number().int().optional() })
      .safeParse(first);
    const start = tp.since ?? Math.floor(now() / HOUR) * HOUR - DAY;
    const result = {
      client_cid: ids.success ? (ids.data.client_cid ?? 1) : 1,
      sensor_mid: ids.success ? (ids.data.sensor_mid ?? 1) : 1,
      signal_type_moid: graph.moid,
      data: taskData(start, tp.till, graph.level),
      unit: graph.unit,
      time_tstorage: 0.0593,
      time_other: 0.0186,
      hook_from: 'output',
      signature_id: 4,
      hook_to: 'input',
    };
    return jsonResponse(200, pythonRepr(result));
  }

  // ------------------------------------------------------------ routing

  const routes: Route[] = [
    { pattern: /^\/users\/token$/, methods: { POST: login, GET: refresh } },
    { pattern: /^\/sensors$/, methods: { POST: createSensor } },
    { pattern: /^\/sensors\/types$/, methods: { GET: sensorTypes } },
    { pattern: /^\/sensors\/signals\/types$/, methods: { GET: signalTypes } },
    { pattern: /^\/sensors\/signals\/data$/, methods: { POST: multiGet, PUT: multiPut } },
    { pattern: /^\/sensors\/states$/, methods: { GET: getStates, POST: createState } },
    { pattern: /^\/sensors\/states\/signals$/, methods: { GET: getSignalStates } },
    { pattern: /^\/sensors\/states\/signals\/(\d+)$/, methods: { PUT: updateSignalState, DELETE: deleteSignalState } },
    { pattern: /^\/sensors\/states\/(\d+)\/signals$/, methods: { POST: createSignalState } },
    { pattern: /^\/sensors\/states\/(\d+)$/, methods: { PUT: updateState, DELETE: deleteState } },
    {
      pattern: /^\/sensors\/(\d+)\/meters$/,
      methods: { GET: getMeters, POST: createMeter, PUT: updateMeter, DELETE: deleteMeter },
    },
    { pattern: /^\/sensors\/(\d+)\.(\d+)$/, methods: { GET: getSensor, PUT: updateSensor, DELETE: deleteSensor } },
    { pattern: /^\/sensors\/(\d+)\.(\d+)\/signals\/(\d+)\/data$/, methods: { GET: getData, PUT: putData } },
    { pattern: /^\/tasks\/graphs\/run$/, methods: { POST: runGraph } },
    { pattern: /^\/tasks\/graphs\/run\/name$/, methods: { POST: runGraphByName } },
  ];

  function decodePath(path: string): string | undefined {
    try {
      return path
        .split('/')
        .map((p) => decodeURIComponent(p))
        .join('/')
        .replace(/\/+$/, '');
    } catch {
      return undefined;
    }
  }

  function route(req: FakeRequest): FakeResponse {
    const path = decodePath(req.path);
    if (path === undefined) throw routeMissing();
    for (const r of routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      const handler = r.methods[req.method];
      // The framework's answers (problem+json), unlike a handler's "Resource not found" for a missing record.
      if (!handler) return problem(405, 'The method is not allowed for the requested URL.');
      return handler(req, [...m]);
    }
    throw routeMissing();
  }

  return withFaults<BesmartFake>(
    {
      handle(req) {
        log.push({ method: req.method, path: req.path, query: req.query.toString() });
        if (failData && /\/signals\/[^/]+\/data$|\/signals\/data$/.test(req.path)) {
          return Promise.resolve(
            jsonResponse(
              500,
              {
                type: 'about:blank',
                title: 'Internal Server Error',
                status: 500,
                detail: 'Time-series storage is not answering.',
              },
              'application/problem+json',
            ),
          );
        }
        try {
          return Promise.resolve(route(req));
        } catch (e) {
          if (e instanceof Fail) return Promise.resolve(e.response);
          return Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
      },
      control(action, params) {
        if (action === 'reset') {
          clockOffset = 0;
          reset();
          return ok();
        }
        if (action === 'advance-clock') {
          const ms = Number(params.get('ms'));
          if (!Number.isFinite(ms) || ms < 0) return jsonResponse(422, 'advance-clock needs ms ≥ 0');
          clockOffset += ms;
          return ok();
        }
        if (action === 'fail-data') {
          failData = params.get('on') !== '0';
          return ok();
        }
        if (action === 'expire-tokens') {
          for (const s of sessions.values()) s.expiration = Math.min(s.expiration, now());
          return ok();
        }
        return jsonResponse(404, `Unknown control action “${action}”`);
      },
      reset,
      tokenRefreshCount: () => refreshes,
      loginCount: () => logins,
      requestLog: () => log,
      issueToken(loginName = 'operator') {
        const account = BESMART_DEMO_ACCOUNTS.find((a) => a.login === loginName);
        if (account === undefined) throw new Error(`no demo account “${loginName}”`);
        return issue(account);
      },
    },
    BESMART_FAULTS,
  );
}

/**
 * How besmart fails (the fault switch, mocks/faults.ts): problem+json bodies
 * as its own errors are, a rejected token as for a revoked one, and a plain
 * web page for "HTML instead of JSON".
 */
const BESMART_FAULTS: FaultProfile = {
  unauthorized: () => problem(401, 'Invalid authorization token'),
  errorStatus: (status) =>
    jsonResponse(
      status,
      {
        type: 'about:blank',
        title: TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error'),
        status,
        detail: status >= 500 ? 'The server met an unexpected condition.' : 'The request was refused.',
      },
      'application/problem+json',
    ),
  htmlPage:
    '<!DOCTYPE html><html><head><title>besmart.energy</title></head>' +
    '<body><h1>Service temporarily unavailable</h1><p>Please try again later.</p></body></html>',
  truncatedJson: '[{"client_cid": 1, "sensor_mid": 1, "name": "Main switchb',
  isLogin: (req) => req.path === '/users/token' && req.method === 'POST',
};

// ------------------------------------------------------------ series helpers

interface Points {
  time: number[];
  value: (number | null)[];
  type: string[];
  origin: number[];
}

function merge(gen: GeneratedPoints, own: EditRecord[], last: boolean): Points {
  const n = gen.time.length;
  if (own.length === 0) {
    return { time: gen.time, value: gen.value, type: new Array<string>(n).fill('DBL'), origin: gen.origin };
  }
  const out: Points = { time: [], value: [], type: [], origin: [] };
  const push = (t: number, v: number | null, ty: string, o: number) => {
    out.time.push(t);
    out.value.push(v);
    out.type.push(ty);
    out.origin.push(o);
  };
  let i = 0;
  let j = 0;
  while (i < n || j < own.length) {
    const tg = i < n ? (gen.time[i] ?? Infinity) : Infinity;
    const te = j < own.length ? (own[j]?.time ?? Infinity) : Infinity;
    if (tg < te) {
      push(tg, gen.value[i] ?? null, 'DBL', gen.origin[i] ?? 1);
      i++;
      continue;
    }
    if (tg === te && !last) {
      push(tg, gen.value[i] ?? null, 'DBL', gen.origin[i] ?? 1);
    }
    if (tg === te) i++;
    let k = j;
    while (k < own.length && own[k]?.time === te) k++;
    for (let x = last ? k - 1 : j; x < k; x++) {
      const e = own[x];
      if (e) push(e.time, e.value, e.type, e.origin);
    }
    j = k;
  }
  return out;
}

function filterOrigin(p: Points, origin: number): Points {
  const out: Points = { time: [], value: [], type: [], origin: [] };
  p.origin.forEach((o, i) => {
    if (o !== origin) return;
    out.time.push(p.time[i] ?? 0);
    out.value.push(p.value[i] ?? null);
    out.type.push(p.type[i] ?? 'DBL');
    out.origin.push(o);
  });
  return out;
}

function aggregate(p: Points, deltaMinutes: number, incremental: boolean): Points {
  const bucket = deltaMinutes * MINUTE;
  const out: Points = { time: [], value: [], type: [], origin: [] };
  let key = Number.NaN;
  let sum = 0;
  let count = 0;
  let lastValue: number | null = null;
  let origin = 0;
  const flush = () => {
    if (Number.isNaN(key)) return;
    out.time.push(key);
    out.value.push(incremental ? lastValue : count > 0 ? Math.round((sum / count) * 1000) / 1000 : null);
    out.type.push('DBL');
    out.origin.push(origin);
  };
  for (let i = 0; i < p.time.length; i++) {
    const t = p.time[i] ?? 0;
    const k = Math.floor(t / bucket) * bucket;
    if (k !== key) {
      flush();
      key = k;
      sum = 0;
      count = 0;
      lastValue = null;
      origin = 0;
    }
    const v = p.value[i] ?? null;
    if (v !== null) {
      sum += v;
      count++;
      lastValue = v;
    }
    origin = Math.max(origin, p.origin[i] ?? 1);
  }
  flush();
  return out;
}

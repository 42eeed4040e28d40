import { z } from 'zod';
import {
  DIALECTS,
  graphSchema,
  loginBodySchema,
  moidSchema,
  seriesDataSchema,
  type CreatedSensorStateWire,
  type CreatedSignalStateWire,
  type Dialect,
  type MeterTypeWire,
  type SensorIdWire,
  type SensorStateWire,
  type SensorWire,
  type SeriesWire,
  type SignalTypeWire,
  type TaskResultWire,
} from '../../src/api/besmart/schemas.ts';
import { hash01 } from '../seed.ts';
import { withFaults, type FaultProfile } from '../faults.ts';
import { jsonResponse, type FakeOptions, type FakeRequest, type FakeResponse, type FakeService } from '../types.ts';
import {
  BESMART_DEMO_ACCOUNTS,
  createBesmartSeed,
  type BesmartAccount,
  type BesmartSeed,
  type MeterTypeRecord,
  type SensorRecord,
  type SignalStateRecord,
  type StateRecord as SeedState,
} from './data.ts';
import {
  Fail,
  Params,
  bodyIssues,
  detail,
  legacyBodyText,
  problem,
  pythonRepr,
  speaker,
  valueError,
  type Loc,
  type Style,
} from './errors.ts';
import { aggregate, filterOrigin, merge, type EditRecord } from './points.ts';
import { DAY, HOUR, generate, isIncremental, type GeneratedPoints } from './series.ts';

/*
 * The fake besmart.energy, speaking one of the two API versions the app meets
 * (shared/api/besmart-api.md v0.1.5, and besmart-api-current.md for the
 * service as documented today, v0.62.23): each version's paths, body forms,
 * field names, time formats, success codes and error bodies, and each refuses
 * the other's forms the way that version does. Paths are relative to the
 * service root (".../api").
 *
 * Series: GET and multi-get read [since, till) — since inclusive, till
 * exclusive — of points that exist by now(). PUT edits are stored as newer
 * records (acquisition order); a point of type "RM" deletes what is stored at
 * its time with its origin. get_last (v0.1.5) / last_acq (current multi-get)
 * keeps only the newest record per timestamp, otherwise every record is
 * returned, oldest first. delta_t aggregates into buckets of delta_t minutes
 * aligned to the epoch (time = bucket start): the last value for incremental
 * signals, the mean otherwise. output_unit_id, raw, apply_multiplier,
 * time_series_type, filters and is_chart are accepted and ignored.
 *
 * What no document settles, the fake decides as follows (README "besmart
 * versions"): current servers send state times as ISO date-times without a
 * zone (UTC), token expirations in epoch seconds, sensor and state `info` as
 * objects, leave `data` out of an empty series, clear optional sensor fields
 * a PUT body leaves out, and answer 409 to a second sensor with the same
 * external id or a second meter type with the same name.
 */

export const TOKEN_LIFETIME_MS = 2 * HOUR;

/** The version the fake speaks when nothing says otherwise: the service users meet today. */
export const DEFAULT_BESMART_API: Dialect = 'current';

/** Reads BESMART_API ("v0.1.5" or "current"; unset = current). */
export function besmartApiFromEnv(value: string | undefined): Dialect {
  if (value === undefined || value.trim() === '') return DEFAULT_BESMART_API;
  const v = value.trim();
  const found = DIALECTS.find((d) => d === v || `v${d}` === v || d === `v${v}`);
  if (found === undefined) throw new Error(`BESMART_API must be one of ${DIALECTS.join(', ')} (got “${value}”)`);
  return found;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** Query string without the leading "?". */
  query: string;
}

export interface BesmartFake extends FakeService {
  /** The API version this fake speaks. */
  readonly version: Dialect;
  /** Successful GET /users/token calls since the last reset. */
  tokenRefreshCount(): number;
  /** Successful logins since the last reset. */
  loginCount(): number;
  /** Every API request since the last reset (no headers or bodies). */
  requestLog(): readonly LoggedRequest[];
  /** A valid token without an HTTP round trip, for test setup: `expiration` in ms (v0.1.5) or seconds (current). */
  issueToken(login?: string): { token: string; user_id: number; expiration: number };
}

interface Session {
  account: BesmartAccount;
  /** Epoch ms. */
  expiration: number;
}

/** A state as the fake keeps it: its meter type by id (both versions' requests resolve to it), named at answer time. */
type StateRecord = Omit<SeedState, 'meter_type_name'> & { meter_type_id: number | null };

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

/** JSON text as the object current servers send (the text itself when it is not an object). */
function infoObject(text: string | null): Record<string, unknown> | string | null {
  if (text === null) return null;
  const v = parseJson(text);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? z.record(z.string(), z.unknown()).parse(v) : text;
}

const isoUtc = (t: number | null) => (t === null ? 'open' : new Date(t).toISOString());

/** A current server's date-time: ISO 8601 without a zone, meaning UTC; fractions only when there are some. */
function isoNaive(t: number): string {
  const full = new Date(t).toISOString();
  return t % 1000 === 0 ? full.slice(0, 19) : full.slice(0, 23);
}

/** meter_eid goes out as a number when it looks like one, as v0.1.5's example does. */
function eidWire(eid: string | null): string | number | null {
  return eid !== null && /^[1-9]\d{0,14}$/.test(eid) ? Number(eid) : eid;
}

const isJsonType = (req: FakeRequest) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '');

const seriesPutItemSchema = z.object({
  client_cid: z.number().int(),
  sensor_mid: z.number().int(),
  signal_type_moid: moidSchema,
  data: seriesDataSchema,
  unit: z.string().optional(),
});

/** One multi-get item, each version with its own option names (unknown keys are ignored, as both servers do). */
const multiGetItemSchema = z.object({
  client_cid: z.number().int(),
  sensor_mid: z.number().int(),
  signal_type_moid: z.number().int(),
  since: z.number().int(),
  till: z.number().int(),
  delta_t: z.number().int().positive().optional(),
  raw: z.boolean().optional(),
  output_unit_id: z.number().int().optional(),
  get_last: z.boolean().optional(),
  signal_origin_id: z.number().int().optional(),
  last_acq: z.boolean().optional(),
  origin_id: z.number().int().optional(),
  apply_multiplier: z.boolean().optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  is_chart: z.boolean().optional(),
});

/** PutSensorRequest (current): the whole sensor, `name` and `sensor_type_id` required. */
const putSensorSchema = z.object({
  name: z.string(),
  sensor_type_id: z.number().int(),
  sensor_eid: z.string().nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
  info: z.string().nullish(),
  comments: z.string().nullish(),
  uncertain: z.boolean().nullish(),
  negligible: z.boolean().nullish(),
  balance_calculation: z.boolean().nullish(),
  node_id: z.number().int().nullish(),
});

/** MeterTypeRequest (current). */
const meterTypeRequestSchema = z.object({
  name: z.string().min(1),
  number_of_phases: z.number().int(),
  description: z.string().nullish(),
  is_balance: z.boolean().nullish(),
  is_ami: z.boolean().nullish(),
  is_dcu: z.boolean().nullish(),
  is_remote: z.boolean().nullish(),
  prefix_name: z.string().nullish(),
  default_cap_period: z.number().int().nullish(),
});

/** The PATCH body of a signal state (current). */
const signalStatePatchSchema = z.object({
  value_for_since: z.number().nullish(),
  value_for_till: z.number().nullish(),
});

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, (req: FakeRequest, m: string[]) => FakeResponse>>;
}

export function createBesmartFake(
  options: FakeOptions & { seed?: number; version?: Dialect | undefined } = {},
): BesmartFake {
  const version: Dialect = options.version ?? DEFAULT_BESMART_API;
  const legacy = version === 'v0.1.5';
  const say = speaker(version);
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
  let nextStateId = 0;
  let nextSignalStateId = 0;
  let editSeq = 0;
  let tokenSeq = 0;
  let generation = 0;
  let refreshes = 0;
  let logins = 0;
  let log: LoggedRequest[] = [];

  function reset(): void {
    seed = createBesmartSeed({ anchor: Math.floor(now() / DAY) * DAY, dataset, seed: seedNumber });
    sensors = new Map(seed.sensors.map((s) => [`${s.client_cid}.${s.sensor_mid}`, { ...s }]));
    meterTypes = new Map([...seed.meterTypes].map(([cid, list]) => [cid, list.map((m) => ({ ...m }))]));
    states = new Map(
      seed.states.map((s) => {
        const type = (meterTypes.get(s.client_cid) ?? []).find((m) => m.meter_type_name === s.meter_type_name);
        const { meter_type_name: _name, ...rest } = s;
        const record: StateRecord = {
          ...rest,
          meter_type_id: type?.id ?? null,
          signal_states: s.signal_states.map((x) => ({ ...x })),
        };
        return [s.sensor_state_id, record];
      }),
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

  function newToken(): string {
    tokenSeq++;
    let token = '';
    for (let i = 0; i < 4; i++) {
      token += Math.floor(hash01(tokenSeq * 4 + i, generation * 7919 + seedNumber) * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    }
    return token;
  }

  /** The login answer: v0.1.5 `{expiration (ms), user_id, token}`; current adds `account_status`, expiration in seconds. */
  function tokenWire(token: string, session: Session) {
    if (legacy) return { expiration: session.expiration, user_id: session.account.user_id, token };
    return {
      user_id: session.account.user_id,
      token,
      expiration: session.expiration / 1000,
      account_status: { is_active: true, read_only: session.account.readOnly },
    };
  }

  function issue(account: BesmartAccount) {
    const token = newToken();
    const session: Session = { account, expiration: now() + TOKEN_LIFETIME_MS };
    sessions.set(token, session);
    return tokenWire(token, session);
  }

  function authenticate(req: FakeRequest, style: Style = 'problem'): Session {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') {
      throw legacy
        ? new Fail(jsonResponse(401, 'No authorization token provided'))
        : say.fail(401, 'Not authenticated');
    }
    const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
    const session = token === undefined ? undefined : sessions.get(token);
    if (session === undefined) throw say.fail(401, 'Invalid authorization token', style);
    if (now() >= session.expiration) throw say.fail(401, 'Token expired', style);
    return session;
  }

  /**
   * POST /users/token. v0.1.5: the body is declared text/plain (its framework
   * refuses JSON with 415) and the workspace key in X-Auth is required.
   * Current: a JSON body (anything else is a 422 about the body), no X-Auth.
   */
  function login(req: FakeRequest): FakeResponse {
    const type = req.headers['content-type'] ?? '';
    let accounts: readonly BesmartAccount[] = BESMART_DEMO_ACCOUNTS;
    if (legacy) {
      if (isJsonType(req)) throw new Fail(problem(415, `Invalid Content-type (${type}), expected ['text/plain']`));
      const key = req.headers['x-auth'];
      accounts = BESMART_DEMO_ACCOUNTS.filter((a) => a.workspaceKey === key);
      if (key === undefined || accounts.length === 0) throw say.fail(401, 'Invalid workspace key (X-Auth)');
    } else if (!isJsonType(req)) {
      throw say.invalid(
        {
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          type: 'model_attributes_type',
        },
        '',
      );
    }
    let body = parseJson(req.body);
    if (legacy && typeof body === 'string') body = parseJson(body);
    const creds = loginBodySchema.safeParse(body);
    if (!creds.success) {
      throw say.invalidMany(bodyIssues(creds.error), "Body must be JSON with 'login' and 'password'");
    }
    const account = accounts.find((a) => a.login === creds.data.login && a.password === creds.data.password);
    if (account === undefined) throw say.fail(401, 'Invalid login or password');
    logins++;
    return jsonResponse(200, issue(account));
  }

  /** GET /users/token. v0.1.5 refreshes (a new token, two more hours); current only reports the token as it is. */
  function refresh(req: FakeRequest): FakeResponse {
    const session = authenticate(req);
    refreshes++;
    if (legacy) return jsonResponse(200, issue(session.account));
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '')?.[1] ?? '';
    return jsonResponse(200, tokenWire(token, session));
  }

  // ------------------------------------------------------------ sensors

  function findSensor(session: Session, cid: number, mid: number, style: Style = 'problem'): SensorRecord {
    const s = sensors.get(`${cid}.${mid}`);
    if (s === undefined) throw say.notFound(`Sensor ${cid}.${mid} not found`, style);
    if (!session.account.clients.some((c) => c === cid)) throw say.forbidden();
    return s;
  }

  function canWrite(session: Session, s: SensorRecord): boolean {
    return s.write && !session.account.readOnly;
  }

  function requireWrite(session: Session, s: SensorRecord): void {
    if (!canWrite(session, s)) throw say.forbidden();
  }

  function requireClient(session: Session, cid: number, write: boolean): void {
    if (!session.account.clients.some((c) => c === cid)) throw say.forbidden();
    if (write && session.account.readOnly) throw say.forbidden();
  }

  function sensorWire(session: Session, s: SensorRecord): SensorWire & Record<string, unknown> {
    const type = seed.sensorTypes.find((t) => t.id === s.sensor_type_id);
    const common = {
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
    if (legacy) return { info: s.info, ...common };
    return {
      ...common,
      info: infoObject(s.info),
      read: true,
      balance_calculation: s.balance_calculation,
      acq_min: s.acq_min,
      existing_sensor_state: [...states.values()].some(
        (st) => st.client_cid === s.client_cid && st.sensor_mid === s.sensor_mid,
      ),
      sensor_type_sensor_custom_fields: type?.sensor_custom_fields ?? null,
      sensor_type_sensor_state_custom_fields: type?.sensor_state_custom_fields ?? null,
    };
  }

  function checkSensorType(p: Params, typeId: number | undefined): void {
    if (typeId !== undefined && !seed.sensorTypes.some((t) => t.id === typeId))
      throw p.refuse('sensor_type_id', `unknown sensor type ${typeId}`);
  }

  /** Query fields of POST /sensors (both) and v0.1.5's PUT. */
  function sensorFields(p: Params): Partial<SensorRecord> {
    const out: Partial<SensorRecord> = {};
    const name = p.str('name');
    if (name !== undefined) out.name = name;
    const typeId = p.int('sensor_type_id');
    checkSensorType(p, typeId);
    if (typeId !== undefined) out.sensor_type_id = typeId;
    const eid = p.str('sensor_eid');
    if (eid !== undefined) out.sensor_eid = eid;
    const lat = p.num('lat');
    if (lat !== undefined) {
      if (lat < -90 || lat > 90) throw p.refuse('lat', 'must be between -90 and 90');
      out.lat = lat;
    }
    const lon = p.num('lon');
    if (lon !== undefined) {
      if (lon < -180 || lon > 180) throw p.refuse('lon', 'must be between -180 and 180');
      out.lon = lon;
    }
    const info = p.str('info');
    if (info !== undefined) {
      if (!isJsonObject(info)) throw p.refuse('info', 'must be a JSON object');
      out.info = info;
    }
    const comments = p.str('comments');
    if (comments !== undefined) out.comments = comments;
    const uncertain = p.bool('uncertain');
    if (uncertain !== undefined) out.uncertain = uncertain;
    const negligible = p.bool('negligible');
    if (negligible !== undefined) out.negligible = negligible;
    if (!legacy) {
      const balance = p.bool('balance_calculation');
      if (balance !== undefined) out.balance_calculation = balance;
    }
    return out;
  }

  function checkUniqueEid(cid: number, eid: string | null | undefined, self?: SensorRecord): void {
    if (legacy || eid === undefined || eid === null) return;
    for (const s of sensors.values()) {
      if (s !== self && s.client_cid === cid && s.sensor_eid === eid)
        throw say.fail(409, `Sensor ${s.client_cid}.${s.sensor_mid} already has the external id “${eid}”`);
    }
  }

  /** POST /sensors — query parameters in both versions; `sensor_type_id` is optional on current servers. */
  function createSensor(req: FakeRequest): FakeResponse {
    const session = authenticate(req);
    const p = new Params(req.query, say);
    const name = p.reqStr('name');
    if (legacy) p.reqInt('sensor_type_id');
    const cid = p.reqInt('client_cid');
    const fields = sensorFields(p);
    requireClient(session, cid, true);
    checkUniqueEid(cid, fields.sensor_eid);
    let mid = 1;
    for (const s of sensors.values()) if (s.client_cid === cid) mid = Math.max(mid, s.sensor_mid + 1);
    const record: SensorRecord = {
      client_cid: cid,
      sensor_mid: mid,
      name,
      // A current server's sensor without a type is "virtual".
      sensor_type_id: 1,
      sensor_eid: null,
      lat: null,
      lon: null,
      info: '{}',
      comments: null,
      write: true,
      execute: true,
      negligible: false,
      uncertain: false,
      balance_calculation: false,
      acq_min: 15,
      ...fields,
    };
    sensors.set(`${cid}.${mid}`, record);
    const body: SensorIdWire = { client_cid: cid, sensor_mid: mid };
    return jsonResponse(201, body);
  }

  function getSensor(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    return jsonResponse(200, sensorWire(session, findSensor(session, Number(m[1]), Number(m[2]))));
  }

  /**
   * PUT /sensors/{cid}.{mid}. v0.1.5: the changed fields as query parameters
   * (a body is ignored). Current: the whole sensor as a JSON body (query
   * parameters are ignored); optional fields it leaves out are cleared.
   */
  function updateSensor(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    const s = findSensor(session, Number(m[1]), Number(m[2]));
    if (legacy) {
      const fields = sensorFields(new Params(req.query, say));
      requireWrite(session, s);
      Object.assign(s, fields);
      return say.done();
    }
    const raw = req.body.trim() === '' ? undefined : parseJson(req.body);
    if (raw === undefined) {
      throw say.invalid({ loc: ['body'], msg: 'Field required', type: 'missing' }, '');
    }
    const parsed = putSensorSchema.safeParse(raw);
    if (!parsed.success) throw say.invalidMany(bodyIssues(parsed.error), '');
    const b = parsed.data;
    if (!seed.sensorTypes.some((t) => t.id === b.sensor_type_id))
      throw say.invalid(valueError(['body', 'sensor_type_id'], `unknown sensor type ${b.sensor_type_id}`), '');
    if (b.info !== undefined && b.info !== null && !isJsonObject(b.info))
      throw say.invalid(valueError(['body', 'info'], 'must be a JSON object'), '');
    requireWrite(session, s);
    checkUniqueEid(s.client_cid, b.sensor_eid, s);
    Object.assign(s, {
      name: b.name,
      sensor_type_id: b.sensor_type_id,
      sensor_eid: b.sensor_eid ?? null,
      lat: b.lat ?? null,
      lon: b.lon ?? null,
      info: b.info ?? '{}',
      comments: b.comments ?? null,
      uncertain: b.uncertain ?? false,
      negligible: b.negligible ?? false,
      balance_calculation: b.balance_calculation ?? false,
    });
    return say.done();
  }

  function deleteSensor(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    const s = findSensor(session, Number(m[1]), Number(m[2]));
    requireWrite(session, s);
    const key = `${s.client_cid}.${s.sensor_mid}`;
    sensors.delete(key);
    for (const [id, st] of states)
      if (st.client_cid === s.client_cid && st.sensor_mid === s.sensor_mid) states.delete(id);
    for (const k of edits.keys()) if (k.startsWith(`${key}.`)) edits.delete(k);
    return say.done();
  }

  function sensorTypes(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    if (legacy) return jsonResponse(200, seed.sensorTypes);
    return jsonResponse(
      200,
      seed.sensorTypes.map((t) => ({ ...t, is_system_type: t.id === 1, is_unchangeable: false })),
    );
  }

  // ------------------------------------------------------------ meter types

  function meterTypeWire(cid: number, m: MeterTypeRecord): MeterTypeWire {
    if (legacy) {
      return {
        id: m.id,
        meter_type_name: m.meter_type_name,
        description: m.description,
        number_of_phases: m.number_of_phases,
        is_balance: m.is_balance,
        is_ami: m.is_ami,
        is_dcu: m.is_dcu,
      };
    }
    const { meter_type_name, ...rest } = m;
    return { name: meter_type_name, ...rest, client_cid: cid };
  }

  function checkPhases(p: Params, phases: number): void {
    if (phases < 1 || phases > 3) throw p.refuse('number_of_phases', 'must be 1, 2 or 3');
  }

  /**
   * A meter type from query parameters: v0.1.5's form names it
   * `meter_type_name` and the row by `meter_type_id`; the current PUT names it
   * `name`, has the id in its path and knows the fields v0.1.5 lacks.
   */
  function meterQuery(p: Params, pathId?: number): MeterTypeRecord {
    const meter_type_name = p.reqStr(legacy ? 'meter_type_name' : 'name');
    const id = pathId ?? p.reqInt('meter_type_id');
    const number_of_phases = p.reqInt('number_of_phases');
    checkPhases(p, number_of_phases);
    return {
      id,
      meter_type_name,
      description: p.str('description') ?? null,
      number_of_phases,
      is_ami: p.bool('is_ami') ?? false,
      is_balance: p.bool('is_balance') ?? false,
      is_dcu: p.bool('is_dcu') ?? false,
      is_remote: legacy ? false : (p.bool('is_remote') ?? false),
      prefix_name: legacy ? null : (p.str('prefix_name') ?? null),
      default_cap_period: legacy ? null : (p.int('default_cap_period') ?? null),
    };
  }

  function checkUniqueMeterName(cid: number, name: string, selfId?: number): void {
    const clash = (meterTypes.get(cid) ?? []).find((x) => x.meter_type_name === name && x.id !== selfId);
    if (clash) throw say.fail(409, `Meter type “${name}” already exists (id ${clash.id})`);
  }

  function getMeters(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    const cid = Number(m[1]);
    requireClient(session, cid, false);
    return jsonResponse(
      200,
      (meterTypes.get(cid) ?? []).map((x) => meterTypeWire(cid, x)),
    );
  }

  /** v0.1.5: POST /sensors/{cid}/meters with query parameters → 201 "Created". */
  function createMeterLegacy(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    const cid = Number(m[1]);
    const record = meterQuery(new Params(req.query, say));
    requireClient(session, cid, true);
    const list = meterTypes.get(cid) ?? [];
    if (list.some((x) => x.id === record.id)) throw say.fail(409, `Meter type ${record.id} already exists`);
    meterTypes.set(cid, [...list, record]);
    return jsonResponse(201, 'Created');
  }

  /** Current: POST /clients/{cid}/meters with a MeterTypeRequest body → 201 with the new row. */
  function createMeterCurrent(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    const cid = Number(m[1]);
    const parsed = meterTypeRequestSchema.safeParse(isJsonType(req) ? parseJson(req.body) : undefined);
    if (!parsed.success) throw say.invalidMany(bodyIssues(parsed.error), '');
    const b = parsed.data;
    if (b.number_of_phases < 1 || b.number_of_phases > 3)
      throw say.invalid(valueError(['body', 'number_of_phases'], 'must be 1, 2 or 3'), '');
    requireClient(session, cid, true);
    checkUniqueMeterName(cid, b.name);
    const list = meterTypes.get(cid) ?? [];
    const record: MeterTypeRecord = {
      id: list.reduce((max, x) => Math.max(max, x.id), 0) + 1,
      meter_type_name: b.name,
      description: b.description ?? null,
      number_of_phases: b.number_of_phases,
      is_balance: b.is_balance ?? false,
      is_ami: b.is_ami ?? false,
      is_dcu: b.is_dcu ?? false,
      is_remote: b.is_remote ?? false,
      prefix_name: b.prefix_name ?? null,
      default_cap_period: b.default_cap_period ?? null,
    };
    meterTypes.set(cid, [...list, record]);
    return jsonResponse(201, meterTypeWire(cid, record));
  }

  function replaceMeter(session: Session, cid: number, record: MeterTypeRecord): FakeResponse {
    requireClient(session, cid, true);
    const list = meterTypes.get(cid) ?? [];
    const i = list.findIndex((x) => x.id === record.id);
    if (i < 0) throw say.notFound(legacy ? 'Resource not found' : `Meter type ${record.id} not found`, 'plain');
    if (!legacy) checkUniqueMeterName(cid, record.meter_type_name, record.id);
    list[i] = record;
    return say.done();
  }

  function updateMeterLegacy(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    return replaceMeter(session, Number(m[1]), meterQuery(new Params(req.query, say)));
  }

  function updateMeterCurrent(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    return replaceMeter(session, Number(m[1]), meterQuery(new Params(req.query, say), Number(m[2])));
  }

  function removeMeter(session: Session, cid: number, id: number): FakeResponse {
    requireClient(session, cid, true);
    const list = meterTypes.get(cid) ?? [];
    if (!list.some((x) => x.id === id))
      throw say.notFound(legacy ? 'Resource not found' : `Meter type ${id} not found`, 'plain');
    meterTypes.set(
      cid,
      list.filter((x) => x.id !== id),
    );
    return say.done();
  }

  /** v0.1.5 documents only the cid; the row is named by `meter_type_id` (reference §3.8). */
  function deleteMeterLegacy(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    return removeMeter(session, Number(m[1]), new Params(req.query, say).reqInt('meter_type_id'));
  }

  function deleteMeterCurrent(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    return removeMeter(session, Number(m[1]), Number(m[2]));
  }

  // ------------------------------------------------------------ signal types and states

  /** v0.1.5 says is_incremental; current servers is_measurement + time_series_type (meanings undocumented) and more. */
  function signalTypeWire(t: SignalTypeWire): SignalTypeWire & Record<string, unknown> {
    if (legacy) return t;
    const { is_incremental, signal_type_moid, ...rest } = t;
    return {
      ...rest,
      signal_type_moid: typeof signal_type_moid === 'string' ? Number(signal_type_moid) : signal_type_moid,
      is_measurement: true,
      // A pattern the client must not read as "cumulative": the documents give no meaning.
      time_series_type: is_incremental === true ? 1 : 0,
      apply_multiplier: is_incremental === true,
      apply_current_ratio: false,
      apply_voltage_ratio: false,
      draw_chart: true,
      data_model_type: 0,
      chart_expected_summary: is_incremental === true ? [1] : [0],
      columns: {},
      payload_mapping: {},
    };
  }

  function signalTypes(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    return jsonResponse(200, seed.signalTypes.map(signalTypeWire));
  }

  function signalType(moid: number) {
    return seed.signalTypes.find((t) => Number(t.signal_type_moid) === moid);
  }

  function meterTypeOf(st: StateRecord): MeterTypeRecord | undefined {
    return (meterTypes.get(st.client_cid) ?? []).find((x) => x.id === st.meter_type_id);
  }

  function stateWire(st: StateRecord, onlyMoid?: number): SensorStateWire {
    const meter = meterTypeOf(st);
    const signals = st.signal_states.filter((x) => onlyMoid === undefined || x.signal_type_moid === onlyMoid);
    const common = {
      sensor_state_id: st.sensor_state_id,
      client_cid: st.client_cid,
      sensor_mid: st.sensor_mid,
      meter_eid: eidWire(st.meter_eid),
      meter_type_name: meter?.meter_type_name ?? null,
      meter_type_is_ami: meter?.is_ami ?? null,
    };
    if (legacy) {
      return {
        ...common,
        since: st.since,
        till: st.till,
        info: st.info,
        signal_states: signals.map((x) => ({ ...x })),
      };
    }
    return {
      ...common,
      since: isoNaive(st.since),
      till: st.till === null ? null : isoNaive(st.till),
      info: infoObject(st.info),
      meter_eid: st.meter_eid,
      meter_type_id: st.meter_type_id,
      meter_type_is_dcu: meter?.is_dcu ?? null,
      // Signal states lost `info` on current servers.
      signal_states: signals.map(({ info: _info, ...x }) => x),
    };
  }

  function statesOf(cid: number, mid: number): StateRecord[] {
    return [...states.values()]
      .filter((s) => s.client_cid === cid && s.sensor_mid === mid)
      .sort((a, b) => a.since - b.since);
  }

  function checkPeriod(
    p: Params,
    st: { client_cid: number; sensor_mid: number; since: number; till: number | null },
    selfId?: number,
  ) {
    if (st.till !== null && st.since >= st.till) {
      throw legacy
        ? p.refuse('since', "must be earlier than 'till'")
        : say.invalid(
            { loc: ['query', 'since'], msg: 'Date since is same or greater than date till', type: 'value_error' },
            '',
          );
    }
    const clash = statesOf(st.client_cid, st.sensor_mid).find(
      (o) =>
        o.sensor_state_id !== selfId &&
        st.since < (o.till ?? Number.POSITIVE_INFINITY) &&
        o.since < (st.till ?? Number.POSITIVE_INFINITY),
    );
    if (clash) {
      throw say.fail(
        409,
        `There is another state in that period: state ${clash.sensor_state_id} (${isoUtc(clash.since)} – ${isoUtc(clash.till)})`,
      );
    }
  }

  /**
   * The meter type a state write names: v0.1.5 by `meter_type_name`, current
   * servers by `meter_type_id` (each ignores the other's parameter).
   * Undefined when none is given.
   */
  function meterTypeParam(p: Params, cid: number): number | undefined {
    const list = meterTypes.get(cid) ?? [];
    if (legacy) {
      const name = p.str('meter_type_name');
      if (name === undefined) return undefined;
      const found = list.find((x) => x.meter_type_name === name);
      if (!found) throw p.refuse('meter_type_name', `client ${cid} has no meter type “${name}”`);
      return found.id;
    }
    const id = p.int('meter_type_id');
    if (id === undefined) return undefined;
    if (!list.some((x) => x.id === id)) throw p.refuse('meter_type_id', `client ${cid} has no meter type ${id}`);
    return id;
  }

  /** GET /sensors/states: v0.1.5 needs both ids; current servers take either or none (then every state the user sees). */
  function getStates(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const p = new Params(req.query, say);
    const cid = legacy ? p.reqInt('client_cid') : p.int('client_cid');
    const mid = legacy ? p.reqInt('sensor_mid') : p.int('sensor_mid');
    if (cid !== undefined && mid !== undefined) {
      findSensor(session, cid, mid);
      return jsonResponse(
        200,
        statesOf(cid, mid).map((s) => stateWire(s)),
      );
    }
    const visible = [...states.values()]
      .filter((s) => session.account.clients.some((c) => c === s.client_cid))
      .filter((s) => (cid === undefined || s.client_cid === cid) && (mid === undefined || s.sensor_mid === mid))
      .sort((a, b) => a.client_cid - b.client_cid || a.sensor_mid - b.sensor_mid || a.since - b.since);
    return jsonResponse(
      200,
      visible.map((s) => stateWire(s)),
    );
  }

  /** POST /sensors/states: since required in v0.1.5 (ms), optional today (integer; now when left out). */
  function createState(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const p = new Params(req.query, say);
    const cid = p.reqInt('client_cid');
    const mid = p.reqInt('sensor_mid');
    const since = legacy ? p.reqNum('since') : (p.int('since') ?? now());
    const till = (legacy ? p.num('till') : p.int('till')) ?? null;
    const s = findSensor(session, cid, mid);
    requireWrite(session, s);
    const meterTypeId = meterTypeParam(p, cid);
    const info = p.str('info') ?? null;
    if (info !== null && !isJsonObject(info)) throw p.refuse('info', 'must be a JSON object');
    const record: StateRecord = {
      sensor_state_id: 0,
      client_cid: cid,
      sensor_mid: mid,
      since,
      till,
      meter_eid: p.str('meter_eid') ?? null,
      info,
      meter_type_id: meterTypeId ?? null,
      signal_states: [],
    };
    checkPeriod(p, record);
    record.sensor_state_id = nextStateId++;
    states.set(record.sensor_state_id, record);
    if (legacy) {
      // v0.1.5's example answers `"signal_states": [[]]` for a new state.
      return jsonResponse(201, { ...stateWire(record), signal_states: [[]] });
    }
    // The create answer keeps integer times while GET sends date-times (reference §3.11).
    const meter = meterTypeOf(record);
    const body: CreatedSensorStateWire = {
      sensor_state_id: record.sensor_state_id,
      client_cid: cid,
      sensor_mid: mid,
      since: record.since,
      till: record.till,
      meter_eid: record.meter_eid,
      info: record.info,
      meter_type_id: record.meter_type_id,
      meter_type_name: meter?.meter_type_name ?? null,
      meter_type_is_ami: meter?.is_ami ?? null,
      meter_type_is_dcu: meter?.is_dcu ?? null,
      signal_states: [],
    };
    return jsonResponse(201, body);
  }

  function findState(session: Session, id: number): StateRecord {
    const st = states.get(id);
    if (st === undefined) throw say.notFound(`Sensor state ${id} not found`);
    findSensor(session, st.client_cid, st.sensor_mid);
    return st;
  }

  /** PUT /sensors/states/{id} (deprecated today): query; v0.1.5 answers "OK", current 200 `null`. */
  function updateState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const st = findState(session, Number(m[1]));
    const p = new Params(req.query, say);
    const since = p.int('since') ?? st.since;
    const till = p.int('till') ?? st.till;
    requireWrite(session, findSensor(session, st.client_cid, st.sensor_mid));
    const meterTypeId = meterTypeParam(p, st.client_cid);
    const info = p.str('info');
    if (info !== undefined && !isJsonObject(info)) throw p.refuse('info', 'must be a JSON object');
    checkPeriod(p, { ...st, since, till }, st.sensor_state_id);
    st.since = since;
    st.till = till;
    st.info = info ?? st.info;
    st.meter_eid = p.str('meter_eid') ?? st.meter_eid;
    st.meter_type_id = meterTypeId ?? st.meter_type_id;
    return legacy ? say.done() : jsonResponse(200, null);
  }

  function deleteState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const st = findState(session, Number(m[1]));
    requireWrite(session, findSensor(session, st.client_cid, st.sensor_mid));
    states.delete(st.sensor_state_id);
    return say.done();
  }

  /** POST /sensors/states/{id}/signals: query; `info` only in v0.1.5. */
  function createSignalState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const st = findState(session, Number(m[1]));
    const p = new Params(req.query, say);
    const moid = p.reqInt('signal_type_moid');
    const record: SignalStateRecord = {
      signal_state_id: 0,
      signal_type_moid: moid,
      value_for_since: p.num('value_for_since') ?? null,
      value_for_till: p.num('value_for_till') ?? null,
      info: legacy ? (p.str('info') ?? null) : null,
    };
    requireWrite(session, findSensor(session, st.client_cid, st.sensor_mid));
    if (signalType(moid) === undefined) throw p.refuse('signal_type_moid', `unknown signal type ${moid}`);
    if (st.signal_states.some((x) => x.signal_type_moid === moid)) {
      throw say.fail(409, `State ${st.sensor_state_id} already has a signal state for signal ${moid}`);
    }
    record.signal_state_id = nextSignalStateId++;
    st.signal_states.push(record);
    const body: CreatedSignalStateWire = { sensor_state_id: st.sensor_state_id, ...record };
    return jsonResponse(201, body);
  }

  function getSignalStates(req: FakeRequest): FakeResponse {
    const session = authenticate(req, 'plain');
    const p = new Params(req.query, say);
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
    throw say.notFound(`Signal state ${id} not found`, 'plain');
  }

  /** PUT /sensors/states/signals/{id}: query (v0.1.5 with info → "OK"; current, deprecated, without → 204). */
  function updateSignalState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const { state, signal } = findSignalState(session, Number(m[1]));
    const p = new Params(req.query, say);
    const vSince = p.num('value_for_since');
    const vTill = p.num('value_for_till');
    const info = legacy ? p.str('info') : undefined;
    requireWrite(session, findSensor(session, state.client_cid, state.sensor_mid));
    if (vSince !== undefined) signal.value_for_since = vSince;
    if (vTill !== undefined) signal.value_for_till = vTill;
    if (info !== undefined) signal.info = info;
    return say.done();
  }

  /** PATCH /sensors/states/signals/{id} (current only): JSON `{value_for_since?, value_for_till?}` → 204. */
  function patchSignalState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const { state, signal } = findSignalState(session, Number(m[1]));
    const parsed = signalStatePatchSchema.safeParse(isJsonType(req) ? parseJson(req.body) : undefined);
    if (!parsed.success) throw say.invalidMany(bodyIssues(parsed.error), '');
    requireWrite(session, findSensor(session, state.client_cid, state.sensor_mid));
    const { value_for_since: vSince, value_for_till: vTill } = parsed.data;
    if (vSince !== undefined) signal.value_for_since = vSince;
    if (vTill !== undefined) signal.value_for_till = vTill;
    return say.done();
  }

  function deleteSignalState(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req, 'plain');
    const { state, signal } = findSignalState(session, Number(m[1]));
    requireWrite(session, findSensor(session, state.client_cid, state.sensor_mid));
    state.signal_states = state.signal_states.filter((x) => x !== signal);
    return say.done();
  }

  // ------------------------------------------------------------ series

  interface ReadParams {
    since: number;
    till: number;
    last?: boolean | undefined;
    delta_t?: number | undefined;
    origin?: number | undefined;
  }

  /** One series; `loc` says where a bad range is reported (the query, or the multi-get item). */
  function readSeries(
    session: Session,
    cid: number,
    mid: number,
    moid: number,
    rp: ReadParams,
    loc: Loc,
  ): SeriesWire & Record<string, unknown> {
    findSensor(session, cid, mid);
    const type = signalType(moid);
    if (type === undefined) throw say.notFound(`Signal ${moid} not found`);
    if (rp.since >= rp.till) {
      throw say.invalid(
        valueError([...loc, 'since'], "'since' must be earlier than 'till'"),
        "Parameter 'since' must be earlier than 'till'",
      );
    }
    const started = performance.now();
    const plan = seed.plans.find((x) => x.client_cid === cid && x.sensor_mid === mid && x.signal_type_moid === moid);
    const gen: GeneratedPoints = plan ? generate(plan, rp.since, rp.till, now()) : { time: [], value: [], origin: [] };
    const own = (edits.get(`${cid}.${mid}.${moid}`) ?? [])
      .filter((e) => e.time >= rp.since && e.time < rp.till)
      .sort((a, b) => a.time - b.time || a.seq - b.seq);
    let points = merge(gen, own, rp.last === true);
    if (rp.origin !== undefined) points = filterOrigin(points, rp.origin);
    if (rp.delta_t !== undefined)
      points = aggregate(points, rp.delta_t, plan ? isIncremental(plan.kind) : type.is_incremental === true);
    const ids = { client_cid: cid, sensor_mid: mid, signal_type_moid: moid, unit: type.unit_symbol };
    if (legacy) return { ...ids, data: points };
    const seconds = (performance.now() - started) / 1000;
    return {
      ...ids,
      time_tstorage: Math.round(seconds * 1e6) / 1e6,
      time_other: 0.0001,
      // An empty series comes without its data block (the current documents show none).
      ...(points.time.length > 0 ? { data: points } : {}),
    };
  }

  /** GET /sensors/{cid}.{mid}/signals/{moid}/data: v0.1.5 answers a list of one series, current one object. */
  function getData(req: FakeRequest, m: string[]): FakeResponse {
    const session = authenticate(req);
    const p = new Params(req.query, say);
    // v0.1.5 types since/till as numbers; current servers as integers.
    const rp: ReadParams = {
      since: legacy ? p.reqNum('since') : p.reqInt('since'),
      till: legacy ? p.reqNum('till') : p.reqInt('till'),
      last: p.bool('get_last'),
      delta_t: p.int('delta_t'),
      origin: p.int('signal_origin_id'),
    };
    p.bool('raw');
    p.int('output_unit_id');
    if (legacy) p.bool('is_chart');
    else {
      p.bool('apply_multiplier');
      p.int('time_series_type');
    }
    if (rp.delta_t !== undefined && rp.delta_t <= 0) throw p.refuse('delta_t', 'must be positive');
    const series = readSeries(session, Number(m[1]), Number(m[2]), Number(m[3]), rp, ['query']);
    return jsonResponse(200, legacy ? [series] : series);
  }

  /**
   * POST /sensors/signals/data (+ current's /v2). Each version reads its own
   * option names — v0.1.5 `get_last` + `signal_origin_id`, current v1
   * `last_acq` + `origin_id`, current v2 `last_acq` + `signal_origin_id` —
   * and ignores the others.
   */
  function multiGet(req: FakeRequest, v2: boolean): FakeResponse {
    const session = authenticate(req, 'plain');
    const parsed = z.array(multiGetItemSchema).safeParse(parseJson(req.body));
    if (!parsed.success) throw say.invalidMany(bodyIssues(parsed.error), legacyBodyText(parsed.error));
    const out = parsed.data.map((r, i) => {
      const rp: ReadParams = {
        since: r.since,
        till: r.till,
        delta_t: r.delta_t,
        last: legacy ? r.get_last : r.last_acq,
        origin: legacy || v2 ? r.signal_origin_id : r.origin_id,
      };
      try {
        return readSeries(session, r.client_cid, r.sensor_mid, r.signal_type_moid, rp, ['body', i]);
      } catch (e) {
        if (legacy && e instanceof Fail && e.response.status !== 403) {
          throw say.fail(422, `Item ${i}: ${messageOf(e.response)}`);
        }
        throw e;
      }
    });
    return jsonResponse(200, out);
  }

  function messageOf(res: FakeResponse): string {
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

  function checkPutData(data: z.infer<typeof seriesDataSchema>, loc: Loc, prefix = ''): void {
    const n = data.time.length;
    if ((data.type.length !== 0 && data.type.length !== n) || (data.origin.length !== 0 && data.origin.length !== n)) {
      throw say.invalid(
        valueError(loc, 'time, value, type and origin must have the same length'),
        `${prefix}time, value, type and origin must have the same length`,
      );
    }
  }

  /**
   * PUT /sensors/{cid}.{mid}/signals/{moid}/data: `{time, value, type,
   * origin}` in both (v0.1.5 → "OK", current → 204); current's `/data/v2`
   * wraps it as `{"data": {...}}`.
   */
  function putData(req: FakeRequest, m: string[], v2: boolean): FakeResponse {
    const session = authenticate(req);
    const [cid, mid, moid] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const s = findSensor(session, cid, mid);
    requireWrite(session, s);
    if (signalType(moid) === undefined) throw say.notFound(`Signal ${moid} not found`);
    new Params(req.query, say).str('unit');
    const body = parseJson(req.body);
    const schema = v2 ? z.object({ data: seriesDataSchema }).transform((b) => b.data) : seriesDataSchema;
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw say.invalidMany(bodyIssues(parsed.error), legacyBodyText(parsed.error));
    checkPutData(parsed.data, v2 ? ['body', 'data'] : ['body']);
    store(cid, mid, moid, parsed.data);
    return say.done();
  }

  /** PUT /sensors/signals/data (v0.1.5 → "OK", current v1 → 200 `null`) and current's /v2 (→ 204). */
  function multiPut(req: FakeRequest, v2: boolean): FakeResponse {
    const session = authenticate(req, 'plain');
    const parsed = z.array(seriesPutItemSchema).safeParse(parseJson(req.body));
    if (!parsed.success) throw say.invalidMany(bodyIssues(parsed.error), legacyBodyText(parsed.error));
    parsed.data.forEach((item, i) => {
      const s = sensors.get(`${item.client_cid}.${item.sensor_mid}`);
      if (s === undefined) {
        throw say.invalid(
          valueError(['body', i, 'sensor_mid'], `sensor ${item.client_cid}.${item.sensor_mid} not found`),
          `Item ${i}: sensor ${item.client_cid}.${item.sensor_mid} not found`,
        );
      }
      findSensor(session, item.client_cid, item.sensor_mid);
      requireWrite(session, s);
      if (signalType(item.signal_type_moid) === undefined) {
        throw say.invalid(
          valueError(['body', i, 'signal_type_moid'], `unknown signal type ${item.signal_type_moid}`),
          `Item ${i}: unknown signal type ${item.signal_type_moid}`,
        );
      }
      checkPutData(item.data, ['body', i, 'data'], `Item ${i}: `);
    });
    for (const item of parsed.data) store(item.client_cid, item.sensor_mid, item.signal_type_moid, item.data);
    if (legacy) return say.done();
    return v2 ? say.done() : jsonResponse(200, null);
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

  /** Task query parameters: priority and async only in v0.1.5 (current servers ignore them). */
  function taskParams(req: FakeRequest): { async: boolean; since: number | undefined; till: number | undefined } {
    const p = new Params(req.query, say, 'python');
    if (legacy) {
      const priority = p.int('task_priority');
      if (priority !== undefined && (priority < 1 || priority > 10)) {
        throw say.fail(422, 'task_priority must be between 1 and 10', 'python');
      }
    }
    const since = legacy ? p.num('since') : p.int('since');
    const till = legacy ? p.num('till') : p.int('till');
    if (since !== undefined && till !== undefined && since >= till)
      throw say.invalid(
        valueError(['query', 'since'], 'since must be earlier than till'),
        'since must be earlier than till',
        'python',
      );
    return { async: legacy ? (p.bool('task_async') ?? false) : false, since, till };
  }

  /** POST /tasks/graphs/run: v0.1.5 only (current servers removed it in v0.44.44.3). */
  function runGraph(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    const tp = taskParams(req);
    const graph = graphSchema.safeParse(parseJson(req.body));
    if (!graph.success) throw say.fail(422, 'The graph must be JSON with a nodes array', 'python');
    if (tp.async) return jsonResponse(202, 'Accepted');
    const start = tp.since ?? Math.floor(now() / HOUR) * HOUR - DAY;
    const result: TaskResultWire[] = [{ data: taskData(start, tp.till, 2 + graph.data.nodes.length) }];
    return jsonResponse(201, result);
  }

  const GRAPHS: Record<string, { moid: number; unit: string; level: number }> = {
    estimation: { moid: 32, unit: 'kW.h', level: 3 },
    pv_forecast: { moid: 64, unit: 'kW', level: 5 },
  };

  /**
   * POST /tasks/graphs/run/name. v0.1.5: text/plain body (415 to JSON),
   * answers a Python-repr string (200) or "Accepted" (202, task_async).
   * Current: JSON body (422 to anything else), always synchronous, answers JSON.
   */
  function runGraphByName(req: FakeRequest): FakeResponse {
    authenticate(req, 'plain');
    if (legacy && isJsonType(req)) {
      throw new Fail(
        problem(415, `Invalid Content-type (${req.headers['content-type'] ?? ''}), expected ['text/plain']`),
      );
    }
    const name = new Params(req.query, say, 'python').reqStr('graph_name');
    const tp = taskParams(req);
    const params = isJsonType(req) || legacy ? parseJson(req.body) : undefined;
    if (params === undefined || typeof params !== 'object' || params === null) {
      throw say.invalid(
        { loc: ['body'], msg: 'Input should be a valid list', type: 'list_type' },
        'Template parameters must be JSON',
        'python',
      );
    }
    const graph = Object.hasOwn(GRAPHS, name) ? GRAPHS[name] : undefined;
    if (graph === undefined) throw say.notFound(legacy ? 'Resource not found' : `Graph “${name}” not found`, 'plain');
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
    return jsonResponse(200, legacy ? pythonRepr(result) : [result]);
  }

  // ------------------------------------------------------------ routing

  const common: Route[] = [
    { pattern: /^\/users\/token$/, methods: { POST: login, GET: refresh } },
    { pattern: /^\/sensors$/, methods: { POST: createSensor } },
    { pattern: /^\/sensors\/types$/, methods: { GET: sensorTypes } },
    { pattern: /^\/sensors\/signals\/types$/, methods: { GET: signalTypes } },
    {
      pattern: /^\/sensors\/signals\/data$/,
      methods: { POST: (r) => multiGet(r, false), PUT: (r) => multiPut(r, false) },
    },
    { pattern: /^\/sensors\/states$/, methods: { GET: getStates, POST: createState } },
    { pattern: /^\/sensors\/states\/signals$/, methods: { GET: getSignalStates } },
    { pattern: /^\/sensors\/states\/(\d+)\/signals$/, methods: { POST: createSignalState } },
    { pattern: /^\/sensors\/states\/(\d+)$/, methods: { PUT: updateState, DELETE: deleteState } },
    { pattern: /^\/sensors\/(\d+)\.(\d+)$/, methods: { GET: getSensor, PUT: updateSensor, DELETE: deleteSensor } },
    {
      pattern: /^\/sensors\/(\d+)\.(\d+)\/signals\/(\d+)\/data$/,
      methods: { GET: getData, PUT: (r, m) => putData(r, m, false) },
    },
    { pattern: /^\/tasks\/graphs\/run\/name$/, methods: { POST: runGraphByName } },
  ];
  const legacyRoutes: Route[] = [
    { pattern: /^\/sensors\/states\/signals\/(\d+)$/, methods: { PUT: updateSignalState, DELETE: deleteSignalState } },
    {
      pattern: /^\/sensors\/(\d+)\/meters$/,
      methods: { GET: getMeters, POST: createMeterLegacy, PUT: updateMeterLegacy, DELETE: deleteMeterLegacy },
    },
    { pattern: /^\/tasks\/graphs\/run$/, methods: { POST: runGraph } },
  ];
  const currentRoutes: Route[] = [
    {
      pattern: /^\/sensors\/states\/signals\/(\d+)$/,
      methods: { PUT: updateSignalState, PATCH: patchSignalState, DELETE: deleteSignalState },
    },
    { pattern: /^\/clients\/(\d+)\/meters$/, methods: { GET: getMeters, POST: createMeterCurrent } },
    { pattern: /^\/clients\/(\d+)\/meters\/(\d+)$/, methods: { PUT: updateMeterCurrent, DELETE: deleteMeterCurrent } },
    {
      pattern: /^\/sensors\/signals\/data\/v2$/,
      methods: { POST: (r) => multiGet(r, true), PUT: (r) => multiPut(r, true) },
    },
    { pattern: /^\/sensors\/(\d+)\.(\d+)\/signals\/(\d+)\/data\/v2$/, methods: { PUT: (r, m) => putData(r, m, true) } },
  ];
  const routes = [...common, ...(legacy ? legacyRoutes : currentRoutes)];

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
    if (path === undefined) return say.routeMissing();
    for (const r of routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      const handler = r.methods[req.method];
      if (!handler) return say.methodNotAllowed();
      return handler(req, [...m]);
    }
    return say.routeMissing();
  }

  return withFaults<BesmartFake>(
    {
      version,
      handle(req) {
        log.push({ method: req.method, path: req.path, query: req.query.toString() });
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
          return jsonResponse(200, 'OK');
        }
        if (action === 'advance-clock') {
          const ms = Number(params.get('ms'));
          if (!Number.isFinite(ms) || ms < 0) return jsonResponse(422, 'advance-clock needs ms ≥ 0');
          clockOffset += ms;
          return jsonResponse(200, 'OK');
        }
        if (action === 'expire-tokens') {
          for (const s of sessions.values()) s.expiration = Math.min(s.expiration, now());
          return jsonResponse(200, 'OK');
        }
        if (action === 'version') return jsonResponse(200, { version });
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
    legacy ? LEGACY_FAULTS : CURRENT_FAULTS,
  );
}

const FAULT_HTML =
  '<!DOCTYPE html><html><head><title>besmart.energy</title></head>' +
  '<body><h1>Service temporarily unavailable</h1><p>Please try again later.</p></body></html>';
const FAULT_TRUNCATED = '[{"client_cid": 1, "sensor_mid": 1, "name": "Main switchb';
const isLoginRequest = (req: FakeRequest) => req.path === '/users/token' && req.method === 'POST';

/**
 * How besmart fails (the fault switch, mocks/faults.ts), in each version's
 * error shape: a rejected token as for a revoked one, and a plain web page
 * for "HTML instead of JSON".
 */
const LEGACY_FAULTS: FaultProfile = {
  unauthorized: () => problem(401, 'Invalid authorization token'),
  errorStatus: (status) =>
    problem(status, status >= 500 ? 'The server met an unexpected condition.' : 'The request was refused.'),
  htmlPage: FAULT_HTML,
  truncatedJson: FAULT_TRUNCATED,
  isLogin: isLoginRequest,
};

const CURRENT_FAULTS: FaultProfile = {
  unauthorized: () => detail(401, 'Invalid authorization token'),
  errorStatus: (status) =>
    detail(status, status >= 500 ? 'The server met an unexpected condition.' : 'The request was refused.'),
  htmlPage: FAULT_HTML,
  truncatedJson: FAULT_TRUNCATED,
  isLogin: isLoginRequest,
};

import { z } from 'zod';
import { ApiError } from '../errors.ts';
import {
  looksLikeHtml,
  parseJsonText,
  parseWith,
  send,
  seg,
  type HttpRequest,
  type HttpResponse,
  type Query,
} from '../http.ts';
import {
  ackFromBody,
  createdSensorStateSchema,
  createdSignalStateSchema,
  dialectOfError,
  errorMessageFromBody,
  isRouteMissing,
  meterTypeSchema,
  meterTypesSchema,
  parsePythonRepr,
  sensorIdSchema,
  sensorSchema,
  sensorStatesSchema,
  sensorTypesSchema,
  seriesListSchema,
  signalTypesSchema,
  taskResultSchema,
  taskResultsSchema,
  tokenSchema,
  validationIssues,
  type CreatedSignalState,
  type Dialect,
  type MeterType,
  type Sensor,
  type SensorId,
  type SensorState,
  type SensorType,
  type Series,
  type SeriesRequest,
  type SignalType,
  ignoredTaskOptions,
  offersRawGraphs,
  type SensorRef,
  type SignalRef,
  type CreateSensorParams,
  type UpdateSensorParams,
  type MeterTypeParams,
  type SensorStateFields,
  type CreateSensorStateParams,
  type SignalStateFields,
  type SignalDataQuery,
  type SeriesInput,
  type SeriesPut,
  type TaskOptions,
  type TaskOutcome,
} from './schemas.ts';

// The parameter types live beside the wire schemas; re-exported for the client's callers and tests.
export { ignoredTaskOptions, offersRawGraphs };
export type {
  SensorRef,
  SignalRef,
  CreateSensorParams,
  UpdateSensorParams,
  MeterTypeParams,
  SensorStateFields,
  CreateSensorStateParams,
  SignalStateFields,
  SignalDataQuery,
  SeriesInput,
  SeriesPut,
  TaskOptions,
  TaskOutcome,
};

/*
 * One function per operation of the besmart.energy REST API, speaking both
 * versions the app meets: v0.1.5 (../shared/api/besmart-api.md) and the
 * service as documented today, v0.62.23 (besmart-api-current.md), without a
 * setting. The rules (README "besmart versions"):
 *  - the version is learned from what the server answers: the login form it
 *    took, the login answer, the shape of an error body, or a "route missing"
 *    answer; the session remembers it and passes it back in `auth.dialect`;
 *  - where the two versions use different paths or methods, the known
 *    version's form goes first (current when unknown) and the other is tried
 *    only after a "route missing" answer, which means the server did nothing,
 *    so a write is never applied twice;
 *  - where one request can satisfy both (the sensor PUT, the multi-get
 *    options, a state's meter type), it carries both forms;
 *  - any 2xx but a web page is success; every failure is an ApiError with the
 *    server's words, and a 422 list becomes messages at the fields it names.
 * Times are UTC ms since epoch and always sent as integers.
 */

export interface BesmartAuth {
  token: string;
  /** The server's API version when known (from the sign-in, or learned since). */
  dialect?: Dialect | undefined;
  /** Told when an answer shows the server's version, so the session remembers it. */
  learn?: ((dialect: Dialect) => void) | undefined;
}

export interface Credentials {
  login: string;
  password: string;
  /** Workspace API key, sent as `X-Auth` when given: v0.1.5 needs it, current servers ignore it. */
  workspaceKey?: string | undefined;
  /** The login form this server took before (a re-login reuses it). */
  dialect?: Dialect | undefined;
}

export interface CallOptions {
  signal?: AbortSignal;
}

const SERVICE = 'besmart';

/** A token of a current server lives two hours (API authentication.md); used when the answer gives no expiry. */
const TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;

interface Call {
  path: string;
  what: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
}

function httpError(c: Call, res: HttpResponse, extra: { code?: string; serverMessage?: string } = {}): ApiError {
  const fields = res.status === 422 ? validationIssues(res.text) : [];
  return new ApiError({
    service: SERVICE,
    kind: 'http',
    what: c.what,
    status: res.status,
    serverMessage: extra.serverMessage ?? errorMessageFromBody(res.text, res.contentType),
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    fields,
    routeMissing: isRouteMissing(res.status, res.text),
  });
}

/** Sends one request; an error status becomes an ApiError (and teaches the session the version when the body shows it). */
async function call(auth: BesmartAuth | null, c: Call): Promise<HttpResponse> {
  const res = await send(request(auth, c));
  if (res.status >= 400) {
    const hint = dialectOfError(res.text, res.contentType);
    if (auth && hint !== undefined && auth.dialect === undefined) learn(auth, hint);
    throw httpError(c, res);
  }
  return res;
}

function request(auth: BesmartAuth | null, c: Call): HttpRequest {
  const headers: Record<string, string> = { ...c.headers };
  // An empty token sends no header at all, as a signed-out caller would.
  if (auth && auth.token !== '') headers.Authorization = `Bearer ${auth.token}`;
  return {
    service: SERVICE,
    path: c.path,
    method: c.method ?? 'GET',
    what: c.what,
    headers,
    ...(c.query ? { query: c.query } : {}),
    ...(c.body !== undefined ? { body: c.body } : {}),
    ...(c.signal ? { signal: c.signal } : {}),
  };
}

function learn(auth: BesmartAuth, dialect: Dialect): void {
  if (auth.dialect === dialect) return;
  auth.dialect = dialect;
  auth.learn?.(dialect);
}

async function callJson<S extends z.ZodType>(auth: BesmartAuth | null, schema: S, c: Call): Promise<z.infer<S>> {
  const res = await call(auth, c);
  return parseWith(SERVICE, c.what, schema, parseJsonText(SERVICE, c.what, res));
}

/** A write: any answer but a web page is success — "OK", "Created", `null`, an object or 204 with nothing. */
async function callAck(auth: BesmartAuth | null, c: Call): Promise<HttpResponse> {
  const res = await call(auth, c);
  if (looksLikeHtml(res) || ackFromBody(res.text) === undefined) {
    throw new ApiError({
      service: SERVICE,
      kind: 'parse',
      what: c.what,
      status: res.status,
      serverMessage: looksLikeHtml(res) ? 'a web page came back instead of data' : 'the answer is cut off or not JSON',
    });
  }
  return res;
}

interface Variant<T> {
  dialect: Dialect;
  run: () => Promise<T>;
}

/**
 * Runs the form of the server's version, or both in turn when the version is
 * unknown (current first: the service users meet today). The next form is
 * tried only after "route missing", so nothing is ever applied twice; the
 * form that answered teaches the session the version.
 */
async function byVersion<T>(auth: BesmartAuth, variants: readonly [Variant<T>, Variant<T>]): Promise<T> {
  const preferred = auth.dialect ?? 'current';
  const ordered = [...variants].sort((a, b) => Number(b.dialect === preferred) - Number(a.dialect === preferred));
  let last: unknown;
  for (const v of ordered) {
    try {
      const out = await v.run();
      learn(auth, v.dialect);
      return out;
    } catch (e) {
      if (!(e instanceof ApiError && e.routeMissing)) throw e;
      last = e;
    }
  }
  throw last;
}

const json = { 'Content-Type': 'application/json' };
const text = { 'Content-Type': 'text/plain' };
const ref = (r: SensorRef) => `${seg(r.client_cid)}.${seg(r.sensor_mid)}`;
const label = (r: SensorRef) => `${r.client_cid}.${r.sensor_mid}`;
/** Times always travel as integer ms: current servers answer 422 to a fraction. */
const ms = (t: number | undefined) => (t === undefined ? undefined : Math.round(t));

// ---------------------------------------------------------------- users

/** A token as the app keeps it: expiry in epoch ms, and the version of the server that issued it. */
export interface SignedIn {
  token: string;
  user_id: number;
  /** Epoch ms. */
  expiration: number;
  /** Which server this is, learned from the login form it took and its answer. */
  dialect: Dialect;
  account_status: Record<string, unknown> | null;
}

const bodyFormRejected = (e: unknown) =>
  e instanceof ApiError &&
  (e.status === 415 ||
    e.status === 400 ||
    // A current server refusing text/plain: its 422 names the body as a whole.
    (e.status === 422 && e.fields.length > 0 && e.fields.every((f) => f.field === null)));

/**
 * POST /users/token — signs in. Sends JSON `{login, password}` as
 * application/json (current servers) and `X-Auth` when a workspace key is
 * given; on 415/400 (or a 422 about the body) it retries once as text/plain,
 * the form v0.1.5 wants, or the other way round when the server is known to
 * be v0.1.5. Answers the token with `expiration` in epoch ms (v0.1.5 sends
 * ms, current servers seconds) and the server's version.
 */
export async function login(credentials: Credentials, opts: CallOptions = {}): Promise<SignedIn> {
  const body = JSON.stringify({ login: credentials.login, password: credentials.password });
  const key = credentials.workspaceKey?.trim() ?? '';
  const attempt = (form: 'json' | 'text') =>
    call(null, {
      path: '/users/token',
      method: 'POST',
      what: 'Signing in to besmart',
      headers: { ...(form === 'json' ? json : text), ...(key !== '' ? { 'X-Auth': key } : {}) },
      body,
      signal: opts.signal,
    });
  const first = credentials.dialect === 'v0.1.5' ? 'text' : 'json';
  let form: 'json' | 'text' = first;
  let res: HttpResponse;
  try {
    try {
      res = await attempt(first);
    } catch (e) {
      if (!bodyFormRejected(e)) throw e;
      form = first === 'json' ? 'text' : 'json';
      res = await attempt(form);
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && key === '') {
      throw new ApiError({
        service: SERVICE,
        kind: 'http',
        what: 'Signing in to besmart',
        status: 401,
        code: 'WorkspaceKeyMayBeNeeded',
        // The form adds, in the user's language, that a v0.1.5 server also needs the workspace key.
        serverMessage: e.serverMessage,
      });
    }
    throw e;
  }
  const t = parseWith(
    SERVICE,
    'Signing in to besmart',
    tokenSchema,
    parseJsonText(SERVICE, 'Signing in to besmart', res),
  );
  return {
    token: t.token,
    user_id: t.user_id,
    expiration: t.expiration ?? Date.now() + TOKEN_LIFETIME_MS,
    // text/plain is taken only by v0.1.5; JSON by current servers unless the answer says otherwise.
    dialect: form === 'text' ? 'v0.1.5' : (t.dialectHint ?? 'current'),
    account_status: t.account_status,
  };
}

/**
 * GET /users/token — the token's info with its `expiration` (epoch ms). v0.1.5
 * extends the token; current servers only report it (the session signs in
 * again before expiry when the expiration did not move).
 */
export async function refreshToken(auth: BesmartAuth, opts: CallOptions = {}): Promise<SignedIn> {
  const t = await callJson(auth, tokenSchema, {
    path: '/users/token',
    what: 'Refreshing the besmart session',
    signal: opts.signal,
  });
  return {
    token: t.token,
    user_id: t.user_id,
    expiration: t.expiration ?? Date.now() + TOKEN_LIFETIME_MS,
    dialect: auth.dialect ?? t.dialectHint ?? 'current',
    account_status: t.account_status,
  };
}

// ---------------------------------------------------------------- sensors

/** POST /sensors — creates a sensor; every field is a query parameter in both versions. Answers its `{client_cid, sensor_mid}` (201). */
export function createSensor(auth: BesmartAuth, params: CreateSensorParams): Promise<SensorId> {
  return callJson(auth, sensorIdSchema, {
    path: '/sensors',
    method: 'POST',
    what: `Creating sensor “${params.name}”`,
    query: { ...params },
  });
}

/**
 * GET /sensors/{cid}.{mid} — one sensor: name, type, external id (`sensor_eid`),
 * position (`lat`/`lon`, degrees), `info` as JSON text (current servers send an
 * object), `comments`, the caller's permissions (`write`, `execute`, `read`)
 * and flags (`negligible`, `uncertain`, `balance_calculation`).
 */
export function getSensor(auth: BesmartAuth, sensor: SensorRef, opts: CallOptions = {}): Promise<Sensor> {
  return callJson(auth, sensorSchema, {
    path: `/sensors/${ref(sensor)}`,
    what: `Loading sensor ${label(sensor)}`,
    signal: opts.signal,
  });
}

/** The body of a current server's PUT: the whole sensor, `name` and `sensor_type_id` required. */
function sensorBody(s: Sensor, changes: UpdateSensorParams): Record<string, unknown> {
  const merged = {
    name: s.name,
    sensor_type_id: s.sensor_type_id,
    sensor_eid: s.sensor_eid,
    lat: s.lat,
    lon: s.lon,
    info: s.info,
    comments: s.comments,
    uncertain: s.uncertain,
    negligible: s.negligible,
    balance_calculation: s.balance_calculation,
    ...changes,
  };
  // Fields the server never sent stay out, so a PUT cannot clear what the app did not read.
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * PUT /sensors/{cid}.{mid} — changes the given fields of a sensor; 403 for a
 * read-only sensor. v0.1.5 takes them as query parameters; current servers
 * take the whole sensor as a JSON body, so the client reads the sensor,
 * merges the changes and sends it all. When the version is unknown both
 * travel in one request (each server ignores the other form).
 */
export async function updateSensor(auth: BesmartAuth, sensor: SensorRef, changes: UpdateSensorParams): Promise<void> {
  const what = `Saving sensor ${label(sensor)}`;
  const query = auth.dialect === 'current' ? undefined : { ...changes };
  let body: string | undefined;
  if (auth.dialect !== 'v0.1.5') {
    const current = await getSensor(auth, sensor);
    body = JSON.stringify(sensorBody(current, changes));
  }
  await callAck(auth, {
    path: `/sensors/${ref(sensor)}`,
    method: 'PUT',
    what,
    ...(query ? { query } : {}),
    ...(body !== undefined ? { headers: json, body } : {}),
  });
}

/** DELETE /sensors/{cid}.{mid} — removes a sensor (200 "OK" in v0.1.5, 204 today). */
export async function deleteSensor(auth: BesmartAuth, sensor: SensorRef): Promise<void> {
  await callAck(auth, { path: `/sensors/${ref(sensor)}`, method: 'DELETE', what: `Deleting sensor ${label(sensor)}` });
}

/**
 * GET /sensors/types — all sensor types. `sensor_custom_fields` and
 * `sensor_state_custom_fields` are JSON text `{"key": {"required": bool}}`
 * defining the keys of a sensor's / a state's `info` (see parseCustomFields).
 */
export function getSensorTypes(auth: BesmartAuth, opts: CallOptions = {}): Promise<SensorType[]> {
  return callJson(auth, sensorTypesSchema, {
    path: '/sensors/types',
    what: 'Loading sensor types',
    signal: opts.signal,
  });
}

// ---------------------------------------------------------------- meter types

const legacyMeterQuery = (p: MeterTypeParams): Query => ({
  meter_type_id: p.meter_type_id,
  meter_type_name: p.meter_type_name,
  number_of_phases: p.number_of_phases,
  description: p.description,
  is_ami: p.is_ami,
  is_balance: p.is_balance,
  is_dcu: p.is_dcu,
});

const currentMeterFields = (p: MeterTypeParams) => ({
  name: p.meter_type_name,
  number_of_phases: p.number_of_phases,
  description: p.description,
  is_ami: p.is_ami,
  is_balance: p.is_balance,
  is_dcu: p.is_dcu,
  is_remote: p.is_remote,
  prefix_name: p.prefix_name,
  default_cap_period: p.default_cap_period,
});

function needsId(p: MeterTypeParams, what: string): number {
  if (p.meter_type_id !== undefined) return p.meter_type_id;
  throw new ApiError({
    service: SERVICE,
    kind: 'http',
    what,
    status: 422,
    code: 'MeterTypeIdRequired',
    serverMessage: 'this besmart server (v0.1.5) needs the meter type id',
    fields: [{ field: 'meter_type_id', message: 'this besmart server (v0.1.5) needs the meter type id' }],
  });
}

/**
 * GET /clients/{cid}/meters (current) or /sensors/{cid}/meters (v0.1.5) — the
 * client's meter types (phases; AMI, balance, DCU, remote flags). Names come
 * as `name` or `meter_type_name` and are read into `meter_type_name`.
 */
export function getMeterTypes(auth: BesmartAuth, clientCid: number, opts: CallOptions = {}): Promise<MeterType[]> {
  const c = (path: string): Call => ({ path, what: `Loading meter types of client ${clientCid}`, signal: opts.signal });
  return byVersion(auth, [
    { dialect: 'current', run: () => callJson(auth, meterTypesSchema, c(`/clients/${seg(clientCid)}/meters`)) },
    { dialect: 'v0.1.5', run: () => callJson(auth, meterTypesSchema, c(`/sensors/${seg(clientCid)}/meters`)) },
  ]);
}

/**
 * Creates a meter type. Current: POST /clients/{cid}/meters with a JSON body
 * `{name, number_of_phases, …}`; the server picks the id and answers the row
 * (201). v0.1.5: POST /sensors/{cid}/meters with query parameters including
 * the caller's `meter_type_id`; answers "Created". Answers the row when the
 * server sent it.
 */
export function createMeterType(
  auth: BesmartAuth,
  clientCid: number,
  params: MeterTypeParams,
): Promise<MeterType | null> {
  const what = `Creating meter type “${params.meter_type_name}”`;
  return byVersion(auth, [
    {
      dialect: 'current',
      run: async () => {
        const res = await callAck(auth, {
          path: `/clients/${seg(clientCid)}/meters`,
          method: 'POST',
          what,
          headers: json,
          body: JSON.stringify(currentMeterFields(params)),
        });
        const row = meterTypeSchema.safeParse(tryJsonBody(res.text));
        return row.success ? row.data : null;
      },
    },
    {
      dialect: 'v0.1.5',
      run: async () => {
        const id = needsId(params, what);
        await callAck(auth, {
          path: `/sensors/${seg(clientCid)}/meters`,
          method: 'POST',
          what,
          query: legacyMeterQuery({ ...params, meter_type_id: id }),
        });
        return null;
      },
    },
  ]);
}

function tryJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Rewrites the meter type `meter_type_id` (query parameters in both versions).
 * Current: PUT /clients/{cid}/meters/{id} with `name`, `number_of_phases`, …
 * (204). v0.1.5: PUT /sensors/{cid}/meters with `meter_type_id`,
 * `meter_type_name`, … ("OK").
 */
export async function updateMeterType(auth: BesmartAuth, clientCid: number, params: MeterTypeParams): Promise<void> {
  const what = `Saving meter type “${params.meter_type_name}”`;
  const id = needsId(params, what);
  await byVersion(auth, [
    {
      dialect: 'current',
      run: () =>
        callAck(auth, {
          path: `/clients/${seg(clientCid)}/meters/${seg(id)}`,
          method: 'PUT',
          what,
          query: currentMeterFields(params),
        }),
    },
    {
      dialect: 'v0.1.5',
      run: () =>
        callAck(auth, {
          path: `/sensors/${seg(clientCid)}/meters`,
          method: 'PUT',
          what,
          query: legacyMeterQuery(params),
        }),
    },
  ]);
}

/**
 * Deletes one meter type. Current: DELETE /clients/{cid}/meters/{id} (204).
 * v0.1.5: DELETE /sensors/{cid}/meters — its reference lists only the cid, so
 * `meter_type_id` goes as a query parameter to say which one.
 */
export async function deleteMeterType(auth: BesmartAuth, clientCid: number, meterTypeId: number): Promise<void> {
  const what = `Deleting meter type ${meterTypeId}`;
  await byVersion(auth, [
    {
      dialect: 'current',
      run: () =>
        callAck(auth, { path: `/clients/${seg(clientCid)}/meters/${seg(meterTypeId)}`, method: 'DELETE', what }),
    },
    {
      dialect: 'v0.1.5',
      run: () =>
        callAck(auth, {
          path: `/sensors/${seg(clientCid)}/meters`,
          method: 'DELETE',
          what,
          query: { meter_type_id: meterTypeId },
        }),
    },
  ]);
}

// ---------------------------------------------------------------- signal types

/**
 * GET /sensors/signals/types — all signal types: `signal_type_moid` (id),
 * `symbol` ("A+"), `unit_symbol` ("kW.h"), `obis_mapping`,
 * `chart_expected_unit` ("kW"); v0.1.5 says `is_incremental` (cumulative
 * counter), current servers `is_measurement` + `time_series_type` (meanings
 * undocumented), `draw_chart`.
 */
export function getSignalTypes(auth: BesmartAuth, opts: CallOptions = {}): Promise<SignalType[]> {
  return callJson(auth, signalTypesSchema, {
    path: '/sensors/signals/types',
    what: 'Loading signal types',
    signal: opts.signal,
  });
}

// ---------------------------------------------------------------- sensor states

/**
 * GET /sensors/states — the sensor's states: periods `since`..`till` (read
 * into ms from integer ms or ISO date-times; till null while open) with the
 * installed meter (`meter_eid`, `meter_type_name`, `meter_type_id`) and
 * per-signal counter readings at both ends (`signal_states`).
 */
export function getSensorStates(auth: BesmartAuth, sensor: SensorRef, opts: CallOptions = {}): Promise<SensorState[]> {
  return callJson(auth, sensorStatesSchema, {
    path: '/sensors/states',
    what: `Loading states of sensor ${label(sensor)}`,
    query: { client_cid: sensor.client_cid, sensor_mid: sensor.sensor_mid },
    signal: opts.signal,
  });
}

const stateQuery = (f: SensorStateFields): Query => ({ ...f, since: ms(f.since), till: ms(f.till) });

/**
 * POST /sensors/states — creates a state (query parameters, integer ms). 409
 * when it overlaps another state, 422 when since ≥ till. Answers the state;
 * fields a current server leaves out of its answer are completed from the
 * request.
 */
export async function createSensorState(auth: BesmartAuth, params: CreateSensorStateParams): Promise<SensorState> {
  const created = await callJson(auth, createdSensorStateSchema, {
    path: '/sensors/states',
    method: 'POST',
    what: `Saving a state of sensor ${label(params)}`,
    query: stateQuery(params),
  });
  return {
    ...created,
    client_cid: created.client_cid ?? params.client_cid,
    sensor_mid: created.sensor_mid ?? params.sensor_mid,
    since: created.since ?? Math.round(params.since),
    till: created.till ?? (params.till === undefined ? null : Math.round(params.till)),
    meter_type_name: created.meter_type_name ?? params.meter_type_name ?? null,
    meter_type_id: created.meter_type_id ?? params.meter_type_id ?? null,
  };
}

/**
 * PUT /sensors/states/{id} — changes a state; only the given fields are sent
 * (query, integer ms). Deprecated on current servers, which still take it and
 * answer 200 `null`. 409 on overlap, 422 when since ≥ till.
 */
export async function updateSensorState(
  auth: BesmartAuth,
  sensorStateId: number,
  changes: SensorStateFields,
): Promise<void> {
  await callAck(auth, {
    path: `/sensors/states/${seg(sensorStateId)}`,
    method: 'PUT',
    what: 'Saving sensor state',
    query: stateQuery(changes),
  });
}

/** DELETE /sensors/states/{id} — removes a state with its signal states. */
export async function deleteSensorState(auth: BesmartAuth, sensorStateId: number): Promise<void> {
  await callAck(auth, {
    path: `/sensors/states/${seg(sensorStateId)}`,
    method: 'DELETE',
    what: 'Deleting sensor state',
  });
}

// ---------------------------------------------------------------- signal states

/**
 * POST /sensors/states/{id}/signals — adds a signal's readings to a state
 * (query parameters); answers it (201). `info` goes only to v0.1.5.
 */
export async function createSignalState(
  auth: BesmartAuth,
  sensorStateId: number,
  params: SignalStateFields & { signal_type_moid: number },
): Promise<CreatedSignalState> {
  const { info, ...rest } = params;
  const s = await callJson(auth, createdSignalStateSchema, {
    path: `/sensors/states/${seg(sensorStateId)}/signals`,
    method: 'POST',
    what: 'Saving signal state',
    query: { ...rest, ...(auth.dialect === 'current' ? {} : { info }) },
  });
  return {
    signal_state_id: s.signal_state_id,
    sensor_state_id: s.sensor_state_id ?? sensorStateId,
    signal_type_moid: s.signal_type_moid ?? params.signal_type_moid,
    value_for_since: s.value_for_since ?? params.value_for_since ?? null,
    value_for_till: s.value_for_till ?? params.value_for_till ?? null,
    info: s.info ?? null,
  };
}

/** GET /sensors/states/signals — the sensor's states that hold a signal state for this signal, limited to it. */
export function getSignalStates(auth: BesmartAuth, signal: SignalRef, opts: CallOptions = {}): Promise<SensorState[]> {
  return callJson(auth, sensorStatesSchema, {
    path: '/sensors/states/signals',
    what: `Loading signal states of sensor ${label(signal)}`,
    query: { client_cid: signal.client_cid, sensor_mid: signal.sensor_mid, signal_type_moid: signal.signal_type_moid },
    signal: opts.signal,
  });
}

/**
 * Changes a signal state's readings; only the given fields are sent. Current:
 * PATCH /sensors/states/signals/{id} with a JSON body (204). v0.1.5: PUT with
 * query parameters ("OK"), the only form it has.
 */
export async function updateSignalState(
  auth: BesmartAuth,
  signalStateId: number,
  changes: SignalStateFields,
): Promise<void> {
  const path = `/sensors/states/signals/${seg(signalStateId)}`;
  const what = 'Saving signal state';
  const { info, ...values } = changes;
  await byVersion(auth, [
    {
      dialect: 'current',
      run: () => callAck(auth, { path, method: 'PATCH', what, headers: json, body: JSON.stringify(values) }),
    },
    { dialect: 'v0.1.5', run: () => callAck(auth, { path, method: 'PUT', what, query: { ...values, info } }) },
  ]);
}

/** DELETE /sensors/states/signals/{id} — removes a signal state. */
export async function deleteSignalState(auth: BesmartAuth, signalStateId: number): Promise<void> {
  await callAck(auth, {
    path: `/sensors/states/signals/${seg(signalStateId)}`,
    method: 'DELETE',
    what: 'Deleting signal state',
  });
}

// ---------------------------------------------------------------- signal data

/** Keeps the points of one origin: a renamed filter key may have been ignored by the server. */
function onlyOrigin(list: Series[], origin: number | undefined): Series[] {
  if (origin === undefined) return list;
  return list.map((s) => {
    const d = s.data;
    if (d.origin.every((o) => o === origin)) return s;
    const keep = d.time.map((_, i) => i).filter((i) => (d.origin[i] ?? 1) === origin);
    return {
      ...s,
      data: {
        time: keep.map((i) => d.time[i] ?? Number.NaN),
        value: keep.map((i) => d.value[i] ?? null),
        type: d.type.length === d.time.length ? keep.map((i) => d.type[i] ?? '') : d.type,
        origin: keep.map((i) => d.origin[i] ?? 1),
      },
    };
  });
}

/**
 * GET /sensors/{cid}.{mid}/signals/{moid}/data — one signal's series between
 * `since` and `till` (integer ms). v0.1.5 answers an array with one series,
 * current servers one object: both come back as a list. Each series has
 * parallel arrays `time` (ms), `value` (null for a missing reading), `type`
 * ("DBL"; deleted "RM" points are dropped) and `origin` (1 measured,
 * 2 predicted, 3 calculated, 4 estimated, 5 corrected), plus `unit`
 * ("kW.h"); a series without data is empty.
 */
export async function getSignalData(
  auth: BesmartAuth,
  signal: SignalRef,
  query: SignalDataQuery,
  opts: CallOptions = {},
): Promise<Series[]> {
  const { filters, is_chart, ...rest } = query;
  const list = await callJson(auth, seriesListSchema, {
    path: `/sensors/${ref(signal)}/signals/${seg(signal.signal_type_moid)}/data`,
    what: `Loading signal ${signal.signal_type_moid} of sensor ${label(signal)}`,
    query: {
      ...rest,
      since: ms(query.since),
      till: ms(query.till),
      // Gone from current servers: sent only to the version that has them.
      ...(auth.dialect === 'v0.1.5' ? { filters, is_chart } : {}),
    },
    signal: opts.signal,
  });
  return onlyOrigin(list, query.signal_origin_id);
}

/**
 * PUT /sensors/{cid}.{mid}/signals/{moid}/data — stores points (JSON body
 * `{time, value, type, origin}`, both versions); a point of type "RM" (value
 * 0) deletes the stored point at its time and origin. Newer records win, so a
 * read with get_last shows them. `unit` (query) names the unit of the values.
 * Where v1 is missing, the `/data/v2` form `{"data": {...}}` is used.
 */
export async function putSignalData(
  auth: BesmartAuth,
  signal: SignalRef,
  data: SeriesInput,
  opts: { unit?: string } = {},
): Promise<void> {
  const path = `/sensors/${ref(signal)}/signals/${seg(signal.signal_type_moid)}/data`;
  const what = `Saving data of signal ${signal.signal_type_moid} of sensor ${label(signal)}`;
  const put = (p: string, body: unknown) =>
    callAck(auth, {
      path: p,
      method: 'PUT',
      what,
      query: { unit: opts.unit },
      headers: json,
      body: JSON.stringify(body),
    });
  try {
    await put(path, data);
  } catch (e) {
    // v1 is documented again today; /v2 only if a server has dropped it.
    if (!(e instanceof ApiError && e.routeMissing)) throw e;
    await put(`${path}/v2`, { data });
  }
}

/** An item of a multi-get; the client adds the option names of the other version. */
export type SignalsRequest = Omit<SeriesRequest, 'last_acq' | 'origin_id'>;

/**
 * POST /sensors/signals/data — several series in one call (JSON array body of
 * `{client_cid, sensor_mid, signal_type_moid, since, till, …}`, integer ms).
 * Each option travels under both names (`get_last`/`last_acq`,
 * `signal_origin_id`/`origin_id`); `filters`/`is_chart` only to v0.1.5. The
 * answer is filtered by origin here too, and each series is matched to its
 * request by ids.
 */
export async function getSignalsData(
  auth: BesmartAuth,
  requests: readonly SignalsRequest[],
  opts: CallOptions = {},
): Promise<Series[]> {
  const body = requests.map(({ filters, is_chart, ...r }) => ({
    ...r,
    since: Math.round(r.since),
    till: Math.round(r.till),
    ...(r.get_last !== undefined ? { last_acq: r.get_last } : {}),
    ...(r.signal_origin_id !== undefined ? { origin_id: r.signal_origin_id } : {}),
    ...(auth.dialect === 'v0.1.5' ? { filters, is_chart } : {}),
  }));
  const list = await callJson(auth, seriesListSchema, {
    path: '/sensors/signals/data',
    method: 'POST',
    what: requests.length === 1 ? 'Loading signal data' : `Loading ${requests.length} signals`,
    headers: json,
    body: JSON.stringify(body),
    signal: opts.signal,
  });
  return list.map((s, i) => {
    const r =
      requests.find(
        (q) =>
          q.client_cid === s.client_cid && q.sensor_mid === s.sensor_mid && q.signal_type_moid === s.signal_type_moid,
      ) ?? requests[i];
    return onlyOrigin([s], r?.signal_origin_id)[0] ?? s;
  });
}

/**
 * PUT /sensors/signals/data — stores points of several signals at once (JSON
 * array body; "RM" points delete). v0.1.5 answers "OK", current servers 200
 * `null`; where v1 is missing, `/v2` (204) is used.
 */
export async function putSignalsData(auth: BesmartAuth, items: readonly SeriesPut[]): Promise<void> {
  const what = items.length === 1 ? 'Saving signal data' : `Saving data of ${items.length} signals`;
  const put = (path: string) =>
    callAck(auth, { path, method: 'PUT', what, headers: json, body: JSON.stringify(items) });
  try {
    await put('/sensors/signals/data');
  } catch (e) {
    if (!(e instanceof ApiError && e.routeMissing)) throw e;
    await put('/sensors/signals/data/v2');
  }
}

// ---------------------------------------------------------------- tasks

function outcome(res: HttpResponse, what: string): TaskOutcome {
  if (res.status === 202) return { status: 'accepted' };
  if (res.text.trim() === '' || res.text.trim() === 'null') return { status: 'done', results: [] };
  const body = parseJsonText(SERVICE, what, res);
  if (typeof body === 'string') {
    const repr = parsePythonRepr(body);
    const list = taskResultsSchema.safeParse(Array.isArray(repr) ? repr : [repr]);
    return { status: 'done', results: list.success ? list.data : [], text: body };
  }
  if (!Array.isArray(body)) return { status: 'done', results: [parseWith(SERVICE, what, taskResultSchema, body)] };
  return { status: 'done', results: parseWith(SERVICE, what, taskResultsSchema, body) };
}

/**
 * POST /tasks/graphs/run — runs a graph (text/plain body: the graph JSON with
 * `nodes` and `edges`); v0.1.5 only. Synchronous runs answer their results
 * (201); with task_async the server answers 202 "Accepted". A server without
 * the route gets an ApiError with code "NotOffered".
 */
export async function runGraph(
  auth: BesmartAuth,
  graph: string | { nodes: unknown[]; edges?: unknown[] },
  opts: TaskOptions = {},
): Promise<TaskOutcome> {
  const what = 'Running the graph';
  try {
    const res = await call(auth, {
      path: '/tasks/graphs/run',
      method: 'POST',
      what,
      query: { ...opts, since: ms(opts.since), till: ms(opts.till) },
      headers: text,
      body: typeof graph === 'string' ? graph : JSON.stringify(graph),
    });
    learn(auth, 'v0.1.5');
    return outcome(res, what);
  } catch (e) {
    if (!(e instanceof ApiError && e.routeMissing)) throw e;
    learn(auth, 'current');
    throw new ApiError({
      service: SERVICE,
      kind: 'http',
      what,
      status: e.status,
      code: 'NotOffered',
      serverMessage: 'this besmart server does not offer running a graph; run a stored graph by name instead',
      routeMissing: true,
    });
  }
}

/**
 * POST /tasks/graphs/run/name?graph_name=… — runs a stored graph with
 * template parameters (a JSON array, e.g. `[{client_cid, sensor_mid, …}]`).
 * Current servers take it as application/json and ignore task_priority and
 * task_async (they are not sent); v0.1.5 as text/plain with them. When the
 * version is unknown, JSON goes first and a 415 retries as text/plain.
 * Synchronous runs answer results (v0.1.5: a Python-repr string, read here
 * best-effort); task_async answers 202.
 */
export async function runGraphByName(
  auth: BesmartAuth,
  graphName: string,
  params: string | readonly Record<string, unknown>[] | Record<string, unknown>,
  opts: TaskOptions = {},
): Promise<TaskOutcome> {
  const what = `Running graph “${graphName}”`;
  const body = typeof params === 'string' ? params : JSON.stringify(params);
  const times = { since: ms(opts.since), till: ms(opts.till) };
  const legacy = () =>
    call(auth, {
      path: '/tasks/graphs/run/name',
      method: 'POST',
      what,
      query: { graph_name: graphName, ...opts, ...times },
      headers: text,
      body,
    });
  if (auth.dialect === 'v0.1.5') return outcome(await legacy(), what);
  try {
    const res = await call(auth, {
      path: '/tasks/graphs/run/name',
      method: 'POST',
      what,
      query: { graph_name: graphName, ...times },
      headers: json,
      body,
    });
    return outcome(res, what);
  } catch (e) {
    if (!(auth.dialect === undefined && e instanceof ApiError && (e.status === 415 || e.status === 400))) throw e;
    learn(auth, 'v0.1.5');
    return outcome(await legacy(), what);
  }
}

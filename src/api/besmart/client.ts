import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import { looksLikeHtml, parseJsonText, parseWith, send, seg, type HttpResponse, type Query } from '../http.ts';
import {
  ackFromBody,
  createdSignalStateSchema,
  errorMessageFromBody,
  meterTypesSchema,
  parsePythonRepr,
  sensorIdSchema,
  sensorSchema,
  sensorStateSchema,
  sensorStatesSchema,
  sensorTypesSchema,
  seriesListSchema,
  signalTypesSchema,
  taskResultSchema,
  taskResultsSchema,
  tokenSchema,
  type CreatedSignalState,
  type MeterType,
  type Sensor,
  type SensorId,
  type SensorState,
  type SensorType,
  type Series,
  type SeriesDataWire,
  type SeriesRequest,
  type SignalType,
  type TaskResult,
  type Token,
} from './schemas.ts';

/*
 * One function per endpoint of the besmart.energy REST API (reference v0.1.5).
 * Times are UTC ms since epoch; most write fields travel as query parameters,
 * as the reference puts them. Every failure is an ApiError.
 */

export interface BesmartAuth {
  token: string;
}

export interface Credentials {
  login: string;
  password: string;
  /** Workspace API key, sent as `X-Auth`. */
  workspaceKey: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** A sensor is addressed by client CID and sensor MID ("1.2"). */
export interface SensorRef {
  client_cid: number;
  sensor_mid: number;
}

export interface SignalRef extends SensorRef {
  signal_type_moid: number;
}

const SERVICE = 'besmart';

interface Call {
  path: string;
  what: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
}

async function call(auth: BesmartAuth | null, c: Call): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...c.headers };
  // An empty token sends no header at all, as a signed-out caller would.
  if (auth && auth.token !== '') headers.Authorization = `Bearer ${auth.token}`;
  const res = await send({
    service: SERVICE,
    path: c.path,
    method: c.method ?? 'GET',
    what: c.what,
    headers,
    ...(c.query ? { query: c.query } : {}),
    ...(c.body !== undefined ? { body: c.body } : {}),
    ...(c.signal ? { signal: c.signal } : {}),
  });
  if (res.status >= 400) {
    throw new ApiError({
      service: SERVICE,
      kind: 'http',
      what: c.what,
      status: res.status,
      serverMessage: errorMessageFromBody(res.text, res.contentType),
    });
  }
  return res;
}

async function callJson<S extends z.ZodType>(auth: BesmartAuth | null, schema: S, c: Call): Promise<z.infer<S>> {
  const res = await call(auth, c);
  return parseWith(SERVICE, c.what, schema, parseJsonText(SERVICE, c.what, res));
}

/** A write that answers "OK", "Created", "Accepted" or nothing (204). */
async function callAck(auth: BesmartAuth | null, c: Call): Promise<void> {
  const res = await call(auth, c);
  if (looksLikeHtml(res) || ackFromBody(res.text) === undefined) {
    throw new ApiError({
      service: SERVICE,
      kind: 'parse',
      what: c.what,
      status: res.status,
      serverMessage: looksLikeHtml(res) ? 'a web page came back instead of data' : 'unexpected answer to a save',
    });
  }
}

const json = { 'Content-Type': 'application/json' };
const text = { 'Content-Type': 'text/plain' };
const ref = (r: SensorRef) => `${seg(r.client_cid)}.${seg(r.sensor_mid)}`;
const label = (r: SensorRef) => `${r.client_cid}.${r.sensor_mid}`;

// ---------------------------------------------------------------- users

/**
 * POST /users/token — signs in. The body is text/plain JSON `{login, password}`
 * and the workspace key goes in `X-Auth`. Answers the token and its
 * `expiration` (ms since epoch; about 2 hours after issue).
 */
export function login(credentials: Credentials, opts: CallOptions = {}): Promise<Token> {
  return callJson(null, tokenSchema, {
    path: '/users/token',
    method: 'POST',
    what: 'Signing in to besmart',
    headers: { ...text, 'X-Auth': credentials.workspaceKey },
    body: JSON.stringify({ login: credentials.login, password: credentials.password }),
    signal: opts.signal,
  });
}

/** GET /users/token — exchanges a valid token for a fresh one with a new `expiration` (ms). */
export function refreshToken(auth: BesmartAuth, opts: CallOptions = {}): Promise<Token> {
  return callJson(auth, tokenSchema, {
    path: '/users/token',
    what: 'Refreshing the besmart session',
    signal: opts.signal,
  });
}

// ---------------------------------------------------------------- sensors

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

/** POST /sensors — creates a sensor; every field is a query parameter. Answers its `{client_cid, sensor_mid}` (201). */
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
 * position (`lat`/`lon`, degrees), `info` JSON text, `comments`, and the
 * caller's permissions (`write`, `execute`) and flags (`negligible`, `uncertain`).
 */
export function getSensor(auth: BesmartAuth, sensor: SensorRef, opts: CallOptions = {}): Promise<Sensor> {
  return callJson(auth, sensorSchema, {
    path: `/sensors/${ref(sensor)}`,
    what: `Loading sensor ${label(sensor)}`,
    signal: opts.signal,
  });
}

export type UpdateSensorParams = Partial<Omit<CreateSensorParams, 'client_cid'>> & { comments?: string };

/** PUT /sensors/{cid}.{mid} — changes a sensor; only the given fields are sent (query parameters). 403 for a read-only sensor. */
export function updateSensor(auth: BesmartAuth, sensor: SensorRef, changes: UpdateSensorParams): Promise<void> {
  return callAck(auth, {
    path: `/sensors/${ref(sensor)}`,
    method: 'PUT',
    what: `Saving sensor ${label(sensor)}`,
    query: { ...changes },
  });
}

/** DELETE /sensors/{cid}.{mid} — removes a sensor. */
export function deleteSensor(auth: BesmartAuth, sensor: SensorRef): Promise<void> {
  return callAck(auth, { path: `/sensors/${ref(sensor)}`, method: 'DELETE', what: `Deleting sensor ${label(sensor)}` });
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

export interface MeterTypeParams {
  meter_type_id: number;
  meter_type_name: string;
  number_of_phases: number;
  description?: string;
  is_ami?: boolean;
  is_balance?: boolean;
  /** Data concentrator unit. */
  is_dcu?: boolean;
}

/** GET /sensors/{client_cid}/meters — the client's meter types (phases; AMI, balance and DCU flags). */
export function getMeterTypes(auth: BesmartAuth, clientCid: number, opts: CallOptions = {}): Promise<MeterType[]> {
  return callJson(auth, meterTypesSchema, {
    path: `/sensors/${seg(clientCid)}/meters`,
    what: `Loading meter types of client ${clientCid}`,
    signal: opts.signal,
  });
}

/** POST /sensors/{client_cid}/meters — creates a meter type (query parameters); answers "Created". */
export function createMeterType(auth: BesmartAuth, clientCid: number, params: MeterTypeParams): Promise<void> {
  return callAck(auth, {
    path: `/sensors/${seg(clientCid)}/meters`,
    method: 'POST',
    what: `Creating meter type “${params.meter_type_name}”`,
    query: { ...params },
  });
}

/** PUT /sensors/{client_cid}/meters — rewrites the meter type `meter_type_id` (query parameters); answers "OK". */
export function updateMeterType(auth: BesmartAuth, clientCid: number, params: MeterTypeParams): Promise<void> {
  return callAck(auth, {
    path: `/sensors/${seg(clientCid)}/meters`,
    method: 'PUT',
    what: `Saving meter type “${params.meter_type_name}”`,
    query: { ...params },
  });
}

/**
 * DELETE /sensors/{client_cid}/meters — deletes one meter type. The reference
 * lists only client_cid; `meter_type_id` is sent as a query parameter too so
 * the server knows which one.
 */
export function deleteMeterType(auth: BesmartAuth, clientCid: number, meterTypeId: number): Promise<void> {
  return callAck(auth, {
    path: `/sensors/${seg(clientCid)}/meters`,
    method: 'DELETE',
    what: `Deleting meter type ${meterTypeId}`,
    query: { meter_type_id: meterTypeId },
  });
}

// ---------------------------------------------------------------- signal types

/**
 * GET /sensors/signals/types — all signal types: `signal_type_moid` (id),
 * `symbol` ("A+"), `unit_symbol` ("kW.h"), `is_incremental` (cumulative
 * counter), `obis_mapping`, `chart_expected_unit` ("kW").
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
 * GET /sensors/states — the sensor's states: periods `since`..`till` (ms; till
 * null while open) with the installed meter (`meter_eid`, `meter_type_name`)
 * and per-signal counter readings at both ends (`signal_states`).
 */
export function getSensorStates(auth: BesmartAuth, sensor: SensorRef, opts: CallOptions = {}): Promise<SensorState[]> {
  return callJson(auth, sensorStatesSchema, {
    path: '/sensors/states',
    what: `Loading states of sensor ${label(sensor)}`,
    query: { client_cid: sensor.client_cid, sensor_mid: sensor.sensor_mid },
    signal: opts.signal,
  });
}

export interface SensorStateFields {
  /** Start, ms since epoch. */
  since?: number;
  /** End, ms since epoch; leave out for an open state. */
  till?: number;
  info?: string;
  meter_eid?: string;
  meter_type_name?: string;
}

export type CreateSensorStateParams = SensorRef & SensorStateFields & { since: number };

/** POST /sensors/states — creates a state (query parameters). 409 when it overlaps another state, 422 when since ≥ till. */
export function createSensorState(auth: BesmartAuth, params: CreateSensorStateParams): Promise<SensorState> {
  return callJson(auth, sensorStateSchema, {
    path: '/sensors/states',
    method: 'POST',
    what: `Saving a state of sensor ${label(params)}`,
    query: { ...params },
  });
}

/** PUT /sensors/states/{id} — changes a state; only the given fields are sent. 409 on overlap, 422 when since ≥ till. */
export function updateSensorState(auth: BesmartAuth, sensorStateId: number, changes: SensorStateFields): Promise<void> {
  return callAck(auth, {
    path: `/sensors/states/${seg(sensorStateId)}`,
    method: 'PUT',
    what: 'Saving sensor state',
    query: { ...changes },
  });
}

/** DELETE /sensors/states/{id} — removes a state with its signal states. */
export function deleteSensorState(auth: BesmartAuth, sensorStateId: number): Promise<void> {
  return callAck(auth, {
    path: `/sensors/states/${seg(sensorStateId)}`,
    method: 'DELETE',
    what: 'Deleting sensor state',
  });
}

// ---------------------------------------------------------------- signal states

export interface SignalStateFields {
  /** Counter reading at the state's since. */
  value_for_since?: number;
  /** Counter reading at the state's till. */
  value_for_till?: number;
  info?: string;
}

/** POST /sensors/states/{id}/signals — adds a signal's readings to a state (query parameters); answers it (201). */
export function createSignalState(
  auth: BesmartAuth,
  sensorStateId: number,
  params: SignalStateFields & { signal_type_moid: number },
): Promise<CreatedSignalState> {
  return callJson(auth, createdSignalStateSchema, {
    path: `/sensors/states/${seg(sensorStateId)}/signals`,
    method: 'POST',
    what: 'Saving signal state',
    query: { ...params },
  });
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

/** PUT /sensors/states/signals/{id} — changes a signal state; only the given fields are sent. */
export function updateSignalState(auth: BesmartAuth, signalStateId: number, changes: SignalStateFields): Promise<void> {
  return callAck(auth, {
    path: `/sensors/states/signals/${seg(signalStateId)}`,
    method: 'PUT',
    what: 'Saving signal state',
    query: { ...changes },
  });
}

/** DELETE /sensors/states/signals/{id} — removes a signal state. */
export function deleteSignalState(auth: BesmartAuth, signalStateId: number): Promise<void> {
  return callAck(auth, {
    path: `/sensors/states/signals/${seg(signalStateId)}`,
    method: 'DELETE',
    what: 'Deleting signal state',
  });
}

// ---------------------------------------------------------------- signal data

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
  /** Only points of this origin (1 measured…). */
  signal_origin_id?: number;
  /** Filters for complex structures, JSON text. */
  filters?: string;
  /** Use the signal type's `chart_expected_unit`. */
  is_chart?: boolean;
}

/**
 * GET /sensors/{cid}.{mid}/signals/{moid}/data — one signal's series between
 * `since` and `till` (ms). Each series has parallel arrays `time` (ms),
 * `value` (null for a missing reading), `type` ("DBL") and `origin`
 * (1 measured; others estimated or predicted), plus `unit` ("kW.h").
 */
export function getSignalData(
  auth: BesmartAuth,
  signal: SignalRef,
  query: SignalDataQuery,
  opts: CallOptions = {},
): Promise<Series[]> {
  return callJson(auth, seriesListSchema, {
    path: `/sensors/${ref(signal)}/signals/${seg(signal.signal_type_moid)}/data`,
    what: `Loading signal ${signal.signal_type_moid} of sensor ${label(signal)}`,
    query: { ...query },
    signal: opts.signal,
  });
}

/** Data of a PUT: parallel arrays; `value` null writes a missing reading. */
export type SeriesInput = SeriesDataWire;

/**
 * PUT /sensors/{cid}.{mid}/signals/{moid}/data — stores points (JSON body
 * `{time, value, type, origin}`); they are kept as newer records, so a read
 * with get_last shows them. `unit` (query) names the unit of the values. The
 * server may answer "OK" or 204 with no body.
 */
export function putSignalData(
  auth: BesmartAuth,
  signal: SignalRef,
  data: SeriesInput,
  opts: { unit?: string } = {},
): Promise<void> {
  return callAck(auth, {
    path: `/sensors/${ref(signal)}/signals/${seg(signal.signal_type_moid)}/data`,
    method: 'PUT',
    what: `Saving data of signal ${signal.signal_type_moid} of sensor ${label(signal)}`,
    query: { unit: opts.unit },
    headers: json,
    body: JSON.stringify(data),
  });
}

/** POST /sensors/signals/data — several series in one call (JSON array body of {client_cid, sensor_mid, signal_type_moid, since, till, …}). */
export function getSignalsData(
  auth: BesmartAuth,
  requests: readonly SeriesRequest[],
  opts: CallOptions = {},
): Promise<Series[]> {
  return callJson(auth, seriesListSchema, {
    path: '/sensors/signals/data',
    method: 'POST',
    what: requests.length === 1 ? 'Loading signal data' : `Loading ${requests.length} signals`,
    headers: json,
    body: JSON.stringify(requests),
    signal: opts.signal,
  });
}

export interface SeriesPut extends SignalRef {
  data: SeriesInput;
  unit?: string;
}

/** PUT /sensors/signals/data — stores points of several signals at once (JSON array body); answers "OK". */
export function putSignalsData(auth: BesmartAuth, items: readonly SeriesPut[]): Promise<void> {
  return callAck(auth, {
    path: '/sensors/signals/data',
    method: 'PUT',
    what: items.length === 1 ? 'Saving signal data' : `Saving data of ${items.length} signals`,
    headers: json,
    body: JSON.stringify(items),
  });
}

// ---------------------------------------------------------------- tasks

export interface TaskOptions {
  /** Defaults to 5 on the server. */
  task_priority?: number;
  /** Run in the background: the server answers 202 "Accepted" with no result. */
  task_async?: boolean;
  /** Start and end, ms since epoch. */
  since?: number;
  till?: number;
}

export type TaskOutcome =
  | { status: 'accepted' }
  /** `text` is the raw answer when it was text (the by-name endpoint answers a Python-repr string). */
  | { status: 'done'; results: TaskResult[]; text?: string };

function outcome(res: HttpResponse, what: string): TaskOutcome {
  if (res.status === 202) return { status: 'accepted' };
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
 * `nodes` and `edges`). Synchronous runs answer their results (201); with
 * task_async the server answers 202 "Accepted".
 */
export async function runGraph(
  auth: BesmartAuth,
  graph: string | { nodes: unknown[]; edges?: unknown[] },
  opts: TaskOptions = {},
): Promise<TaskOutcome> {
  const what = 'Running the graph';
  const res = await call(auth, {
    path: '/tasks/graphs/run',
    method: 'POST',
    what,
    query: { ...opts },
    headers: text,
    body: typeof graph === 'string' ? graph : JSON.stringify(graph),
  });
  return outcome(res, what);
}

/**
 * POST /tasks/graphs/run/name?graph_name=… — runs a stored graph with template
 * parameters (text/plain body: JSON, e.g. `[{client_cid, sensor_mid, …}]`).
 * Synchronous runs answer the result as a Python-repr string (200), read here
 * best-effort into results; task_async answers 202.
 */
export async function runGraphByName(
  auth: BesmartAuth,
  graphName: string,
  params: string | readonly Record<string, unknown>[] | Record<string, unknown>,
  opts: TaskOptions = {},
): Promise<TaskOutcome> {
  const what = `Running graph “${graphName}”`;
  const res = await call(auth, {
    path: '/tasks/graphs/run/name',
    method: 'POST',
    what,
    query: { graph_name: graphName, ...opts },
    headers: text,
    body: typeof params === 'string' ? params : JSON.stringify(params),
  });
  return outcome(res, what);
}

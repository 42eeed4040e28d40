import { z } from 'zod';
import { ApiError, type AnswerPart } from '../errors.ts';
import { parseJsonText, parseWith, send, type HttpRequest, type HttpResponse } from '../http.ts';
import {
  envelopeSchema,
  flatsDataSchema,
  loginDataSchema,
  metersDataSchema,
  type SauresErrorItem,
  type SauresFlat,
  type SauresSensor,
  type SauresSession,
} from './schemas.ts';

export interface CallOptions {
  signal?: AbortSignal;
}

/** `status: "bad"` → ApiError of kind "service": code = exception name, serverMessage = the server's words. */
function serviceError(what: string, errors: SauresErrorItem[]): ApiError {
  return new ApiError({
    service: 'saures',
    kind: 'service',
    what,
    code: errors.find((e) => e.code !== undefined)?.code,
    serverMessage: errors.length > 0 ? errors.map((e) => e.message).join('; ') : undefined,
  });
}

const problemDetailSchema = z.object({ detail: z.string().min(1) });

/** The words of an HTTP error: a plain-text body, or the detail of our proxy's problem+json (502, 504). */
function httpErrorWords(res: HttpResponse): string | undefined {
  if (res.contentType.includes('text/plain')) return res.text.trim().slice(0, 200) || undefined;
  if (!res.contentType.includes('application/problem+json')) return undefined;
  try {
    const problem = problemDetailSchema.safeParse(JSON.parse(res.text));
    return problem.success ? problem.data.detail.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One SAURES call: HTTP errors, unreadable bodies and `status: "bad"` become
 * ApiErrors; `data` that does not fit `dataSchema` is a "parse" ApiError
 * naming `part` ("SAURES sent flats in a form the app cannot read").
 */
async function call<S extends z.ZodType>(
  req: Omit<HttpRequest, 'service'>,
  dataSchema: S,
  part?: AnswerPart,
): Promise<z.infer<S>> {
  const res = await send({ ...req, service: 'saures' });
  if (res.status < 200 || res.status >= 300) {
    throw new ApiError({
      service: 'saures',
      kind: 'http',
      what: req.what,
      status: res.status,
      serverMessage: httpErrorWords(res),
    });
  }
  const envelope = parseWith('saures', req.what, envelopeSchema, parseJsonText('saures', req.what, res));
  if (envelope.status === 'bad') throw serviceError(req.what, envelope.errors);
  return parseWith('saures', req.what, dataSchema, envelope.data, part);
}

/**
 * POST /api/auth/login — form data `email` (login, an e-mail address) and
 * `password`. Returns `sid` (session id, valid about 15 minutes; reuse it —
 * logging in before every request gets the IP banned) and `role` (1 = житель,
 * resident). A wrong e-mail or password is a "service" ApiError with the
 * server's Russian message.
 */
export async function login(
  credentials: { email: string; password: string },
  options: CallOptions = {},
): Promise<SauresSession> {
  return call(
    {
      method: 'POST',
      path: '/api/auth/login',
      body: new URLSearchParams({ email: credentials.email, password: credentials.password }),
      what: 'Signing in to SAURES',
      signal: options.signal,
    },
    loginDataSchema,
  );
}

/**
 * GET /api/company/flats?sid= — the account's flats (квартиры). Each has `id`,
 * `house` (address of the building), `number` (flat or office number, text),
 * `personal_account` (лицевой счёт, billing account, often "") and `enable`
 * (false = switched off). An expired sid is a "service" ApiError with code
 * "WrongSIDException". Data without a `flats` list is a "parse" ApiError
 * ("SAURES sent flats in a form the app cannot read"); `flats: []` is none.
 */
export async function getFlats(sid: string, options: CallOptions = {}): Promise<SauresFlat[]> {
  return call(
    { path: '/api/company/flats', query: { sid }, what: 'Loading flats', signal: options.signal },
    flatsDataSchema,
    'flats',
  );
}

/**
 * GET /api/meter/meters/?sid=&flat_id= (the trailing slash is part of the
 * path) — the controllers (УСПД, "sensors") of one flat with their meters.
 * Controller: `sn` serial, `bat` battery %, `rssi` Wi-Fi signal dB, `ssid`
 * Wi-Fi name, `local_ip`, `firmware`/`hardware` versions, `last_connection`
 * (last contact), `request_dt` (readings requested), `readout_dt` (readings
 * sent) — Moscow time, normalised to UTC epoch ms. Meter: `meter_name` (often
 * ""), `sn`, `value` (sum of tariffs; worked out from `vals` when the
 * server leaves it out or empty), `vals` (per tariff), `state` (0 = no
 * errors, 1 open circuit, 2 short circuit, …) and `type`: 1 cold water,
 * 2 hot water, 3 gas (litres), 4 leak (0 dry, 1 leak), 5 temperature °C,
 * 6 ball-valve control (a command: 0 open, 1 close), 7 heat (Wh),
 * 8 electricity (Wh), 9 dry contact (0 off, 1 on), 10 ball-valve state
 * (0 no module, 1 unknown, 2 open, 3 closed); 11 heat kWh, 13 heat Gcal,
 * 14 pressure bar and any other number are kept as sent. Data without a
 * `sensors` list is a "parse" ApiError ("SAURES sent meters in a form the
 * app cannot read"); `sensors: []` is a flat without controllers.
 */
export async function getMeters(sid: string, flatId: number, options: CallOptions = {}): Promise<SauresSensor[]> {
  return call(
    {
      path: '/api/meter/meters/',
      query: { sid, flat_id: flatId },
      what: `Loading meters of flat ${flatId}`,
      signal: options.signal,
    },
    metersDataSchema,
    'meters',
  );
}

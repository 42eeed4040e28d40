import type { WireEnvelope, WireFlatsData, WireLoginData, WireMetersData } from '../../src/api/saures/schemas.ts';
import { createRng } from '../seed.ts';
import {
  jsonResponse,
  readForm,
  textResponse,
  type FakeOptions,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from '../types.ts';
import { withFaults, type FaultProfile } from '../faults.ts';
import {
  buildSauresDataset,
  DEFAULT_SAURES_SEED,
  renderSensor,
  SAURES_DEMO_ACCOUNTS,
  type SauresAccount,
  type SeedController,
} from './data.ts';

export const SAURES_SID_LIFETIME_MS = 15 * 60_000;
export const SAURES_DUPLICATE_WINDOW_MS = 1000;

export const SAURES_ERRORS = {
  wrongCredentials: { name: 'WrongCredsException', msg: 'Неправильный email или пароль' },
  wrongSid: { name: 'WrongSIDException', msg: 'Неверный sid' },
  duplicate: { name: 'DuplicateRequestException', msg: 'Повторный запрос. Подождите немного' },
  /** Sent as a plain string, as some SAURES endpoints do. */
  foreignFlat: 'Недостаточно прав!',
  missingFlatId: { name: 'AbstractException', msg: 'Идентификатор квартиры является обязательным параметром' },
} as const;

export const SAURES_MAINTENANCE_HTML =
  '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>SAURES — технические работы</title></head>' +
  '<body><h1>Ведутся технические работы</h1><p>Личный кабинет скоро снова будет доступен.</p></body></html>';

export interface SauresRequestLogEntry {
  at: number;
  method: string;
  path: string;
  /** "ok", an exception name / error text, "html", or "http <status>". */
  outcome: string;
}

export interface SauresFake extends FakeService {
  /** Login requests received since the last reset, successful or not. */
  loginCount(): number;
  /** Every API request since the last reset (sid and password never recorded). */
  requestLog(): readonly SauresRequestLogEntry[];
  readonly accounts: readonly SauresAccount[];
}

type WireError = WireEnvelope<unknown>['errors'];

const JSON_TYPE = 'application/json; charset=utf-8';

interface Session {
  email: string;
  createdAt: number;
}

export function createSauresFake(options: FakeOptions & { seed?: number } = {}): SauresFake {
  const clock = options.now ?? Date.now;
  /** Moved by the "advance-clock" control, so e2e tests can let time pass without waiting. */
  let clockOffset = 0;
  const now = () => clock() + clockOffset;
  const seed = options.seed ?? DEFAULT_SAURES_SEED;
  const dataset = buildSauresDataset(seed, options.dataset ?? 'default');
  const controllersByFlat = new Map<number, SeedController[]>();
  for (const c of dataset.controllers) {
    const list = controllersByFlat.get(c.flatId) ?? [];
    list.push(c);
    controllersByFlat.set(c.flatId, list);
  }
  const accounts = SAURES_DEMO_ACCOUNTS;

  let sidRng = createRng(seed ^ 0x5a5a5a5a);
  let sessions = new Map<string, Session>();
  let recent = new Map<string, number>();
  /** Flats whose meters answer a maintenance page (the "fail-meters" switch). */
  let failingFlats = new Set<number>();
  let logins = 0;
  let log: SauresRequestLogEntry[] = [];

  function reset(): void {
    sidRng = createRng(seed ^ 0x5a5a5a5a);
    sessions = new Map();
    recent = new Map();
    failingFlats = new Set();
    logins = 0;
    log = [];
  }

  function newSid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(sidRng() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  function ok<D>(data: D, bom = false): FakeResponse {
    const envelope: WireEnvelope<D> = { status: 'ok', errors: [], data };
    const res = jsonResponse(200, envelope, JSON_TYPE);
    return bom ? { ...res, body: `\uFEFF${res.body}` } : res;
  }

  function bad(errors: WireError): FakeResponse {
    const envelope: WireEnvelope<Record<string, never>> = { status: 'bad', errors, data: {} };
    return jsonResponse(200, envelope, JSON_TYPE);
  }

  function account(email: string): SauresAccount | undefined {
    return accounts.find((a) => a.email === email);
  }

  function session(req: FakeRequest, at: number): Session | undefined {
    const sid = req.query.get('sid');
    const s = sid ? sessions.get(sid) : undefined;
    if (!s || at - s.createdAt >= SAURES_SID_LIFETIME_MS) return undefined;
    return s;
  }

  function flatsOf(acc: SauresAccount) {
    const allowed = acc.flats;
    return allowed === 'all' ? dataset.flats : dataset.flats.filter((f) => allowed.includes(f.id));
  }

  async function login(req: FakeRequest, at: number): Promise<FakeResponse> {
    const form = await readForm(req);
    const acc = account(form.get('email')?.trim().toLowerCase() ?? '');
    if (!acc || acc.password !== form.get('password')) return bad([SAURES_ERRORS.wrongCredentials]);
    const sid = newSid();
    sessions.set(sid, { email: acc.email, createdAt: at });
    const data: WireLoginData = { role: acc.role, sid };
    return ok(data);
  }

  function flats(req: FakeRequest, at: number): FakeResponse {
    const s = session(req, at);
    const acc = s && account(s.email);
    if (!acc) return bad([SAURES_ERRORS.wrongSid]);
    const data: WireFlatsData = { flats: flatsOf(acc) };
    return ok(data);
  }

  function meters(req: FakeRequest, at: number): FakeResponse {
    const s = session(req, at);
    const acc = s && account(s.email);
    if (!acc) return bad([SAURES_ERRORS.wrongSid]);
    const raw = req.query.get('flat_id')?.trim() ?? '';
    if (raw === '') return bad([SAURES_ERRORS.missingFlatId]);
    const flatId = Number(raw);
    if (!flatsOf(acc).some((f) => f.id === flatId)) return bad([SAURES_ERRORS.foreignFlat]);
    const data: WireMetersData = {
      sensors: (controllersByFlat.get(flatId) ?? []).map((c) => renderSensor(c, at)),
    };
    return ok(data, dataset.bomFlatIds.has(flatId));
  }

  const routes: Record<
    string,
    { method: string; run: (req: FakeRequest, at: number) => FakeResponse | Promise<FakeResponse> }
  > = {
    '/api/auth/login': { method: 'POST', run: login },
    '/api/company/flats': { method: 'GET', run: flats },
    '/api/meter/meters/': { method: 'GET', run: meters },
  };

  function outcomeOf(res: FakeResponse): string {
    if (res.status !== 200) return `http ${res.status}`;
    if (res.headers['content-type']?.includes('text/html')) return 'html';
    const parsed: unknown = JSON.parse(res.body.replace(/^\uFEFF/, ''));
    if (typeof parsed !== 'object' || parsed === null || !('errors' in parsed) || !Array.isArray(parsed.errors))
      return 'ok';
    const first: unknown = parsed.errors[0];
    if (first === undefined) return 'ok';
    if (typeof first === 'string') return first;
    return typeof first === 'object' && first !== null && 'name' in first ? String(first.name) : 'error';
  }

  async function route(req: FakeRequest, at: number): Promise<FakeResponse> {
    if (req.path === '/api/meter/meters/' && failingFlats.has(Number(req.query.get('flat_id')))) {
      return textResponse(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html; charset=utf-8');
    }
    const r = routes[req.path];
    if (!r) return textResponse(404, 'Not Found');
    if (req.method !== r.method) return textResponse(405, 'Method Not Allowed');
    const key = `${req.method} ${req.path}?${req.query.toString()}\n${req.body}`;
    const last = recent.get(key);
    if (last !== undefined && at - last < SAURES_DUPLICATE_WINDOW_MS) return bad([SAURES_ERRORS.duplicate]);
    recent.set(key, at);
    if (recent.size > 500) {
      for (const [k, t] of recent) if (at - t >= SAURES_DUPLICATE_WINDOW_MS) recent.delete(k);
    }
    return r.run(req, at);
  }

  return withFaults<SauresFake>(
    {
      accounts,
      reset,
      loginCount: () => logins,
      requestLog: () => [...log],
      async handle(req) {
        const at = now();
        if (req.path === '/api/auth/login' && req.method === 'POST') logins++;
        const res = await route(req, at);
        log.push({ at, method: req.method, path: req.path, outcome: outcomeOf(res) });
        return res;
      },
      control(action, params) {
        switch (action) {
          case 'reset':
            clockOffset = 0;
            reset();
            break;
          case 'advance-clock': {
            const ms = Number(params.get('ms'));
            if (!Number.isFinite(ms) || ms < 0) return textResponse(422, 'advance-clock needs ms ≥ 0');
            clockOffset += ms;
            break;
          }
          case 'expire-sessions':
            sessions.clear();
            break;
          case 'fail-meters': {
            // POST __control/fail-meters?flat=39&on=1: that flat's meters fail with a 502 page.
            const flat = Number(params.get('flat'));
            if (!Number.isInteger(flat)) return textResponse(422, 'fail-meters needs flat=<id>');
            if (params.get('on') === '0') failingFlats.delete(flat);
            else failingFlats.add(flat);
            break;
          }
          default:
            return textResponse(404, `Unknown control action: ${action}`);
        }
        return jsonResponse(200, { ok: true });
      },
    },
    SAURES_FAULTS,
  );
}

/**
 * How SAURES fails (the fault switch, mocks/faults.ts): an expired session is
 * HTTP 200 with WrongSIDException, as for a real expired sid; server errors
 * are nginx's HTML pages; the maintenance page stands in for "HTML instead of JSON".
 */
const SAURES_FAULTS: FaultProfile = {
  unauthorized: () => {
    const envelope: WireEnvelope<Record<string, never>> = {
      status: 'bad',
      errors: [SAURES_ERRORS.wrongSid],
      data: {},
    };
    return jsonResponse(200, envelope, JSON_TYPE);
  },
  errorStatus: (status) =>
    textResponse(
      status,
      `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`,
      'text/html; charset=utf-8',
    ),
  htmlPage: SAURES_MAINTENANCE_HTML,
  truncatedJson: '{"status": "ok", "errors": [], "data": {"flats": [{"id": 39, "house": "ул. Лени',
  isLogin: (req) => req.path === '/api/auth/login',
};

import * as z from 'zod/mini';
import { isApiError } from '../../api/errors.ts';
import { send, type HttpResponse } from '../../api/http.ts';

/**
 * The built-in fakes' fault switch, seen from the browser: every call goes
 * through the same-origin proxy to POST /<service>/__control/fault (see
 * mocks/faults.ts). Only for services answered by a fake.
 */
export type FaultService = 'saures' | 'besmart';

export const FAULT_SERVICES: readonly FaultService[] = ['saures', 'besmart'];
export const SERVICE_NAMES: Record<FaultService, string> = { saures: 'SAURES', besmart: 'besmart' };

export const FAULT_KINDS = ['latency', '500', '502', '504', 'html', 'bad-json', '401'] as const;
export type FaultKindName = (typeof FAULT_KINDS)[number];

export const FAULT_LABELS: Record<FaultKindName, string> = {
  latency: 'Latency (slow answers)',
  '500': '500 Internal Server Error',
  '502': '502 upstream down (as the proxy answers)',
  '504': '504 upstream timeout (as the proxy answers)',
  html: 'HTML page instead of JSON',
  'bad-json': 'Malformed (cut-off) JSON',
  '401': '401: session no longer valid',
};

export interface FaultSetting {
  kind: FaultKindName;
  /** Delay in ms (for latency: the delay itself, default 3000). */
  ms?: number;
  /** Only paths below the service root starting with this, e.g. "/sensors/signals". */
  path?: string;
}

const isKind = (v: string): v is FaultKindName => FAULT_KINDS.some((k) => k === v);
const isService = (v: string): v is FaultService => FAULT_SERVICES.some((s) => s === v);

const activeFaultSchema = z.object({
  kind: z.string(),
  status: z.nullable(z.number()),
  ms: z.number(),
  path: z.nullable(z.string()),
  method: z.nullable(z.string()),
  remaining: z.nullable(z.number()),
});
export type ActiveFault = z.infer<typeof activeFaultSchema>;
const stateSchema = z.object({ ok: z.literal(true), fault: z.nullable(activeFaultSchema) });

export interface FlagEntry {
  service: FaultService;
  /** null = switch the fault off. */
  setting: FaultSetting | null;
}

/**
 * Reads the `?fault=` flag: comma-separated `<service>:<kind>[:<ms>][:<path>]`,
 * e.g. "besmart:500", "saures:latency:5000", "besmart:html:/sensors/signals",
 * "saures:off". Returns the entries, or a sentence saying what is wrong.
 */
export function parseFaultFlag(value: string): FlagEntry[] | string {
  const entries: FlagEntry[] = [];
  for (const part of value.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const [service = '', kind = '', ...rest] = part.split(':');
    if (!isService(service)) return `“${part}”: the service must be saures or besmart.`;
    if (kind === 'off') {
      entries.push({ service, setting: null });
      continue;
    }
    if (!isKind(kind)) return `“${part}”: the fault must be one of ${FAULT_KINDS.join(', ')} or off.`;
    const setting: FaultSetting = { kind };
    for (const r of rest) {
      if (/^\d+$/.test(r)) setting.ms = Number(r);
      else if (r.startsWith('/')) setting.path = r;
      else return `“${part}”: “${r}” is neither a delay in ms nor a path starting with “/”.`;
    }
    entries.push({ service, setting });
  }
  return entries.length > 0 ? entries : 'The fault flag is empty.';
}

function describeKind(f: ActiveFault): string {
  if (f.kind === 'status') return String(f.status ?? '');
  return f.kind;
}

/** One line for people: "500 on every path except login", "latency 3000 ms on /sensors". */
export function describeFault(f: ActiveFault | null): string {
  if (f === null) return 'no fault';
  const kind = f.kind === 'latency' ? `latency ${f.ms} ms` : `${describeKind(f)}${f.ms > 0 ? ` after ${f.ms} ms` : ''}`;
  const where = f.path === null ? 'every path except login' : `paths starting with ${f.path}`;
  const method = f.method === null ? '' : ` (${f.method} only)`;
  const left = f.remaining === null ? '' : `, ${f.remaining} more request${f.remaining === 1 ? '' : 's'}`;
  return `${kind} on ${where}${method}${left}`;
}

async function control(
  service: FaultService,
  action: string,
  query: Record<string, string>,
): Promise<ActiveFault | null> {
  let res: HttpResponse;
  try {
    res = await send({ service, path: `/__control/${action}`, method: 'POST', query, what: 'Switching the fault' });
  } catch (e) {
    // The panel shows the browser's own words when the fake cannot be reached.
    throw isApiError(e) && e.kind === 'network' ? new Error(e.serverMessage ?? e.message) : e;
  }
  const text = res.text;
  if (res.status < 200 || res.status > 299)
    throw new Error(`${SERVICE_NAMES[service]} fake refused: ${text.trim() || res.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${SERVICE_NAMES[service]} fake answered something that is not JSON.`);
  }
  const parsed = stateSchema.safeParse(body);
  if (!parsed.success) throw new Error(`${SERVICE_NAMES[service]} fake answered an unexpected shape.`);
  return parsed.data.fault;
}

/** Switches a fault on (or off, with null); returns the fault now active. */
export function setFault(service: FaultService, setting: FaultSetting | null): Promise<ActiveFault | null> {
  if (setting === null) return control(service, 'fault', { kind: 'off' });
  const query: Record<string, string> = { kind: setting.kind };
  if (setting.ms !== undefined) query.ms = String(setting.ms);
  if (setting.path !== undefined && setting.path !== '') query.path = setting.path;
  return control(service, 'fault', query);
}

/** The fault now active on that service's fake. */
export function readFault(service: FaultService): Promise<ActiveFault | null> {
  return control(service, 'fault-state', {});
}

/**
 * Every failure of a call to SAURES or besmart becomes an ApiError with a
 * message a person can read: what failed, and the server's own words when it
 * gave any. No raw stack or raw JSON reaches the UI.
 */
export type Service = 'saures' | 'besmart';

export type ApiErrorKind =
  /** The request never got an answer (offline, proxy down, aborted). */
  | 'network'
  /** An HTTP error status (besmart 4xx/5xx, proxy 502/504). */
  | 'http'
  /** SAURES answered `status: "bad"` (HTTP 200 with errors). */
  | 'service'
  /** The body was not what the schema expects (HTML page, bad JSON, wrong shape). */
  | 'parse';

/** The part of an answer that could not be read, when the app knows which (SAURES flats, SAURES meters). */
export type AnswerPart = 'flats' | 'meters';

export interface ApiErrorInit {
  service: Service;
  kind: ApiErrorKind;
  /** What the app was trying to do, e.g. "Loading flats". */
  what: string;
  /** HTTP status when there was one. */
  status?: number;
  /** Machine-readable code, e.g. "WrongSIDException". */
  code?: string;
  /** The server's own words, when it gave any. */
  serverMessage?: string | undefined;
  /** Kind "parse": which part of the answer was unreadable ("flats"), when known. */
  part?: AnswerPart;
  /** Problems the server named per input field (a besmart 422 list), for the form to show at each field. */
  fields?: readonly FieldProblem[] | undefined;
  /** The path or method does not exist on this server (not a missing record): another API version may offer it. */
  routeMissing?: boolean | undefined;
}

export interface FieldProblem {
  /** The request parameter or body key the server named; null for the request as a whole. */
  field: string | null;
  message: string;
}

const SERVICE_NAMES: Record<Service, string> = { saures: 'SAURES', besmart: 'besmart' };

function describe(init: ApiErrorInit): string {
  const who = SERVICE_NAMES[init.service];
  switch (init.kind) {
    case 'network':
      return `${init.what} failed: ${who} could not be reached${init.serverMessage ? ` (${init.serverMessage})` : ''}.`;
    case 'http':
      return `${init.what} failed: ${who} answered ${init.status ?? 'an error'}${
        init.serverMessage ? ` — ${init.serverMessage}` : ''
      }.`;
    case 'service':
      return `${init.what} failed: ${who} said “${init.serverMessage ?? init.code ?? 'unknown error'}”.`;
    case 'parse': {
      const sent = init.part ? `${init.part} in a form` : 'an answer';
      return `${init.what} failed: ${who} sent ${sent} the app cannot read${
        init.serverMessage ? ` (${init.serverMessage})` : ''
      }.`;
    }
  }
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly service: Service;
  readonly kind: ApiErrorKind;
  readonly what: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly serverMessage: string | undefined;
  readonly fields: readonly FieldProblem[];
  readonly routeMissing: boolean;
  readonly part: AnswerPart | undefined;

  constructor(init: ApiErrorInit) {
    super(describe(init));
    this.service = init.service;
    this.kind = init.kind;
    this.what = init.what;
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.fields = init.fields ?? [];
    this.routeMissing = init.routeMissing ?? false;
    this.part = init.part;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

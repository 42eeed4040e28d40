import type { z } from 'zod';
import type { Dialect } from '../../src/api/besmart/schemas.ts';
import { emptyResponse, jsonResponse, type FakeResponse } from '../types.ts';

/*
 * How the fake besmart answers, per API version (shared/api/besmart-api-current.md §3.0):
 *
 * v0.1.5 (connexion/Flask): the framework's errors (routing, validation,
 * content type) are problem+json `{type, title, status, detail}`; handlers
 * answer bare JSON strings ("Forbidden", "Resource not found") or, for the
 * task endpoints, a string holding a Python dict; writes answer "OK" (200) or
 * "Created" (201).
 *
 * current (v0.62.23, FastAPI): every error is `{"detail": "..."}`, validation
 * is 422 `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`, an
 * unknown route is `{"detail": "Not Found"}`, a wrong method
 * `{"detail": "Method Not Allowed"}`; most writes answer 204 with no body.
 */

/** Thrown by handlers; the router answers its response. */
export class Fail {
  constructor(readonly response: FakeResponse) {}
}

/** How a v0.1.5 route reports its own errors: the real service mixes problem+json, plain strings and Python dicts. */
export type Style = 'problem' | 'plain' | 'python';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

export function problem(status: number, detail: string): FakeResponse {
  return jsonResponse(
    status,
    { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail },
    'application/problem+json',
  );
}

/** FastAPI's HTTPException body. */
export function detail(status: number, text: string): FakeResponse {
  return jsonResponse(status, { detail: text });
}

/** A Python-repr rendering, as v0.1.5's task endpoints answer. */
export function pythonRepr(v: unknown): string {
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

export type Loc = readonly (string | number)[];

export interface ValidationItem {
  loc: Loc;
  msg: string;
  type: string;
}

/** The answers of one API version. */
export interface Speaker {
  readonly version: Dialect;
  /** An error of a handler: v0.1.5 in the route's style, current as `{"detail"}`. */
  fail(status: number, text: string, style?: Style): Fail;
  /** 422 for one input. v0.1.5 says `legacyText` in the route's style; current lists `{loc, msg, type}`. */
  invalid(item: ValidationItem, legacyText: string, style?: Style): Fail;
  /** 422 listing several inputs (current) or the first one's words (v0.1.5). */
  invalidMany(items: readonly ValidationItem[], legacyText: string, style?: Style): Fail;
  forbidden(): Fail;
  /** A record that does not exist ("Sensor 1.99 not found"). */
  notFound(text: string, style?: Style): Fail;
  /** No route for this path: the client's "route missing". */
  routeMissing(): FakeResponse;
  /** The route exists, the method does not. */
  methodNotAllowed(): FakeResponse;
  /** The success of an update or delete: "OK" (v0.1.5) or 204 (current). */
  done(): FakeResponse;
}

const ROUTE_MISSING_TEXT =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

export function speaker(version: Dialect): Speaker {
  if (version === 'v0.1.5') {
    const legacy = (status: number, text: string, style: Style = 'problem'): Fail => {
      if (style === 'problem') return new Fail(problem(status, text));
      if (style === 'python') return new Fail(jsonResponse(status, pythonRepr({ status_code: -1, message: text })));
      return new Fail(jsonResponse(status, text));
    };
    return {
      version,
      fail: legacy,
      invalid: (_item, text, style) => legacy(422, text, style),
      invalidMany: (_items, text, style) => legacy(422, text, style),
      forbidden: () => new Fail(jsonResponse(403, 'Forbidden')),
      notFound: (text, style) => legacy(404, text, style),
      routeMissing: () => problem(404, ROUTE_MISSING_TEXT),
      methodNotAllowed: () => problem(405, 'The method is not allowed for the requested URL.'),
      done: () => jsonResponse(200, 'OK'),
    };
  }
  return {
    version,
    fail: (status, text) => new Fail(detail(status, text)),
    invalid: (item) => new Fail(jsonResponse(422, { detail: [item] })),
    invalidMany: (items) => new Fail(jsonResponse(422, { detail: items })),
    forbidden: () => new Fail(detail(403, 'Forbidden')),
    notFound: (text) => new Fail(detail(404, text)),
    routeMissing: () => detail(404, 'Not Found'),
    methodNotAllowed: () => detail(405, 'Method Not Allowed'),
    done: () => emptyResponse(204),
  };
}

/** A FastAPI-style item for a failed custom check ("Value error, …" as pydantic words it). */
export const valueError = (loc: Loc, text: string): ValidationItem => ({
  loc,
  msg: `Value error, ${text}`,
  type: 'value_error',
});

/** A zod failure of a JSON body as FastAPI would list it (pydantic's words where they are well known). */
export function bodyIssues(error: z.ZodError, prefix: Loc = ['body']): ValidationItem[] {
  return error.issues.map((issue) => {
    const loc = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (issue.code === 'invalid_type') {
      if (issue.input === undefined) return { loc, msg: 'Field required', type: 'missing' };
      const expected = String(issue.expected);
      const words: Record<string, [string, string]> = {
        string: ['Input should be a valid string', 'string_type'],
        number: ['Input should be a valid number', 'float_type'],
        int: ['Input should be a valid integer', 'int_type'],
        boolean: ['Input should be a valid boolean', 'bool_type'],
        array: ['Input should be a valid list', 'list_type'],
        object: ['Input should be a valid dictionary or object to extract fields from', 'model_attributes_type'],
      };
      const [msg, type] = words[expected] ?? [`Input should be a valid ${expected}`, `${expected}_type`];
      return { loc, msg, type };
    }
    if (issue.code === 'too_small' && issue.origin === 'string') {
      return {
        loc,
        msg: `String should have at least ${String(issue.minimum)} character${issue.minimum === 1 ? '' : 's'}`,
        type: 'string_too_short',
      };
    }
    return { loc, msg: `Value error, ${issue.message}`, type: 'value_error' };
  });
}

/** v0.1.5's words for a zod failure of a JSON body ("Item 1: parameter 'since': …"). */
export function legacyBodyText(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix}invalid body`;
  const path = issue.path.map(String);
  const field = path.filter((p) => !/^\d+$/.test(p)).join('.');
  const item = path.length > 0 && /^\d+$/.test(path[0] ?? '') ? `Item ${path[0]}: ` : '';
  return `${prefix}${item}${field ? `parameter '${field}': ` : ''}${issue.message}`;
}

/** Query parameters, refused as each version refuses them (v0.1.5's words, or FastAPI's list). */
export class Params {
  constructor(
    private readonly q: URLSearchParams,
    private readonly say: Speaker,
    private readonly style: Style = 'problem',
  ) {}

  private bad(name: string, legacy: string, msg: string, type: string): Fail {
    return this.say.invalid({ loc: ['query', name], msg, type }, `Parameter '${name}' ${legacy}`, this.style);
  }

  /** A check of the caller's: v0.1.5 "Parameter 'x' <legacy>", current "Value error, <legacy>". */
  refuse(name: string, legacy: string): Fail {
    return this.bad(name, legacy, `Value error, ${legacy}`, 'value_error');
  }

  private raw(name: string, required: boolean): string | undefined {
    const v = this.q.get(name);
    if (v === null || v === '') {
      if (required) throw this.bad(name, 'is required', 'Field required', 'missing');
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
    if (!Number.isFinite(n))
      throw this.bad(
        name,
        'must be a number',
        'Input should be a valid number, unable to parse string as a number',
        'float_parsing',
      );
    return n;
  }

  reqNum(name: string): number {
    this.raw(name, true);
    return this.num(name) ?? 0;
  }

  int(name: string): number | undefined {
    const v = this.raw(name, false);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (Number.isFinite(n) && !Number.isInteger(n))
      throw this.bad(
        name,
        'must be an integer',
        'Input should be a valid integer, got a number with a fractional part',
        'int_from_float',
      );
    if (!Number.isInteger(n))
      throw this.bad(
        name,
        'must be an integer',
        'Input should be a valid integer, unable to parse string as an integer',
        'int_parsing',
      );
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
    throw this.bad(
      name,
      'must be true or false',
      'Input should be a valid boolean, unable to interpret input',
      'bool_parsing',
    );
  }
}

import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { isApiError, type ApiError, type Service } from '../api/errors.ts';

/*
 * Generators for the property tests of the response parsers: valid sample
 * payloads mutated the way a broken server or proxy would (keys dropped,
 * types changed, nulls, wrapping, truncated text), random JSON and text, web
 * pages, empty bodies, odd status codes and content types.
 */

export type Json = fc.JsonValue;
type Key = string | number;

/** Every path into a JSON value, the root ([]) included. */
function pathsOf(value: Json, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (v !== undefined) pathsOf(v, [...prefix, k], out);
  return out;
}

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy: JSON values only, so a round trip through text is exact (own "__proto__" keys included). */
function clone(value: Json): Json {
  return jsonOf(value);
}

/** A value as JSON would carry it (undefined fields dropped), typed as JSON: for writing samples with the Wire types. */
export function jsonOf(value: unknown): Json {
  const text = JSON.stringify(value);
  return toJson(text === undefined ? null : JSON.parse(text));
}

function toJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, toJson(v));
    return out;
  }
  return null;
}

/** Sets an own property even for "__proto__", which `o[k] = v` would turn into a prototype change. */
function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Strings a server might send where something else was expected. */
const oddStrings = [
  '',
  ' ',
  '0',
  '-0',
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  'null',
  'true',
  '0x1F',
  '1,5',
  '1 234,5',
  '١٢٣',
  '12abc',
  '.',
  '-',
  'e5',
  '31.02.2020 10:00',
  '00.00.0000',
  '99.99.9999 99:99',
  '2020-13-45T25:61:61+99:99',
  '2020-02-29T23:59:59.999999Z',
  '0000-01-01',
  '__proto__',
  'constructor',
  'toString',
  '\u0000',
  '\ud800',
  '\uFEFF',
  '<html>',
  "{'message': 'x'}",
  '{"message": ""}',
  'WrongSIDException',
  'x'.repeat(2000),
];

const oddNumbers = [
  0,
  -0,
  -1,
  1.5,
  0.1,
  255,
  256,
  1e21,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
];

/** Any JSON value, biased towards the odd ones above. */
export const oddJson: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<Json>(...oddStrings, ...oddNumbers, true, false, null, {}, [], [[]], [null]),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

type Mutation =
  | { op: 'delete' }
  | { op: 'null' }
  | { op: 'replace'; value: Json }
  | { op: 'swapType' }
  | { op: 'wrap' }
  | { op: 'unwrap' }
  | { op: 'empty' }
  | { op: 'addKey'; key: string; value: Json }
  | { op: 'duplicate'; times: number }
  | { op: 'deep'; depth: number; asObject: boolean };

const mutationArb: fc.Arbitrary<{ at: number; mutation: Mutation }> = fc.record({
  at: fc.nat(),
  mutation: fc.oneof(
    { weight: 3, arbitrary: fc.constant<Mutation>({ op: 'delete' }) },
    { weight: 2, arbitrary: fc.constant<Mutation>({ op: 'null' }) },
    { weight: 4, arbitrary: oddJson.map((value): Mutation => ({ op: 'replace', value })) },
    { weight: 3, arbitrary: fc.constant<Mutation>({ op: 'swapType' }) },
    { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'wrap' }) },
    { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'unwrap' }) },
    { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'empty' }) },
    {
      weight: 1,
      arbitrary: fc
        .record({ key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...oddStrings)), value: oddJson })
        .map(({ key, value }): Mutation => ({ op: 'addKey', key, value })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 3 }).map((times): Mutation => ({ op: 'duplicate', times })),
    },
  ),
});

function swapType(value: Json): Json {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : 1;
  if (typeof value === 'boolean') return value ? 'True' : 0;
  if (value === null) return 'None';
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  return JSON.stringify(value);
}

function mutated(value: Json | undefined, m: Mutation): Json | undefined {
  switch (m.op) {
    case 'delete':
      return undefined;
    case 'null':
      return null;
    case 'replace':
      return m.value;
    case 'swapType':
      return value === undefined ? undefined : swapType(value);
    case 'wrap':
      return value === undefined ? [] : [value];
    case 'unwrap':
      if (Array.isArray(value)) return value[0];
      if (isObject(value)) return Object.values(value)[0];
      return value;
    case 'empty':
      return Array.isArray(value) ? {} : isObject(value) ? [] : '';
    case 'addKey': {
      if (!isObject(value)) return value;
      const copy = toJson(value);
      if (isObject(copy)) setOwn(copy, m.key, m.value);
      return copy;
    }
    case 'duplicate':
      if (Array.isArray(value) && value.length > 0)
        return [...value, ...Array.from({ length: m.times }, () => value[value.length - 1] ?? null)];
      return value;
    case 'deep': {
      let v: Json = value ?? null;
      for (let i = 0; i < m.depth; i++) v = m.asObject ? { a: v } : [v];
      return v;
    }
  }
}

/** Applies one mutation at the path chosen by `at`; undefined when the root itself was deleted. */
function applyMutation(root: Json | undefined, at: number, m: Mutation): Json | undefined {
  if (root === undefined) return undefined;
  const copy = clone(root);
  const paths = pathsOf(copy);
  const path = paths[at % paths.length] ?? [];
  if (path.length === 0) return mutated(copy, m);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(parent)
      ? parent[Number(key)]
      : isObject(parent)
        ? parent[String(key)]
        : undefined;
    if (next === undefined) return copy;
    parent = next;
  }
  const last = path[path.length - 1] ?? 0;
  if (Array.isArray(parent)) {
    const i = Number(last);
    const next = mutated(parent[i], m);
    if (next === undefined) parent.splice(i, 1);
    else parent[i] = next;
  } else if (isObject(parent)) {
    const k = String(last);
    const next = mutated(parent[k], m);
    if (next === undefined) Reflect.deleteProperty(parent, k);
    else setOwn(parent, k, next);
  }
  return copy;
}

type TextMutation =
  | { op: 'truncate'; at: number }
  | { op: 'cut'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'wrap'; before: string; after: string };

const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((at): TextMutation => ({ op: 'truncate', at })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) })
      .map(({ at, length }): TextMutation => ({ op: 'cut', at, length })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        at: fc.nat(),
        text: fc.oneof(
          fc.constantFrom('"', "'", ',', '{', '}', '[', ']', ':', '\\', '\u0000', '\uFEFF', 'NaN'),
          fc.string(),
        ),
      })
      .map(({ at, text }): TextMutation => ({ op: 'insert', at, text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(['\uFEFF', ''], ['  \n', '\n '], ['"', '"'], ['[', ']'], ['<!-- x -->', ''], ['', 'garbage'])
      .map(([before, after]): TextMutation => ({ op: 'wrap', before, after })),
  },
);

function applyTextMutation(text: string, m: TextMutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.op) {
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'cut':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'wrap':
      return m.before + text + m.after;
  }
}

/** Rarely: one value buried under up to 1500 levels of arrays or objects, applied last (the helpers above recurse). */
const deepArb: fc.Arbitrary<{ at: number; mutation: Mutation } | null> = fc.oneof(
  { weight: 20, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc
      .record({ at: fc.nat(), depth: fc.integer({ min: 2, max: 1500 }), asObject: fc.boolean() })
      .map(({ at, depth, asObject }): { at: number; mutation: Mutation } => ({
        at,
        mutation: { op: 'deep', depth, asObject },
      })),
  },
);

/** A valid sample with a few structural mutations (possibly none). */
export function mutatedValue(samples: readonly Json[]): fc.Arbitrary<Json | undefined> {
  return fc
    .record({ sample: fc.constantFrom(...samples), mutations: fc.array(mutationArb, { maxLength: 3 }), deep: deepArb })
    .map(({ sample, mutations, deep }) =>
      [...mutations, ...(deep ? [deep] : [])].reduce<Json | undefined>(
        (v, { at, mutation }) => applyMutation(v, at, mutation),
        sample,
      ),
    );
}

/** A valid sample as text, mutated structurally and sometimes also as text. */
export function mutatedText(samples: readonly Json[]): fc.Arbitrary<string> {
  return fc
    .record({
      value: mutatedValue(samples),
      text: fc.oneof(
        { weight: 3, arbitrary: fc.constant<TextMutation[]>([]) },
        { weight: 1, arbitrary: fc.array(textMutationArb, { minLength: 1, maxLength: 2 }) },
      ),
    })
    .map(({ value, text }) =>
      text.reduce((t, m) => applyTextMutation(t, m), value === undefined ? '' : JSON.stringify(value)),
    );
}

/** Texts (not JSON) with a few text mutations. */
export function mutatedRawText(texts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .record({ text: fc.constantFrom(...texts), mutations: fc.array(textMutationArb, { maxLength: 3 }) })
    .map(({ text, mutations }) => mutations.reduce((t, m) => applyTextMutation(t, m), text));
}

export const htmlPages = [
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
  '<html><body>Please sign in</body></html>',
  '  \n<html>',
  '<',
  '<?xml version="1.0"?><error/>',
];

/** Bodies that are not built from a valid sample. */
export const strangeText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\n',
    '\uFEFF',
    '\uFEFF\uFEFF{}',
    'null',
    '""',
    '"OK"',
    'OK',
    '{}',
    '[]',
    '[[]]',
    ...htmlPages,
  ),
  fc.json({ maxDepth: 4 }),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer({ min: 1, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: 5000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
);

export interface FakeAnswer {
  status: number;
  /** null: no Content-Type header (the runtime may then add text/plain for a text body). */
  contentType: string | null;
  body: string;
  /** Raw bytes sent instead of `body` (not necessarily UTF-8). */
  bytes: Uint8Array | null;
  /** The request fails before any answer (connection refused…). */
  networkError: boolean;
  /** The connection drops after this many bytes of the body. */
  cutAt: number | null;
}

/** A placeholder until a property sets the answer. */
export const emptyAnswer: FakeAnswer = {
  status: 204,
  contentType: null,
  body: '',
  bytes: null,
  networkError: false,
  cutAt: null,
};

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html; charset=utf-8',
  'application/octet-stream',
  'application/xml',
  '',
];

const notableStatuses = [
  200, 201, 202, 204, 205, 299, 300, 304, 399, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504, 599,
];

/*
 * Redirect statuses are left out: fetch follows them (msw's interceptor then
 * loops on the same handler), so the client never sees one.
 */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** An answer whose body comes from `body`, mostly with a success status. */
export function answers(body: fc.Arbitrary<string>, okStatuses: readonly number[] = [200]): fc.Arbitrary<FakeAnswer> {
  return fc.record({
    status: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...okStatuses) },
      { weight: 3, arbitrary: fc.constantFrom(...notableStatuses) },
      { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }).filter((s) => !REDIRECTS.has(s)) },
    ),
    contentType: fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/json') },
      { weight: 2, arbitrary: fc.constantFrom(...contentTypes) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    body,
    bytes: fc.oneof(
      { weight: 30, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
      {
        weight: 1,
        arbitrary: fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
          .map((t) => Uint8Array.from(JSON.stringify({ message: t }), (c) => c.charCodeAt(0) & 0xff)),
      },
    ),
    networkError: fc.oneof({ weight: 50, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    cutAt: fc.oneof({ weight: 30, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat({ max: 40 }) }),
  });
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function bytesOf(a: FakeAnswer): Uint8Array {
  return a.bytes ?? new TextEncoder().encode(a.body);
}

/** True when the client gets no complete answer: refused, or cut in the middle of a body. */
export function failsInTransit(a: FakeAnswer): boolean {
  return a.networkError || (a.cutAt !== null && !NULL_BODY_STATUSES.has(a.status));
}

/** The body as the client reads it: UTF-8 round trip (lone surrogates become U+FFFD), BOMs removed as send() does. */
export function bodyAsRead(a: FakeAnswer): string {
  if (NULL_BODY_STATUSES.has(a.status)) return '';
  const decoded = new TextDecoder().decode(bytesOf(a));
  return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
}

/**
 * One msw handler for every request to `service`, answering whatever
 * `current()` holds: pass it to `setupFakeServices({ handlers })` in the property tests.
 */
export function answerWith(service: Service, current: () => FakeAnswer) {
  return http.all(`http://localhost/${service}/*`, () => {
    const a = current();
    if (a.networkError) return HttpResponse.error();
    const headers: Record<string, string> = a.contentType === null ? {} : { 'Content-Type': a.contentType };
    const init = { status: a.status, headers };
    if (NULL_BODY_STATUSES.has(a.status)) return new HttpResponse(null, init);
    const bytes = bytesOf(a);
    const cutAt = a.cutAt;
    if (cutAt === null) return new HttpResponse(bytes, init);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cutAt));
        controller.error(new TypeError('terminated: other side closed'));
      },
    });
    return new HttpResponse(stream, init);
  });
}

/**
 * Awaits a client call: a resolved value is returned, an ApiError is returned
 * as `error`; anything else thrown (TypeError, SyntaxError, RangeError…)
 * propagates and fails the property.
 */
export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  try {
    return { ok: true, value: await promise };
  } catch (e) {
    if (isApiError(e)) return { ok: false, error: e };
    throw e;
  }
}

/** What every ApiError must be: of the right service and kind, with a readable message. */
export function expectReadableApiError(error: ApiError, service: Service, answer: FakeAnswer): void {
  expect(error.service).toBe(service);
  expect(['network', 'http', 'service', 'parse']).toContain(error.kind);
  expect(typeof error.message).toBe('string');
  expect(error.message.trim()).not.toBe('');
  expect(error.message).not.toContain('[object Object]');
  if (failsInTransit(answer)) expect(error.kind).toBe('network');
  if (error.kind === 'http') expect(error.status).toBe(answer.status);
  if (error.serverMessage !== undefined) expect(typeof error.serverMessage).toBe('string');
}

/** Runs per property, scaled by FUZZ_RUNS_FACTOR (e.g. 10 for a long local hunt). */
export function runs(n: number): number {
  const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? 1);
  return Math.max(1, Math.round(n * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

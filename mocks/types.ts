/**
 * The shape every fake speaks: a plain request in, a plain response out. The
 * fakes know nothing of HTTP servers or MSW; thin adapters (http-server.ts,
 * handlers.ts) translate.
 */
export interface FakeRequest {
  method: string;
  /** Path below the service root, e.g. "/api/company/flats" or "/sensors/types". */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Raw body text ('' when none). */
  body: string;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface FakeOptions {
  /** Clock in ms since epoch; tests inject a controllable one. */
  now?: () => number;
  /** "large" selects the benchmark dataset. */
  dataset?: 'default' | 'large';
}

export interface FakeService {
  /** Serves one API request exactly as the real service would. */
  handle(req: FakeRequest): Promise<FakeResponse>;
  /**
   * Test and demo switches (POST <root>/__control/<action>), e.g. "reset",
   * "expire-sessions". Unknown actions answer 404.
   */
  control(action: string, params: URLSearchParams): FakeResponse;
  /** Back to the seeded state. */
  reset(): void;
}

export function jsonResponse(status: number, value: unknown, contentType = 'application/json'): FakeResponse {
  return { status, headers: { 'content-type': contentType }, body: JSON.stringify(value) };
}

export function textResponse(status: number, body: string, contentType = 'text/plain; charset=utf-8'): FakeResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

export function emptyResponse(status: number): FakeResponse {
  return { status, headers: {}, body: '' };
}

/** Reads an application/x-www-form-urlencoded or multipart/form-data body. */
export async function readForm(req: FakeRequest): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    const form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
    const out = new URLSearchParams();
    form.forEach((v, k) => {
      if (typeof v === 'string') out.append(k, v);
    });
    return out;
  }
  return new URLSearchParams(req.body);
}

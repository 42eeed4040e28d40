import { http, HttpResponse } from 'msw';
import { setupFakeServices } from '../test/server.ts';
import { buildUrl, parseJsonText, parseWith, send, seg } from './http.ts';
import { ApiError } from './errors.ts';
import { z } from 'zod';

const { server } = setupFakeServices();

describe('buildUrl', () => {
  it('puts the service prefix on a same-origin path and drops empty query values', () => {
    expect(buildUrl('saures', '/api/company/flats', { sid: 'abc', x: undefined, y: null })).toBe(
      'http://localhost/saures/api/company/flats?sid=abc',
    );
  });
  it('keeps ids from escaping their path segment', () => {
    expect(buildUrl('besmart', `/sensors/${seg('../x')}`)).toBe('http://localhost/besmart/sensors/..%2Fx');
  });
});

describe('send', () => {
  it('strips a UTF-8 BOM', async () => {
    server.use(http.get('http://localhost/saures/x', () => new HttpResponse('\uFEFF{"a":1}')));
    const res = await send({ service: 'saures', path: '/x', what: 'Loading x' });
    expect(parseJsonText('saures', 'Loading x', res)).toEqual({ a: 1 });
  });
  it('turns a connection that breaks off in the middle of the body into a network ApiError', async () => {
    server.use(
      http.get('http://localhost/saures/x', () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"status":"ok","da'));
            controller.error(new TypeError('terminated'));
          },
        });
        return new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const err = await send({ service: 'saures', path: '/x', what: 'Loading x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      kind: 'network',
      message:
        'Loading x failed: SAURES could not be reached (the connection broke off before the whole answer arrived).',
    });
  });
  it('turns a network failure into a readable ApiError', async () => {
    server.use(http.get('http://localhost/besmart/x', () => HttpResponse.error()));
    const err = await send({ service: 'besmart', path: '/x', what: 'Loading x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('network');
    expect((err as ApiError).message).toMatch(/^Loading x failed: besmart could not be reached/);
  });
});

describe('parsing', () => {
  it('says an HTML page came back instead of data', () => {
    const err = (() => {
      try {
        parseJsonText('saures', 'Loading flats', { status: 200, contentType: 'text/html', text: '<html></html>' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(
      'Loading flats failed: SAURES sent an answer the app cannot read (a web page came back instead of data).',
    );
  });
  it('says malformed JSON is malformed', () => {
    expect(() =>
      parseJsonText('besmart', 'Loading types', { status: 200, contentType: 'application/json', text: '{"a":' }),
    ).toThrow('not valid JSON');
  });
  it('names the first field that does not match the schema', () => {
    expect(() =>
      parseWith('besmart', 'Loading sensor', z.object({ a: z.object({ b: z.number() }) }), { a: { b: 'x' } }),
    ).toThrow('unexpected data at “a.b”');
  });
});

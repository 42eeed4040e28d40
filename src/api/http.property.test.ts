import fc from 'fast-check';
import {
  answerWith,
  answers,
  bodyAsRead,
  emptyAnswer,
  expectReadableApiError,
  failsInTransit,
  htmlPages,
  mutatedText,
  runs,
  settle,
  strangeText,
} from '../test/fuzz.ts';
import { setupFakeServices } from '../test/server.ts';
import { isApiError } from './errors.ts';
import { looksLikeHtml, parseJsonText, send, type HttpResponse } from './http.ts';

/*
 * Property: the lowest layer turns any answer into text, JSON or an ApiError —
 * never a raw TypeError or SyntaxError.
 */

const texts = fc.oneof(
  mutatedText([{ status: 'ok', errors: [], data: { a: [1, '2', null] } }, [{ data: { time: [1], value: [2] } }], 'OK']),
  strangeText,
  fc.constantFrom(...htmlPages),
);

const responses: fc.Arbitrary<HttpResponse> = fc.record({
  status: fc.integer({ min: 0, max: 999 }),
  contentType: fc.oneof(
    fc.constantFrom('', 'application/json', 'text/html', 'TEXT/HTML', 'text/plain; charset=utf-8'),
    fc.string(),
  ),
  text: texts,
});

describe('parseJsonText', () => {
  it('gives what JSON.parse gives, or an ApiError of kind "parse"', () => {
    fc.assert(
      fc.property(responses, (res) => {
        let value: unknown;
        try {
          value = parseJsonText('besmart', 'Reading', res);
        } catch (e) {
          if (!isApiError(e)) throw e;
          expect(e.kind).toBe('parse');
          expect(e.status).toBe(res.status);
          expect(e.message).toMatch(/^Reading failed: besmart sent an answer the app cannot read \(.+\)\.$/);
          return;
        }
        expect(looksLikeHtml(res)).toBe(false);
        // Deep equality recurses: compare the (at most ~1000-deep) shorter answers only.
        if (res.text.length <= 2000) expect(value).toEqual(JSON.parse(res.text));
      }),
      { numRuns: runs(3000) },
    );
  });
});

describe('send against arbitrary answers', () => {
  let current = emptyAnswer;
  setupFakeServices({ handlers: [answerWith('saures', () => current)] });

  it('gives the status, content type and text, or a network ApiError', async () => {
    await fc.assert(
      fc.asyncProperty(answers(texts, [200, 201, 204, 400, 500]), async (answer) => {
        current = answer;
        const result = await settle(send({ service: 'saures', path: '/x', what: 'Loading x' }));
        if (!result.ok) {
          expectReadableApiError(result.error, 'saures', answer);
          expect(result.error.kind).toBe('network');
          expect(failsInTransit(answer)).toBe(true);
          return;
        }
        expect(failsInTransit(answer)).toBe(false);
        expect(result.value.status).toBe(answer.status);
        expect(result.value.text).toBe(bodyAsRead(answer));
        if (answer.contentType) expect(result.value.contentType).toBe(answer.contentType);
      }),
      { numRuns: runs(300) },
    );
  });
});

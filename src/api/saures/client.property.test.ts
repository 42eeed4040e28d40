import fc from 'fast-check';
import type { z } from 'zod';
import {
  answerWith,
  answers,
  bodyAsRead,
  emptyAnswer,
  failsInTransit,
  expectReadableApiError,
  jsonOf,
  mutatedText,
  mutatedValue,
  oddJson,
  runs,
  settle,
  strangeText,
  type FakeAnswer,
  type Json,
} from '../../test/fuzz.ts';
import { setupFakeServices } from '../../test/server.ts';
import { badEnvelopes, envelope, flatsData, loginData, metersData } from '../../test/saures-samples.ts';
import { isApiError } from '../errors.ts';
import { parseWith } from '../http.ts';
import { getFlats, getMeters, login } from './client.ts';
import {
  codeNameSchema,
  envelopeSchema,
  errorItemSchema,
  flatsDataSchema,
  loginDataSchema,
  metersDataSchema,
  numberishSchema,
  parseSauresDate,
  sauresDateSchema,
  toNumber,
  valsSchema,
} from './schemas.ts';

/*
 * Property: whatever SAURES (or a proxy in front of it) answers, each client
 * call resolves to what its schema makes of the body, or rejects with a
 * readable ApiError — never with a TypeError, SyntaxError, RangeError….
 */

const loginSamples = [jsonOf(envelope(loginData)), ...badEnvelopes];
const flatsSamples = [jsonOf(envelope(flatsData)), jsonOf(envelope({ flats: [] })), ...badEnvelopes];
const metersSamples = [jsonOf(envelope(metersData)), jsonOf(envelope({ sensors: [] })), ...badEnvelopes];

/** Mostly mutated valid envelopes; also the data alone, random JSON, text and web pages. */
function bodies(samples: readonly Json[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutatedText(samples) },
    { weight: 1, arbitrary: oddJson.map((data) => JSON.stringify({ status: 'ok', errors: [], data })) },
    { weight: 2, arbitrary: strangeText },
  );
}

function readAs<S extends z.ZodType>(schema: S, a: FakeAnswer): z.infer<S> {
  const env = envelopeSchema.parse(JSON.parse(bodyAsRead(a)));
  return schema.parse(env.data);
}

describe('SAURES client against arbitrary answers', () => {
  let current = emptyAnswer;
  setupFakeServices({ handlers: [answerWith('saures', () => current)] });

  const endpoints = [
    {
      name: 'login',
      samples: loginSamples,
      call: () => login({ email: 'demo@saures.ru', password: 'demo' }),
      schema: loginDataSchema,
    },
    { name: 'getFlats', samples: flatsSamples, call: () => getFlats('sid'), schema: flatsDataSchema },
    { name: 'getMeters', samples: metersSamples, call: () => getMeters('sid', 119), schema: metersDataSchema },
  ] as const;

  it.each(endpoints)('$name resolves to its schema’s output or rejects with an ApiError', async (ep) => {
    await fc.assert(
      fc.asyncProperty(answers(bodies(ep.samples)), async (answer) => {
        current = answer;
        const result = await settle<unknown>(ep.call());
        if (result.ok) {
          expect(answer.status).toBeGreaterThanOrEqual(200);
          expect(answer.status).toBeLessThan(300);
          expect(failsInTransit(answer)).toBe(false);
          expect(result.value).toEqual(readAs(ep.schema, answer));
        } else {
          expectReadableApiError(result.error, 'saures', answer);
        }
      }),
      { numRuns: runs(250) },
    );
  });
});

describe('SAURES schemas against arbitrary values', () => {
  const anything = fc.anything({
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withUnicodeString: true,
  });
  const cases: { name: string; schema: z.ZodType; values: fc.Arbitrary<unknown> }[] = [
    { name: 'envelope', schema: envelopeSchema, values: mutatedValue([...loginSamples, ...metersSamples]) },
    { name: 'login data', schema: loginDataSchema, values: mutatedValue([jsonOf(loginData)]) },
    { name: 'flats data', schema: flatsDataSchema, values: mutatedValue([jsonOf(flatsData)]) },
    { name: 'meters data', schema: metersDataSchema, values: mutatedValue([jsonOf(metersData)]) },
    { name: 'error item', schema: errorItemSchema, values: oddJson },
    { name: 'code/name', schema: codeNameSchema, values: oddJson },
    { name: 'vals', schema: valsSchema, values: oddJson },
    { name: 'number', schema: numberishSchema, values: oddJson },
    { name: 'date', schema: sauresDateSchema, values: oddJson },
  ];

  const inputs = fc.constantFrom(...cases).chain((c) =>
    fc.record({
      c: fc.constant(c),
      value: fc.oneof({ weight: 3, arbitrary: c.values }, { weight: 1, arbitrary: anything }),
    }),
  );

  it('parseWith only ever throws an ApiError of kind "parse"', () => {
    fc.assert(
      fc.property(inputs, ({ c, value }) => {
        try {
          parseWith('saures', `Reading ${c.name}`, c.schema, value);
        } catch (e) {
          if (!isApiError(e)) throw e;
          expect(e.kind).toBe('parse');
          expect(e.message).toMatch(/^Reading .+ failed: SAURES sent an answer the app cannot read/);
        }
      }),
      { numRuns: runs(3000) },
    );
  });

  const dateLike = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([d, mo, y, h, mi]) => `${d}.${mo}.${String(y).padStart(4, '0')} ${h}:${String(mi).padStart(2, '0')}`),
    fc
      .tuple(fc.date({ noInvalidDate: true }), fc.constantFrom('', 'Z', '+03:00', '-0930', '+99:99'))
      .map(([d, zone]) => d.toISOString().slice(0, 19 + (d.getUTCMilliseconds() % 2 === 0 ? 0 : 4)) + zone),
  );

  it('toNumber and parseSauresDate give a finite number or null for any text', () => {
    fc.assert(
      fc.property(dateLike, fc.oneof(fc.string(), fc.double().map(String), fc.double()), (date, number) => {
        const ms = parseSauresDate(date);
        expect(ms === null || Number.isFinite(ms)).toBe(true);
        const n = toNumber(number);
        expect(n === null || Number.isFinite(n)).toBe(true);
      }),
      { numRuns: runs(2000) },
    );
  });
});

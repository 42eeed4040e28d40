import fc from 'fast-check';
import { flatsDataSchema, metersDataSchema } from '../../../api/saures/schemas.ts';
import { jsonOf, mutatedValue, runs } from '../../../test/fuzz.ts';
import { flatsData, metersData } from '../../../test/saures-samples.ts';
import { batteryLevel, isStale, signalBars, signalQuality } from './health.ts';
import { activeLeaks } from './leaks.ts';
import { buildSearchIndex, flatHealth, matchesSearch, sortFlats, summarize, type FlatWithSensors } from './overview.ts';
import { decodeMeterState } from './states.ts';
import { decodeReading, decodeTariffs, meterDisplayName } from './units.ts';

/*
 * Property: whatever the SAURES schemas accept — here, mutated versions of
 * valid flats and meters answers — the flats model decodes, summarises,
 * sorts and searches it without throwing.
 */

const parsedFlats = mutatedValue([jsonOf(flatsData)])
  .map((v) => flatsDataSchema.safeParse(v))
  .filter((r) => r.success)
  .map((r) => r.data ?? []);
const parsedSensors = mutatedValue([jsonOf(metersData)])
  .map((v) => metersDataSchema.safeParse(v))
  .filter((r) => r.success)
  .map((r) => r.data ?? []);

const NOW = Date.UTC(2025, 0, 15, 9);

describe('flats model on whatever the SAURES schemas accept', () => {
  it('decodes every meter and controller', () => {
    fc.assert(
      fc.property(parsedSensors, (sensors) => {
        for (const s of sensors) {
          decodeMeterState(s.state);
          batteryLevel(s.batteryPercent);
          signalQuality(s.rssiDb);
          expect([0, 1, 2, 3, 4]).toContain(signalBars(s.rssiDb));
          isStale(s.lastConnection?.epochMs ?? null, NOW);
          for (const m of s.meters) {
            expect(decodeReading(m).kind).toEqual(expect.any(String));
            expect(decodeTariffs(m)).toHaveLength(m.tariffs.length);
            decodeMeterState(m.state);
            expect(typeof meterDisplayName(m)).toBe('string');
          }
        }
      }),
      { numRuns: runs(600) },
    );
  });

  it('summarises, sorts and searches flats with their controllers', () => {
    const items = fc
      .tuple(parsedFlats, fc.array(fc.option(parsedSensors), { maxLength: 3 }))
      .map(([flats, sensors]): FlatWithSensors[] =>
        flats.map((flat, i) => ({ flat, sensors: sensors[i] ?? undefined })),
      );
    const opts = { now: NOW, staleHours: 24 };
    fc.assert(
      fc.property(items, fc.string(), (list, query) => {
        summarize(list, opts);
        activeLeaks(list);
        for (const sort of ['address', 'number', 'health'] as const)
          expect(sortFlats(list, sort, opts)).toHaveLength(list.length);
        for (const item of list) {
          flatHealth(item, opts);
          matchesSearch(item, query);
        }
        buildSearchIndex(list).filter(query);
      }),
      { numRuns: runs(300) },
    );
  });
});

import { buildSauresDataset, renderSensor } from '../../../../mocks/saures/data.ts';
import { getFlats, getMeters, login } from '../../../api/saures/client.ts';
import { flatsDataSchema, metersDataSchema } from '../../../api/saures/schemas.ts';
import { setupFakeServices } from '../../../test/server.ts';
import { activeLeaks } from './leaks.ts';
import {
  buildSearchIndex,
  HEALTH_FILTERS,
  matchesHealth,
  matchesSearch,
  sensorHasProblem,
  sortFlats,
  summarize,
  type FlatWithSensors,
} from './overview.ts';
import { decodeReading, decodeTariffs } from './units.ts';
import { isErrorState } from './states.ts';

/*
 * The default fake dataset, read through the real client and schemas: these
 * counts are what the e2e test expects on the overview's summary strip.
 */

const START = Date.UTC(2025, 0, 15, 9, 0);
setupFakeServices({ now: () => START });

async function loadDefault(): Promise<FlatWithSensors[]> {
  const { sid } = await login({ email: 'demo@saures.ru', password: 'demo' });
  const flats = await getFlats(sid);
  return Promise.all(flats.map(async (flat) => ({ flat, sensors: await getMeters(sid, flat.id) })));
}

describe('default seeded dataset', () => {
  let items: FlatWithSensors[] = [];
  const opts = { now: START, staleHours: 24 };
  beforeAll(async () => {
    items = await loadDefault();
  });

  it('has these summary counts', () => {
    expect(summarize(items, opts)).toEqual({
      flats: 4,
      loadingFlats: 0,
      controllers: 7,
      meters: 24,
      criticalBattery: 2,
      weakSignal: 2,
      stale: 1,
      activeLeaks: 2,
      errorMeters: 1,
      byFilter: { battery: 2, signal: 2, stale: 1, leak: 2, error: 1 },
      flatsWith: { battery: 2, signal: 2, stale: 1, leak: 2, error: 1 },
    });
  });

  it('flags these controllers and meters', () => {
    const sensors = (filter: (typeof HEALTH_FILTERS)[number]) =>
      items.flatMap((i) => (i.sensors ?? []).filter((s) => sensorHasProblem(s, filter, opts)).map((s) => s.sn));
    expect(sensors('battery')).toEqual(['10-123456', '300100']);
    expect(sensors('signal')).toEqual(['10-123456', '300100']);
    expect(sensors('stale')).toEqual(['10-123456']);
    const errorMeters = items.flatMap((i) =>
      (i.sensors ?? []).flatMap((s) => s.meters.filter((m) => isErrorState(m.state)).map((m) => m.sn)),
    );
    expect(errorMeters).toEqual(['CW-33001']);
    expect(activeLeaks(items).map((l) => [l.flat.house, l.flat.number, l.sensor.sn, l.meter.sn, l.meter.name])).toEqual(
      [
        ['Город Москва, улица Большая Черёмушкинская, дом 13с4', '25', '692084', '692084-9', 'Протечка'],
        [
          'Город Москва, улица Партизанская, дом 51 корпус 2',
          'офис 25',
          '10-123457',
          '10-123457-1',
          'Протечка / Кухня',
        ],
      ],
    );
  });

  it('filters to these flats', () => {
    const ids = Object.fromEntries(
      HEALTH_FILTERS.map((f) => [f, items.filter((i) => matchesHealth(i, f, opts)).map((i) => i.flat.id)]),
    );
    expect(ids).toEqual({ battery: [39, 204], signal: [39, 204], stale: [39], leak: [106, 39], error: [39] });
    expect(sortFlats(items, 'health', opts).map((i) => i.flat.id)).toEqual([106, 39, 204, 119]);
    expect(sortFlats(items, 'address', opts).map((i) => i.flat.id)).toEqual([106, 39, 119, 204]);
  });

  it('counts every controller as stale once a day has passed', () => {
    expect(summarize(items, { now: START + 25 * 60 * 60_000, staleHours: 24 }).stale).toBe(7);
  });

  it('sends water in litres and electricity in Wh, tariffs included', () => {
    const meters = items.flatMap((i) => (i.sensors ?? []).flatMap((s) => s.meters));
    const bySn = (sn: string) => {
      const meter = meters.find((m) => m.sn === sn);
      if (!meter) throw new Error(sn);
      return meter;
    };
    expect(decodeReading(bySn('13-04-26051-AB'))).toEqual({ kind: 'volume', m3: 135.494, litres: 135494 });
    expect(decodeReading(bySn('EL-55810'))).toEqual({ kind: 'energy', kWh: 6577.66, wh: 6577660 });
    // Sent only in vals: the sum of its tariffs.
    expect(decodeReading(bySn('EL-77120'))).toEqual({ kind: 'energy', kWh: 1802.3, wh: 1802300 });
    // Valve control is the command "open", valve state is "open".
    expect(decodeReading(bySn('692084-6'))).toEqual({ kind: 'valve-command', command: 'open' });
    expect(decodeReading(bySn('692084-10'))).toEqual({ kind: 'valve', state: 'open' });
    expect(decodeTariffs(bySn('EL-55810')).map((t) => t.reading)).toEqual([
      { kind: 'energy', kWh: 4803.08, wh: 4803080 },
      { kind: 'energy', kWh: 1774.58, wh: 1774580 },
    ]);
    for (const meter of meters) {
      const r = decodeReading(meter);
      // Whole litres / Wh, of a size a flat's meter plausibly shows.
      if (r.kind === 'volume') expect(Number.isInteger(r.litres) && r.m3 >= 1 && r.m3 < 2000, meter.sn).toBe(true);
      if (r.kind === 'energy') expect(Number.isInteger(r.wh) && r.kWh >= 100 && r.kWh < 20_000, meter.sn).toBe(true);
    }
  });
});

describe('large seeded dataset', () => {
  const NOW = START;
  const data = buildSauresDataset(undefined, 'large');
  const flats = flatsDataSchema.parse({ flats: data.flats });
  const items: FlatWithSensors[] = flats.map((flat) => ({
    flat,
    sensors: metersDataSchema.parse({
      sensors: data.controllers.filter((c) => c.flatId === flat.id).map((c) => renderSensor(c, NOW)),
    }),
  }));
  const opts = { now: NOW, staleHours: 24 };

  it('keeps water in litres and electricity in Wh', () => {
    const readings = items.flatMap((i) => (i.sensors ?? []).flatMap((s) => s.meters.map(decodeReading)));
    const volumes = readings.flatMap((r) => (r.kind === 'volume' ? [r] : []));
    const energies = readings.flatMap((r) => (r.kind === 'energy' ? [r] : []));
    expect(volumes.length).toBeGreaterThan(500);
    expect(volumes.every((r) => Number.isInteger(r.litres) && r.m3 <= 2000)).toBe(true);
    expect(energies.every((r) => Number.isInteger(r.wh) && r.kWh <= 20_000)).toBe(true);
    expect(volumes.some((r) => r.m3 > 100)).toBe(true);
  });

  // How fast these run at this size is measured by `npm run bench` (overview), not asserted here.
  it('summarizes, filters, searches and sorts ≥ 300 flats and ≥ 3,000 meters, the search index agreeing with a plain search', () => {
    const summary = summarize(items, opts);
    expect(summary.flats).toBeGreaterThanOrEqual(300);
    expect(summary.meters).toBeGreaterThanOrEqual(3000);
    expect(summary.activeLeaks).toBeGreaterThan(0);
    const index = buildSearchIndex(items);
    for (const q of ['м', 'мо', 'мос', 'моск', 'москва', 'москва ле', 'москва ленина 1', '1000-1-3']) {
      expect(index.filter(q), q).toEqual(items.filter((i) => matchesSearch(i, q)));
    }
    const withErrors = items.filter((i) => matchesHealth(i, 'error', opts));
    expect(withErrors.length).toBeGreaterThan(0);
    expect(withErrors.length).toBeLessThan(items.length);
    expect(sortFlats(items, 'health', opts)).toHaveLength(items.length);
  });
});

import type { SauresFlat, SauresMeter, SauresSensor } from '../../../api/saures/schemas.ts';
import type { FlatWithSensors } from './flat-with-sensors.ts';
import { batteryLevel, DEFAULT_STALE_HOURS, isStale, signalQuality } from './health.ts';
import { isActiveLeak } from './leaks.ts';
import { isErrorState } from './states.ts';
import { meterDisplayName } from './units.ts';

export { meterDisplayName } from './units.ts';

export type { FlatWithSensors } from './flat-with-sensors.ts';

export interface HealthOptions {
  /** UTC epoch ms. */
  now: number;
  /** A controller silent for longer than this is stale. */
  staleHours: number;
}

/** The summary strip's problems, each also a filter of the list. */
export type HealthFilter = 'battery' | 'signal' | 'stale' | 'leak' | 'error';
export const HEALTH_FILTERS: readonly HealthFilter[] = ['battery', 'signal', 'stale', 'leak', 'error'];

export function isHealthFilter(value: string): value is HealthFilter {
  return (HEALTH_FILTERS as readonly string[]).includes(value);
}

// ── Per meter, per controller, per flat ──────────────────────────────────────

/** Whether this meter has the problem: an active leak ("leak") or an error state ("error"); other filters are about controllers. */
export function meterHasProblem(meter: SauresMeter, filter: HealthFilter): boolean {
  if (filter === 'leak') return isActiveLeak(meter);
  if (filter === 'error') return isErrorState(meter.state);
  return false;
}

/**
 * Whether this controller has the problem: critical battery ("battery"), poor
 * signal ("signal"), stale contact ("stale"), or one of its meters leaking or
 * in an error state ("leak", "error").
 */
export function sensorHasProblem(sensor: SauresSensor, filter: HealthFilter, opts: HealthOptions): boolean {
  switch (filter) {
    case 'battery':
      return batteryLevel(sensor.batteryPercent) === 'critical';
    case 'signal':
      return signalQuality(sensor.rssiDb) === 'poor';
    case 'stale':
      return isStale(sensor.lastConnection?.epochMs ?? null, opts.now, opts.staleHours);
    case 'leak':
    case 'error':
      return sensor.meters.some((m) => meterHasProblem(m, filter));
  }
}

/** A flat matches when any of its controllers or meters has the problem; a flat still loading matches nothing. */
export function matchesHealth(item: FlatWithSensors, filter: HealthFilter, opts: HealthOptions): boolean {
  return item.sensors?.some((s) => sensorHasProblem(s, filter, opts)) ?? false;
}

// ── Summary ──────────────────────────────────────────────────────────────────

export interface OverviewSummary {
  flats: number;
  /** Flats whose meters have not arrived (yet). */
  loadingFlats: number;
  controllers: number;
  meters: number;
  /** Controllers with battery below 20 %. */
  criticalBattery: number;
  /** Controllers with signal below −80 dB. */
  weakSignal: number;
  /** Controllers silent for longer than the stale threshold. */
  stale: number;
  /** Leak sensors reading 1. */
  activeLeaks: number;
  /** Meters in a state of severity "error". */
  errorMeters: number;
  /** The same five counts, keyed by the filter a click on them applies. */
  byFilter: Record<HealthFilter, number>;
  /** How many flats each filter would show. */
  flatsWith: Record<HealthFilter, number>;
}

const zeroCounts = (): Record<HealthFilter, number> => ({ battery: 0, signal: 0, stale: 0, leak: 0, error: 0 });

export function summarize(items: readonly FlatWithSensors[], opts: HealthOptions): OverviewSummary {
  const byFilter = zeroCounts();
  const flatsWith = zeroCounts();
  let loadingFlats = 0;
  let controllers = 0;
  let meters = 0;
  for (const { sensors } of items) {
    if (sensors === undefined) {
      loadingFlats++;
      continue;
    }
    const flatHas = zeroCounts();
    for (const sensor of sensors) {
      controllers++;
      meters += sensor.meters.length;
      for (const f of ['battery', 'signal', 'stale'] as const) {
        if (sensorHasProblem(sensor, f, opts)) flatHas[f]++;
      }
      for (const meter of sensor.meters) {
        if (isActiveLeak(meter)) flatHas.leak++;
        if (isErrorState(meter.state)) flatHas.error++;
      }
    }
    for (const f of HEALTH_FILTERS) {
      byFilter[f] += flatHas[f];
      if (flatHas[f] > 0) flatsWith[f]++;
    }
  }
  return {
    flats: items.length,
    loadingFlats,
    controllers,
    meters,
    criticalBattery: byFilter.battery,
    weakSignal: byFilter.signal,
    stale: byFilter.stale,
    activeLeaks: byFilter.leak,
    errorMeters: byFilter.error,
    byFilter,
    flatsWith,
  };
}

// ── Health rank ──────────────────────────────────────────────────────────────

/** A flat's worst problem, worst first. "loading" = meters not loaded, ranked after the fine ones. */
export type FlatHealth =
  'leak' | 'error' | 'critical-battery' | 'stale' | 'poor-signal' | 'low-battery' | 'fine' | 'loading';
export const FLAT_HEALTH_ORDER: readonly FlatHealth[] = [
  'leak',
  'error',
  'critical-battery',
  'stale',
  'poor-signal',
  'low-battery',
  'fine',
  'loading',
];

function healthRank(item: FlatWithSensors, opts: HealthOptions): number {
  if (item.sensors === undefined) return FLAT_HEALTH_ORDER.length - 1;
  let worst = FLAT_HEALTH_ORDER.indexOf('fine');
  const note = (h: FlatHealth) => {
    worst = Math.min(worst, FLAT_HEALTH_ORDER.indexOf(h));
  };
  for (const sensor of item.sensors) {
    for (const meter of sensor.meters) {
      if (isActiveLeak(meter)) return 0;
      if (isErrorState(meter.state)) note('error');
    }
    const battery = batteryLevel(sensor.batteryPercent);
    if (battery === 'critical') note('critical-battery');
    else if (battery === 'low') note('low-battery');
    if (isStale(sensor.lastConnection?.epochMs ?? null, opts.now, opts.staleHours)) note('stale');
    if (signalQuality(sensor.rssiDb) === 'poor') note('poor-signal');
  }
  return worst;
}

/** The flat's worst problem: leak > error meter > critical battery > stale > poor signal > low battery > fine. */
export function flatHealth(item: FlatWithSensors, opts: HealthOptions): FlatHealth {
  return FLAT_HEALTH_ORDER[healthRank(item, opts)] ?? 'fine';
}

// ── Sorting ──────────────────────────────────────────────────────────────────

export type FlatSort = 'address' | 'number' | 'health';
export const FLAT_SORTS: readonly FlatSort[] = ['address', 'number', 'health'];

/** Same order as `a.localeCompare(b, 'ru', {numeric: true})`, built once. */
const collator = new Intl.Collator('ru', { numeric: true });

function byAddress(a: SauresFlat, b: SauresFlat): number {
  return collator.compare(a.house, b.house) || collator.compare(a.number, b.number) || a.id - b.id;
}

function byNumber(a: SauresFlat, b: SauresFlat): number {
  return collator.compare(a.number, b.number) || byAddress(a, b);
}

/**
 * A sorted copy. "address": by house, then flat number ("дом 9" before "дом 10");
 * "number": by flat number, then address; "health": worst first (see
 * `flatHealth`), ties by address. `opts` matters only to "health"; it defaults
 * to the current time and the default stale threshold.
 */
export function sortFlats<T extends FlatWithSensors>(
  items: readonly T[],
  sort: FlatSort,
  opts: HealthOptions = { now: Date.now(), staleHours: DEFAULT_STALE_HOURS },
): T[] {
  if (sort === 'address') return items.toSorted((a, b) => byAddress(a.flat, b.flat));
  if (sort === 'number') return items.toSorted((a, b) => byNumber(a.flat, b.flat));
  const ranks = new Map(items.map((item) => [item, healthRank(item, opts)]));
  return items.toSorted((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0) || byAddress(a.flat, b.flat));
}

// ── Search ───────────────────────────────────────────────────────────────────

/** Lower case, "ё" as "е", so "черемушкинская" finds "Черёмушкинская". */
function fold(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

/** The query's words, folded; empty when the query is blank. */
export function searchTerms(query: string): string[] {
  const q = fold(query.trim());
  return q === '' ? [] : q.split(/\s+/);
}

// Haystacks are cached per object: flats and sensor lists come from the query cache and keep their identity.
const flatHaystacks = new WeakMap<SauresFlat, string>();
const sensorHaystacks = new WeakMap<SauresSensor[], string>();

function flatHaystack(flat: SauresFlat): string {
  let hay = flatHaystacks.get(flat);
  if (hay === undefined) {
    hay = fold([flat.house, flat.number, flat.personalAccount].join('\n'));
    flatHaystacks.set(flat, hay);
  }
  return hay;
}

function sensorsHaystack(sensors: SauresSensor[]): string {
  let hay = sensorHaystacks.get(sensors);
  if (hay === undefined) {
    const parts: string[] = [];
    for (const s of sensors) {
      parts.push(s.sn);
      for (const m of s.meters) parts.push(m.sn, meterDisplayName(m));
    }
    hay = fold(parts.join('\n'));
    sensorHaystacks.set(sensors, hay);
  }
  return hay;
}

function haystackMatches(flatHay: string, sensorsHay: string, terms: readonly string[]): boolean {
  return terms.every((t) => flatHay.includes(t) || sensorsHay.includes(t));
}

/**
 * Case-insensitive search over the flat's address, number and personal
 * account, and its controllers' serials, meters' serials and meter names (the
 * type name when the name is empty). Every word of the query must be found
 * somewhere in the flat; a blank query matches everything.
 */
export function matchesSearch(item: FlatWithSensors, query: string): boolean {
  const terms = searchTerms(query);
  if (terms.length === 0) return true;
  return haystackMatches(flatHaystack(item.flat), item.sensors ? sensorsHaystack(item.sensors) : '', terms);
}

/** Whether this meter itself matches (serial or display name), for highlighting within a matching flat. */
export function meterMatchesSearch(meter: SauresMeter, query: string): boolean {
  const terms = searchTerms(query);
  if (terms.length === 0) return false;
  const hay = fold(`${meter.sn}\n${meterDisplayName(meter)}`);
  return terms.some((t) => hay.includes(t));
}

export interface SearchIndex<T extends FlatWithSensors> {
  /** The items matching the query, in the index's order. */
  filter(query: string): T[];
}

/** Folds every flat's text once, so filtering per keystroke only scans strings. */
export function buildSearchIndex<T extends FlatWithSensors>(items: readonly T[]): SearchIndex<T> {
  const entries = items.map((item) => ({
    item,
    flatHay: flatHaystack(item.flat),
    sensorsHay: item.sensors ? sensorsHaystack(item.sensors) : '',
  }));
  return {
    filter(query) {
      const terms = searchTerms(query);
      if (terms.length === 0) return entries.map((e) => e.item);
      return entries.filter((e) => haystackMatches(e.flatHay, e.sensorsHay, terms)).map((e) => e.item);
    },
  };
}

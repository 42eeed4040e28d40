import { useSyncExternalStore } from 'react';

/*
 * Is a besmart signal a cumulative counter (an energy or volume register,
 * charted as consumption per interval) or an instantaneous value? v0.1.5
 * says so in `is_incremental`; current servers replaced it with
 * `is_measurement` + `time_series_type`, whose meanings no document gives,
 * so they are never read as an answer. The decision, in order:
 *   1. the operator's choice for this sensor's signal (remembered here);
 *   2. `is_incremental`, where the server sends it;
 *   3. the unit: energy (Wh, kW.h, varh…), volume (m3, l) and heat (Gcal, GJ)
 *      count up; everything else (kW, V, °C…) is instantaneous.
 */

export type SignalKind = 'counter' | 'instant';
export type KindSource = 'operator' | 'server' | 'unit';

export interface KindDecision {
  kind: SignalKind;
  source: KindSource;
}

// Energy: W·h, var·h, VA·h with any prefix and "h" written with or without a dot. Volume and heat as besmart and SAURES write them.
const COUNTER_UNIT = /^(?:[kMGT]?(?:W|var|VAr|VA)\.?h|[kMG]?(?:J|cal)|m3|m³|dm3|l|L|Nm3)$/;

/** Whether a unit is one a counter counts in (kW.h, Wh, m3, Gcal…); kW, V, °C are not. */
export function isCounterUnit(unit: string): boolean {
  return COUNTER_UNIT.test(unit.trim().replace(/\s+/g, ''));
}

/** The kind of a signal from what the server says, without the operator's choice. */
export function kindFromType(type: { is_incremental: boolean | null; unit_symbol: string }): KindDecision {
  if (type.is_incremental !== null) return { kind: type.is_incremental ? 'counter' : 'instant', source: 'server' };
  return { kind: isCounterUnit(type.unit_symbol) ? 'counter' : 'instant', source: 'unit' };
}

/** The kind with the operator's choice for this sensor's signal first. */
export function decideKind(
  type: { is_incremental: boolean | null; unit_symbol: string },
  chosen: SignalKind | null,
): KindDecision {
  return chosen !== null ? { kind: chosen, source: 'operator' } : kindFromType(type);
}

// ---------------------------------------------------------------- the operator's choices

export interface SignalKey {
  client_cid: number;
  sensor_mid: number;
  signal_type_moid: number;
}

const STORAGE_KEY = 'meterdeck.signalKinds';
const listeners = new Set<() => void>();
let cache: { raw: string | null; map: Record<string, SignalKind> } = { raw: null, map: {} };

const keyOf = (s: SignalKey) => `${s.client_cid}.${s.sensor_mid}.${s.signal_type_moid}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isKind(v: unknown): v is SignalKind {
  return v === 'counter' || v === 'instant';
}

/** All remembered choices (ids and a word each: nothing secret, kept in localStorage across sessions). */
function readAll(): Record<string, SignalKind> {
  const raw = storage()?.getItem(STORAGE_KEY) ?? null;
  if (raw === cache.raw) return cache.map;
  const map: Record<string, SignalKind> = {};
  try {
    const parsed: unknown = raw === null ? {} : JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed)) if (isKind(v)) map[k] = v;
    }
  } catch {
    // unreadable: no choices
  }
  cache = { raw, map };
  return map;
}

/** The operator's choice for a sensor's signal, or null for "decide automatically". */
export function chosenKind(signal: SignalKey): SignalKind | null {
  return readAll()[keyOf(signal)] ?? null;
}

/** Remembers (or with null forgets) the operator's choice for a sensor's signal. */
export function chooseKind(signal: SignalKey, kind: SignalKind | null): void {
  const key = keyOf(signal);
  const next = Object.fromEntries(Object.entries(readAll()).filter(([k]) => k !== key));
  if (kind !== null) next[key] = kind;
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // storage full or blocked: the choice lasts for this page only
    cache = { raw: cache.raw, map: next };
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

/** The remembered choices, re-rendering when one changes (here or in another tab). */
export function useChosenKinds(): Readonly<Record<string, SignalKind>> {
  return useSyncExternalStore(subscribe, readAll, readAll);
}

/** The key of a sensor's signal in the map `useChosenKinds` returns. */
export const signalKindKey = keyOf;

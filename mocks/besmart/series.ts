import { hash01 } from '../seed.ts';

/*
 * Closed-form series of the fake besmart: a value at time t is computed from t
 * alone, so a year of 1-minute data costs nothing until someone asks for it.
 *
 * - import (A+, kW.h): a cumulative counter, v0 + scale·(F(t) − F(since)) + noise,
 *   F(h) = h + (0.5/ω)·sin(ω(h − 19)) + (0.3/ωs)·sin(ωs(h − 360)) in hours,
 *   whose slope 1 + 0.5cos(…) + 0.3cos(…) ≥ 0.2 keeps it strictly rising
 *   (evening and winter peaks); the noise is smaller than the smallest step.
 * - export (A−, kW.h): a counter of PV production, daylight 06–18 UTC only.
 * - load-power (P, kW): the slope of the import curve with ±10 % noise.
 * - pv-power (P, kW): a half-sine over daylight with cloud noise.
 * - temperature (°C): 8 − 10cos(season) + 4cos(day, peak 15:00) ± 0.5.
 * Counters restart at each segment (a sensor state: meter swap) from that
 * state's value_for_since.
 * Quirks: one whole day in every 61 is missing; about 1 point in 2,500 is
 * null; about 2 % of hours are origin 4 (estimated: besmart's 1 measured, 2
 * predicted, 3 calculated, 4 estimated, 5 corrected), the rest origin 1.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type SignalKind = 'import' | 'export' | 'load-power' | 'pv-power' | 'temperature';

export interface Segment {
  since: number;
  /** Exclusive; null while open. */
  till: number | null;
  /** Counter value at since (incremental kinds). */
  valueForSince: number;
}

export interface SignalPlan {
  client_cid: number;
  sensor_mid: number;
  signal_type_moid: number;
  kind: SignalKind;
  stepMinutes: number;
  /** Whether the one-day-in-61 gaps apply. */
  gaps: boolean;
  /** Average power in kW (energy kinds and power), unused for temperature. */
  scale: number;
  salt: number;
  segments: Segment[];
}

const OMEGA_DAY = (2 * Math.PI) / 24;
const OMEGA_YEAR = (2 * Math.PI) / 8766;

function loadIntegral(h: number): number {
  return h + (0.5 / OMEGA_DAY) * Math.sin(OMEGA_DAY * (h - 19)) + (0.3 / OMEGA_YEAR) * Math.sin(OMEGA_YEAR * (h - 360));
}

function loadShape(h: number): number {
  return 1 + 0.5 * Math.cos(OMEGA_DAY * (h - 19)) + 0.3 * Math.cos(OMEGA_YEAR * (h - 360));
}

/** Hours of full-sun equivalent production since the epoch (daylight 06–18 UTC). */
function sunIntegral(h: number): number {
  const days = Math.floor(h / 24);
  const hod = h - days * 24;
  const perDay = 24 / Math.PI;
  const partial = hod <= 6 ? 0 : hod >= 18 ? perDay : (12 / Math.PI) * (1 - Math.cos((Math.PI * (hod - 6)) / 12));
  return days * perDay + partial;
}

function sunShape(h: number): number {
  const hod = h - Math.floor(h / 24) * 24;
  return hod <= 6 || hod >= 18 ? 0 : Math.sin((Math.PI * (hod - 6)) / 12);
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export function isIncremental(kind: SignalKind): boolean {
  return kind === 'import' || kind === 'export';
}

/** The value at t within a segment, before quirks (null/gaps) are applied. */
export function valueAt(plan: SignalPlan, segment: Segment, t: number): number {
  const h = t / HOUR;
  const k = Math.floor(t / (plan.stepMinutes * MINUTE));
  const stepH = plan.stepMinutes / 60;
  switch (plan.kind) {
    case 'import': {
      const noise = 0.1 * 0.2 * plan.scale * stepH * hash01(k, plan.salt);
      return round(
        segment.valueForSince + plan.scale * (loadIntegral(h) - loadIntegral(segment.since / HOUR)) + noise,
        3,
      );
    }
    case 'export':
      return round(segment.valueForSince + plan.scale * (sunIntegral(h) - sunIntegral(segment.since / HOUR)), 3);
    case 'load-power':
      return round(plan.scale * loadShape(h) * (0.9 + 0.2 * hash01(k, plan.salt)), 3);
    case 'pv-power':
      return round(plan.scale * sunShape(h) * (0.6 + 0.4 * hash01(k, plan.salt)), 3);
    case 'temperature':
      return round(
        8 - 10 * Math.cos(OMEGA_YEAR * (h - 360)) + 4 * Math.cos(OMEGA_DAY * (h - 15)) + (hash01(k, plan.salt) - 0.5),
        1,
      );
  }
}

export function isGapDay(plan: SignalPlan, t: number): boolean {
  return plan.gaps && (Math.floor(t / DAY) + plan.salt) % 61 === 0;
}

export interface GeneratedPoints {
  time: number[];
  value: (number | null)[];
  origin: number[];
}

/**
 * The seeded points in [since, till) that exist by `now` (inclusive), on the
 * plan's grid (multiples of stepMinutes since the epoch).
 */
export function generate(plan: SignalPlan, since: number, till: number, now: number): GeneratedPoints {
  const out: GeneratedPoints = { time: [], value: [], origin: [] };
  const step = plan.stepMinutes * MINUTE;
  for (const segment of plan.segments) {
    const from = Math.max(since, segment.since);
    const to = Math.min(till, segment.till ?? Number.POSITIVE_INFINITY, now + 1);
    if (from >= to) continue;
    for (let t = Math.ceil(from / step) * step; t < to; t += step) {
      if (isGapDay(plan, t)) {
        t = (Math.floor(t / DAY) + 1) * DAY - step;
        continue;
      }
      const k = t / step;
      out.time.push(t);
      out.value.push(hash01(k, plan.salt ^ 0x5a5a) < 0.0004 ? null : valueAt(plan, segment, t));
      out.origin.push(hash01(Math.floor(t / HOUR), plan.salt ^ 0x7777) < 0.02 ? 4 : 1);
    }
  }
  return out;
}

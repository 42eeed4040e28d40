import { REMOVE_TYPE, VALUE_TYPE } from '../../src/api/besmart/schemas.ts';
import { MINUTE, type GeneratedPoints } from './series.ts';

/** A series as the fake answers it: parallel arrays. */
export interface Points {
  time: number[];
  value: (number | null)[];
  type: string[];
  origin: number[];
}

/** A point written by PUT, kept as a newer record beside the generated series. */
export interface EditRecord {
  time: number;
  value: number | null;
  type: string;
  origin: number;
  /** Acquisition order: larger is newer. */
  seq: number;
}

const empty = (): Points => ({ time: [], value: [], type: [], origin: [] });

/**
 * The generated series with the written records laid over it, per timestamp
 * in acquisition order. A record of type "RM" deletes what is stored at its
 * time with its origin (API README: "marks stored data as deleted"); a later
 * write at that time shows again. With `last` only the newest surviving
 * record per timestamp is kept (get_last / last_acq), otherwise all of them,
 * oldest first. `own` must be sorted by time, then seq.
 */
export function merge(gen: GeneratedPoints, own: readonly EditRecord[], last: boolean): Points {
  const n = gen.time.length;
  if (own.length === 0) {
    return { time: gen.time, value: gen.value, type: new Array<string>(n).fill(VALUE_TYPE), origin: gen.origin };
  }
  const out = empty();
  const push = (r: Omit<EditRecord, 'seq'>) => {
    out.time.push(r.time);
    out.value.push(r.value);
    out.type.push(r.type);
    out.origin.push(r.origin);
  };
  let i = 0;
  let j = 0;
  while (i < n || j < own.length) {
    const tg = i < n ? (gen.time[i] ?? Infinity) : Infinity;
    const te = j < own.length ? (own[j]?.time ?? Infinity) : Infinity;
    if (tg < te) {
      push({ time: tg, value: gen.value[i] ?? null, type: VALUE_TYPE, origin: gen.origin[i] ?? 1 });
      i++;
      continue;
    }
    let alive: Omit<EditRecord, 'seq'>[] = [];
    if (tg === te) {
      alive.push({ time: tg, value: gen.value[i] ?? null, type: VALUE_TYPE, origin: gen.origin[i] ?? 1 });
      i++;
    }
    while (j < own.length && own[j]?.time === te) {
      const e = own[j];
      j++;
      if (!e) continue;
      if (e.type === REMOVE_TYPE) alive = alive.filter((a) => a.origin !== e.origin);
      else alive.push(e);
    }
    if (last) {
      const newest = alive.at(-1);
      if (newest) push(newest);
    } else {
      for (const a of alive) push(a);
    }
  }
  return out;
}

export function filterOrigin(p: Points, origin: number): Points {
  const out = empty();
  p.origin.forEach((o, i) => {
    if (o !== origin) return;
    out.time.push(p.time[i] ?? 0);
    out.value.push(p.value[i] ?? null);
    out.type.push(p.type[i] ?? VALUE_TYPE);
    out.origin.push(o);
  });
  return out;
}

/**
 * Buckets of `deltaMinutes` aligned to the epoch (time = bucket start): the
 * last value for incremental signals, the mean otherwise; empty buckets are
 * skipped, a bucket of only nulls is null; origin is the largest in the bucket.
 */
export function aggregate(p: Points, deltaMinutes: number, incremental: boolean): Points {
  const bucket = deltaMinutes * MINUTE;
  const out = empty();
  let key = Number.NaN;
  let sum = 0;
  let count = 0;
  let lastValue: number | null = null;
  let origin = 0;
  const flush = () => {
    if (Number.isNaN(key)) return;
    out.time.push(key);
    out.value.push(incremental ? lastValue : count > 0 ? Math.round((sum / count) * 1000) / 1000 : null);
    out.type.push(VALUE_TYPE);
    out.origin.push(origin);
  };
  for (let i = 0; i < p.time.length; i++) {
    const t = p.time[i] ?? 0;
    const k = Math.floor(t / bucket) * bucket;
    if (k !== key) {
      flush();
      key = k;
      sum = 0;
      count = 0;
      lastValue = null;
      origin = 0;
    }
    const v = p.value[i] ?? null;
    if (v !== null) {
      sum += v;
      count++;
      lastValue = v;
    }
    origin = Math.max(origin, p.origin[i] ?? 1);
  }
  flush();
  return out;
}

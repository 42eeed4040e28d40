import {
  REMOVE_TYPE,
  VALUE_TYPE,
  type SeriesData,
  type SeriesInput,
  type SeriesPut,
  type SignalRef,
  type SensorRef,
} from '../../../api/besmart/schemas.ts';
import { z } from 'zod';
import { parseImportValue } from './data-import.ts';
import { problem, readLocalTimeField } from '../../../components/form/form-support.ts';

/*
 * Point edits in the data editor, kept per signal until saved: a new value as
 * typed, or "delete" (sent as a point of type "RM" at that time and origin,
 * which besmart reads as "remove the stored point"). Times are UTC ms.
 */

export type PointChange = { kind: 'value'; text: string; origin: number } | { kind: 'delete'; origin: number };

/** signal type moid → time → change. */
export type Changes = ReadonlyMap<number, ReadonlyMap<number, PointChange>>;

export function setChange(changes: Changes, moid: number, time: number, change: PointChange | null): Changes {
  const next = new Map(changes);
  const points = new Map(changes.get(moid) ?? []);
  if (change === null) points.delete(time);
  else points.set(time, change);
  if (points.size === 0) next.delete(moid);
  else next.set(moid, points);
  return next;
}

/** `current` less the changes of `sent` that are still the same (an edit made since stays). */
export function withoutSent(current: Changes, sent: Changes): Changes {
  let next = current;
  for (const [moid, points] of sent)
    for (const [time, change] of points)
      if (current.get(moid)?.get(time) === change) next = setChange(next, moid, time, null);
  return next;
}

/** The value a change writes: a number, NaN when the typed text is not one, null for a deletion (no value). */
export function changeValue(change: PointChange): number | null {
  if (change.kind === 'delete') return null;
  const v = parseImportValue(change.text);
  return v === null ? Number.NaN : v;
}

export function countChanges(changes: Changes): { points: number; signals: number; invalid: number; deletes: number } {
  let points = 0;
  let invalid = 0;
  let deletes = 0;
  for (const m of changes.values())
    for (const c of m.values()) {
      points++;
      if (c.kind === 'delete') deletes++;
      else if (Number.isNaN(changeValue(c))) invalid++;
    }
  return { points, signals: changes.size, invalid, deletes };
}

/** Every pending change, by signal then time (what the save bar lists). */
export function pendingChanges(changes: Changes): { moid: number; time: number; change: PointChange }[] {
  return [...changes.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([moid, points]) =>
      [...points.entries()].sort(([a], [b]) => a - b).map(([time, change]) => ({ moid, time, change })),
    );
}

/**
 * The PUT body of one signal's changes, sorted by time. A deletion travels as
 * type "RM" with the point's own origin (besmart deletes the point at that
 * time and origin) and a placeholder value 0, since the arrays must keep one
 * length.
 */
export function seriesInput(points: ReadonlyMap<number, PointChange>): SeriesInput {
  const times = [...points.keys()].sort((a, b) => a - b);
  const changes = times.flatMap((t) => {
    const c = points.get(t);
    return c === undefined ? [] : [c];
  });
  return {
    time: times,
    value: changes.map((c) => (c.kind === 'delete' ? 0 : changeValue(c))),
    type: changes.map((c) => (c.kind === 'delete' ? REMOVE_TYPE : VALUE_TYPE)),
    origin: changes.map((c) => c.origin),
  };
}

/**
 * What to send: one signal's points for the single-signal PUT, or every
 * signal's for the multi-signal PUT when several were edited together.
 */
export function savePlan(
  sensor: SensorRef,
  changes: Changes,
  unitOf: (moid: number) => string,
): { kind: 'one'; signal: SignalRef; data: SeriesInput; unit: string } | { kind: 'many'; items: SeriesPut[] } | null {
  const moids = [...changes.keys()].sort((a, b) => a - b);
  const items: SeriesPut[] = moids.flatMap((moid) => {
    const points = changes.get(moid);
    if (points === undefined) return [];
    const unit = unitOf(moid);
    return [{ ...sensor, signal_type_moid: moid, data: seriesInput(points), ...(unit ? { unit } : {}) }];
  });
  const [only] = items;
  if (only === undefined) return null;
  if (items.length === 1) {
    const { data, unit, ...signal } = only;
    return { kind: 'one', signal, data, unit: unit ?? '' };
  }
  return { kind: 'many', items };
}

export interface TableRow {
  time: number;
  /** The stored value (null: missing reading); undefined for a point being added. */
  stored: number | null | undefined;
  type: string;
  origin: number;
  change: PointChange | undefined;
}

/** The stored points in since..till merged with this signal's pending changes (added points included), by time. */
export function tableRows(
  data: SeriesData | undefined,
  changes: ReadonlyMap<number, PointChange> | undefined,
  since: number,
  till: number,
): TableRow[] {
  const rows: TableRow[] = [];
  const seen = new Set<number>();
  if (data)
    data.time.forEach((time, i) => {
      seen.add(time);
      rows.push({
        time,
        stored: data.value[i] ?? null,
        type: data.type[i] ?? 'DBL',
        origin: data.origin[i] ?? 1,
        change: changes?.get(time),
      });
    });
  for (const [time, change] of changes ?? [])
    if (!seen.has(time) && time >= since && time < till)
      rows.push({ time, stored: undefined, type: 'DBL', origin: change.origin, change });
  return rows.sort((a, b) => a.time - b.time);
}

// ---------------------------------------------------------------- forms

// 31 days, plus the hour a change of clocks may add.
const MAX_RANGE_MS = 31 * 24 * 3_600_000 + 3_600_000;

const localDateTime = z.string().transform(readLocalTimeField);

/** The editor's range: local since and till (datetime-local values), since before till, at most 31 days. */
export const rangeFormSchema = z.object({ since: localDateTime, till: localDateTime }).superRefine((v, ctx) => {
  if (Number.isNaN(v.since) || Number.isNaN(v.till)) return;
  if (v.since >= v.till) ctx.addIssue({ code: 'custom', path: ['till'], message: problem('edit.state.order') });
  else if (v.till - v.since > MAX_RANGE_MS)
    ctx.addIssue({ code: 'custom', path: ['till'], message: problem('edit.data.rangeTooLong') });
});

/** A point to add: a local time, a number (dot or comma) and an origin id. */
export const pointFormSchema = z.object({
  time: localDateTime,
  value: z.string().transform((raw, ctx) => {
    const v = parseImportValue(raw);
    if (v === null || Number.isNaN(v)) ctx.addIssue({ code: 'custom', message: problem('edit.validation.number') });
    return raw.trim();
  }),
  origin: z.number().int().min(1),
});

/** zod issues as one message per field (the first), for showing at the fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??= issue.message;
  }
  return out;
}

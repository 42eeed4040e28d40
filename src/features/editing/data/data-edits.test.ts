import {
  countChanges,
  fieldErrors,
  pendingChanges,
  pointFormSchema,
  rangeFormSchema,
  savePlan,
  setChange,
  tableRows,
  withoutSent,
  type Changes,
} from './data-edits.ts';
import { parseLocalDateTime } from '../states/state-form-schema.ts';

const sensor = { client_cid: 1, sensor_mid: 1 };
const unitOf = (moid: number) => (moid === 32 ? 'kW.h' : 'kW');

describe('data edits', () => {
  it('keeps changes per signal and counts them, invalid text and deletions included', () => {
    let c: Changes = new Map();
    c = setChange(c, 32, 2000, { kind: 'value', text: '5,5', origin: 1 });
    c = setChange(c, 32, 1000, { kind: 'delete', origin: 2 });
    c = setChange(c, 64, 1000, { kind: 'value', text: 'x', origin: 1 });
    expect(countChanges(c)).toEqual({ points: 3, signals: 2, invalid: 1, deletes: 1 });
    c = setChange(c, 64, 1000, null);
    expect(countChanges(c)).toEqual({ points: 2, signals: 1, invalid: 0, deletes: 1 });
    // Undoing a deletion before saving: nothing is left to send for that point.
    c = setChange(c, 32, 1000, null);
    expect(countChanges(c)).toEqual({ points: 1, signals: 1, invalid: 0, deletes: 0 });
  });

  it('lists the pending changes by signal, then time', () => {
    let c: Changes = new Map();
    c = setChange(c, 64, 500, { kind: 'delete', origin: 1 });
    c = setChange(c, 32, 2000, { kind: 'value', text: '2', origin: 1 });
    c = setChange(c, 32, 1000, { kind: 'delete', origin: 4 });
    expect(pendingChanges(c).map((p) => [p.moid, p.time, p.change.kind])).toEqual([
      [32, 1000, 'delete'],
      [32, 2000, 'value'],
      [64, 500, 'delete'],
    ]);
  });

  it('saves one signal with the single-signal PUT, points sorted by time, a deletion as RM with its origin', () => {
    let c: Changes = new Map();
    c = setChange(c, 32, 2000, { kind: 'value', text: '5,5', origin: 1 });
    c = setChange(c, 32, 1000, { kind: 'delete', origin: 4 });
    expect(savePlan(sensor, c, unitOf)).toEqual({
      kind: 'one',
      signal: { client_cid: 1, sensor_mid: 1, signal_type_moid: 32 },
      data: { time: [1000, 2000], value: [0, 5.5], type: ['RM', 'DBL'], origin: [4, 1] },
      unit: 'kW.h',
    });
  });

  it('saves several signals with one multi-signal PUT, deletions included', () => {
    let c: Changes = new Map();
    c = setChange(c, 64, 1000, { kind: 'value', text: '7', origin: 1 });
    c = setChange(c, 64, 2000, { kind: 'delete', origin: 2 });
    c = setChange(c, 32, 1000, { kind: 'value', text: '1', origin: 1 });
    const plan = savePlan(sensor, c, unitOf);
    expect(plan?.kind).toBe('many');
    expect(plan?.kind === 'many' && plan.items.map((i) => [i.signal_type_moid, i.unit, i.data])).toEqual([
      [32, 'kW.h', { time: [1000], value: [1], type: ['DBL'], origin: [1] }],
      [64, 'kW', { time: [1000, 2000], value: [7, 0], type: ['DBL', 'RM'], origin: [1, 2] }],
    ]);
    expect(savePlan(sensor, new Map(), unitOf)).toBeNull();
  });

  it('after a save keeps only the edits made while it was under way', () => {
    let sent: Changes = new Map();
    sent = setChange(sent, 32, 1000, { kind: 'value', text: '1', origin: 1 });
    sent = setChange(sent, 32, 2000, { kind: 'value', text: '2', origin: 1 });
    let now = setChange(sent, 32, 2000, { kind: 'value', text: '22', origin: 1 });
    now = setChange(now, 64, 1000, { kind: 'delete', origin: 1 });
    const left = withoutSent(now, sent);
    expect([...(left.get(32) ?? new Map()).keys()]).toEqual([2000]);
    expect(left.get(64)?.get(1000)?.kind).toBe('delete');
  });

  it('merges stored points with changes and added points inside the range', () => {
    const data = { time: [1000, 2000], value: [1, null], type: ['DBL', 'DBL'], origin: [1, 2] };
    let c: Changes = new Map();
    c = setChange(c, 32, 2000, { kind: 'value', text: '3', origin: 2 });
    c = setChange(c, 32, 1500, { kind: 'value', text: '2', origin: 1 });
    c = setChange(c, 32, 9000, { kind: 'value', text: '9', origin: 1 });
    const rows = tableRows(data, c.get(32), 0, 5000);
    expect(rows.map((r) => [r.time, r.stored, r.change?.kind])).toEqual([
      [1000, 1, undefined],
      [1500, undefined, 'value'],
      [2000, null, 'value'],
    ]);
  });
});

describe('data editor forms', () => {
  it('range: local times, since before till, at most 31 days', () => {
    const ok = rangeFormSchema.safeParse({ since: '2026-11-01T00:00', till: '2026-11-02T00:00' });
    expect(ok.success && ok.data).toEqual({
      since: parseLocalDateTime('2026-11-01T00:00'),
      till: parseLocalDateTime('2026-11-02T00:00'),
    });
    const errors = (v: { since: string; till: string }) => {
      const r = rangeFormSchema.safeParse(v);
      return r.success ? {} : fieldErrors(r.error);
    };
    expect(errors({ since: '', till: '2026-11-02T00:00' })).toEqual({ since: 'edit.state.badDateTime' });
    expect(errors({ since: '2026-11-02T00:00', till: '2026-11-01T00:00' })).toEqual({ till: 'edit.state.order' });
    expect(errors({ since: '2026-01-01T00:00', till: '2026-03-01T00:00' })).toEqual({ till: 'edit.data.rangeTooLong' });
  });

  it('point: a local time and a number typed with a dot or a comma', () => {
    const ok = pointFormSchema.safeParse({ time: '2026-11-01T10:00:30', value: ' 7,5 ', origin: 2 });
    expect(ok.success && ok.data).toEqual({ time: parseLocalDateTime('2026-11-01T10:00:30'), value: '7,5', origin: 2 });
    const bad = pointFormSchema.safeParse({ time: 'soon', value: '', origin: 1 });
    expect(bad.success ? {} : fieldErrors(bad.error)).toEqual({
      time: 'edit.state.badDateTime',
      value: 'edit.validation.number',
    });
  });
});

import type { SensorState } from '../../../api/besmart/schemas.ts';
import {
  changedStateFields,
  createStateFields,
  emptyStateForm,
  findOverlap,
  parseLocalDateTime,
  stateFormSchema,
  toLocalInputValue,
} from './state-form-schema.ts';

const state = (id: number, since: string, till: string | null): SensorState => ({
  sensor_state_id: id,
  client_cid: 1,
  sensor_mid: 1,
  since: parseLocalDateTime(since),
  till: till === null ? null : parseLocalDateTime(till),
  meter_eid: null,
  info: null,
  meter_type_name: null,
  meter_type_is_ami: null,
  meter_type_id: null,
  meter_type_is_dcu: null,
  signal_states: [],
});

const others = [state(1, '2024-01-01T00:00', '2024-06-01T00:00'), state(2, '2024-06-01T00:00', null)];
const period = (s: SensorState) => `state ${s.sensor_state_id}`;
const custom = '{"METER_DEV": {"required": true}, "MM_NAME": {"required": false}}';
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('local date and time', () => {
  it('reads datetime-local values as local time and writes them back', () => {
    const ms = parseLocalDateTime('2024-03-05T14:30');
    expect(ms).toBe(new Date(2024, 2, 5, 14, 30).getTime());
    expect(toLocalInputValue(ms)).toBe('2024-03-05T14:30');
    expect(toLocalInputValue(new Date(2024, 2, 5, 14, 30, 15).getTime())).toBe('2024-03-05T14:30:15');
    expect(parseLocalDateTime('2024-02-30T10:00')).toBeNaN();
    expect(parseLocalDateTime('yesterday')).toBeNaN();
  });
});

describe('findOverlap', () => {
  it('finds a state whose period meets the new one, open states reaching forever', () => {
    const at = parseLocalDateTime;
    expect(findOverlap(at('2023-01-01T00:00'), at('2024-01-01T00:00'), others)).toBeUndefined();
    expect(findOverlap(at('2023-01-01T00:00'), at('2024-01-02T00:00'), others)?.sensor_state_id).toBe(1);
    expect(findOverlap(at('2030-01-01T00:00'), null, others)?.sensor_state_id).toBe(2);
    expect(findOverlap(at('2023-01-01T00:00'), null, others)?.sensor_state_id).toBe(1);
  });
});

describe('stateFormSchema', () => {
  const schema = stateFormSchema(custom, others, period);

  it('gives UTC ms and only the fields that were filled in', () => {
    const r = schema.safeParse({
      since: '2023-01-01T00:00',
      till: '2023-12-31T23:00',
      meter_type_name: 'ZMG310',
      meter_eid: ' 77 ',
      info: '{"METER_DEV": 77}',
    });
    expect(r.success).toBe(true);
    expect(r.data && createStateFields(r.data)).toEqual({
      since: new Date(2023, 0, 1).getTime(),
      till: new Date(2023, 11, 31, 23).getTime(),
      meter_type_name: 'ZMG310',
      meter_eid: '77',
      info: '{"METER_DEV": 77}',
    });
  });

  it('asks for since, a valid till after since, and the required info keys', () => {
    expect(messages(schema.safeParse({ ...emptyStateForm, info: '{"METER_DEV": 1}' }))).toEqual([
      'since: edit.state.sinceRequired',
    ]);
    expect(
      messages(
        schema.safeParse({
          ...emptyStateForm,
          since: '2023-02-01T00:00',
          till: '2023-01-01T00:00',
          info: '{"METER_DEV": 1}',
        }),
      ),
    ).toEqual(['till: edit.state.order']);
    expect(
      messages(schema.safeParse({ ...emptyStateForm, since: '2023-02-01T00:00', till: '2023-02-01T00:00', info: 'x' })),
    ).toEqual(['info: edit.validation.infoJson', 'till: edit.state.order']);
    expect(
      messages(
        schema.safeParse({
          ...emptyStateForm,
          since: '2023-01-01T00:00',
          till: '2023-02-01T00:00',
          info: '{"MM_NAME": "x"}',
        }),
      ),
    ).toEqual(['info: edit.validation.infoMissing|keys=METER_DEV']);
  });

  it('names the state a period overlaps', () => {
    expect(
      messages(
        schema.safeParse({
          ...emptyStateForm,
          since: '2024-05-01T00:00',
          till: '2024-05-02T00:00',
          info: '{"METER_DEV": 1}',
        }),
      ),
    ).toEqual(['since: edit.state.overlap|period=state+1']);
  });

  it('on edit, sends only what changed and refuses to clear what the API cannot clear', () => {
    const saved = {
      since: '2023-01-01T00:00',
      till: '2023-02-01T00:00',
      meter_type_name: 'ZMG310',
      meter_eid: '5',
      info: '',
    };
    const edit = stateFormSchema('{}', others, period, saved);
    const values = { ...saved, till: '2023-03-01T00:00', meter_eid: '6' };
    const r = edit.safeParse(values);
    expect(r.data && changedStateFields(saved, values, r.data)).toEqual({
      till: new Date(2023, 2, 1).getTime(),
      meter_eid: '6',
    });
    expect(messages(edit.safeParse({ ...saved, till: '' }))).toEqual(['till: edit.validation.cannotClear']);
  });
});

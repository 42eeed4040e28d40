import { meterTypeFormValues, meterTypeSchema, newMeterTypeForm } from './meter-type-schema.ts';
import { problem } from '../../../components/form/form-support.ts';

const existing = [
  {
    id: 1,
    meter_type_name: 'CX2000-9',
    description: null,
    number_of_phases: 3,
    is_ami: true,
    is_balance: false,
    is_dcu: false,
    is_remote: null,
    prefix_name: null,
    default_cap_period: null,
    client_cid: null,
  },
  {
    id: 4,
    meter_type_name: 'ZMG310',
    description: 'L+G',
    number_of_phases: 1,
    is_ami: false,
    is_balance: true,
    is_dcu: true,
    is_remote: null,
    prefix_name: null,
    default_cap_period: null,
    client_cid: null,
  },
];

describe('meterTypeSchema', () => {
  it('parses the form into the API’s parameters', () => {
    const values = { ...newMeterTypeForm(existing), meter_type_name: ' DCU-1 ', number_of_phases: '2', is_dcu: true };
    expect(values.meter_type_id).toBe('5');
    expect(meterTypeSchema([1, 4]).parse(values)).toEqual({
      meter_type_id: 5,
      is_remote: false,
      meter_type_name: 'DCU-1',
      description: undefined,
      number_of_phases: 2,
      is_ami: false,
      is_balance: false,
      is_dcu: true,
    });
  });
  it('gives a readable message per field', () => {
    const r = meterTypeSchema([1, 4]).safeParse({
      ...newMeterTypeForm([]),
      meter_type_id: '4',
      meter_type_name: '  ',
      number_of_phases: '4',
    });
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['meter_type_id', problem('edit.validation.idTaken', { id: '4' })],
      ['meter_type_name', 'edit.validation.nameRequired'],
      ['number_of_phases', 'edit.validation.phases'],
    ]);
    const bad = meterTypeSchema().safeParse({ ...newMeterTypeForm([]), meter_type_id: 'x', meter_type_name: 'A' });
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['edit.validation.positiveInteger']);
  });
  it('round-trips an existing meter type (edit keeps its own id)', () => {
    const m = existing[1];
    if (!m) throw new Error('fixture');
    expect(meterTypeSchema().parse(meterTypeFormValues(m))).toEqual({
      meter_type_id: 4,
      is_remote: false,
      meter_type_name: 'ZMG310',
      description: 'L+G',
      number_of_phases: 1,
      is_ami: false,
      is_balance: true,
      is_dcu: true,
    });
  });
});

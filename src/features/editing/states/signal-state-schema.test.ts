import {
  changedSignalStateFields,
  createSignalStateFields,
  emptySignalStateForm,
  signalStateFormSchema,
  type SignalStateFormValues,
} from './signal-state-schema.ts';

const form = (v: Partial<SignalStateFormValues>): SignalStateFormValues => ({ ...emptySignalStateForm, ...v });
const messages = (r: ReturnType<ReturnType<typeof signalStateFormSchema>['safeParse']>) =>
  r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));

describe('signal state form schema', () => {
  it('reads the signal type and decimal readings typed with a comma or a dot', () => {
    const r = signalStateFormSchema([]).safeParse(
      form({ signal_type_moid: '32', value_for_since: '1234,5', value_for_till: ' 2000.25 ' }),
    );
    expect(r.success && createSignalStateFields(r.data)).toEqual({
      signal_type_moid: 32,
      value_for_since: 1234.5,
      value_for_till: 2000.25,
    });
  });

  it('asks for a signal type, refuses one the state already has, and junk readings', () => {
    expect(messages(signalStateFormSchema([]).safeParse(form({})))).toEqual({
      signal_type_moid: 'edit.signalState.typeRequired',
    });
    expect(
      messages(signalStateFormSchema([32]).safeParse(form({ signal_type_moid: '32', value_for_till: '12a' }))),
    ).toEqual({ signal_type_moid: 'edit.signalState.taken', value_for_till: 'edit.validation.number' });
  });

  it('checks info is a JSON object', () => {
    expect(messages(signalStateFormSchema([]).safeParse(form({ signal_type_moid: '1', info: '{x' })))).toEqual({
      info: 'edit.validation.infoJson',
    });
    expect(messages(signalStateFormSchema([]).safeParse(form({ signal_type_moid: '1', info: '[1]' })))).toEqual({
      info: 'edit.validation.infoObject',
    });
  });

  it('on edit allows its own signal type, refuses clearing a saved reading and sends only what changed', () => {
    const saved = form({ signal_type_moid: '32', value_for_since: '10', value_for_till: '20' });
    const schema = signalStateFormSchema([32], saved);
    expect(messages(schema.safeParse({ ...saved, value_for_since: '' }))).toEqual({
      value_for_since: 'edit.validation.cannotClear',
    });
    const values = { ...saved, value_for_till: '25.5', info: '{"note": "swap"}' };
    const r = schema.safeParse(values);
    expect(r.success && changedSignalStateFields(saved, values, r.data)).toEqual({
      value_for_till: 25.5,
      info: '{"note": "swap"}',
    });
  });
});

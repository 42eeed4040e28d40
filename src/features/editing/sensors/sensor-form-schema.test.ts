import type { SensorType } from '../../../api/besmart/schemas.ts';
import { problem, problemText, readDecimal } from '../../../components/form/form-support.ts';
import {
  changedSensorFields,
  createSensorParams,
  emptySensorForm,
  infoProblem,
  sensorFormSchema,
  type SensorFormValues,
} from './sensor-form-schema.ts';
import { makeI18n } from '../../../lib/i18n/i18n.tsx';

const types: SensorType[] = [
  {
    id: 3,
    name: 'energy_meter',
    description: 'Licznik energii',
    sensor_state_custom_fields: null,
    sensor_custom_fields: '{"tariff": {"required": true}, "meter_max_digits": {"required": false}}',
    is_system_type: null,
    is_unchangeable: null,
  },
  {
    id: 5,
    name: 'weather',
    description: null,
    sensor_state_custom_fields: null,
    sensor_custom_fields: null,
    is_system_type: null,
    is_unchangeable: null,
  },
];

const valid: SensorFormValues = {
  ...emptySensorForm,
  name: ' Basement meter ',
  sensor_type_id: '3',
  client_cid: '1',
  sensor_eid: ' SN-1 ',
  lat: '54,38',
  lon: '18.6',
  info: '{"tariff": "C11"}',
};

const messages = (values: SensorFormValues, saved?: SensorFormValues) => {
  const r = sensorFormSchema(types, saved).safeParse(values);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('infoProblem', () => {
  const fields = types[0]?.sensor_custom_fields ?? null;
  it('accepts a JSON object with the required keys', () => {
    expect(infoProblem('{"tariff": "C11", "extra": 1}', fields)).toBeNull();
  });
  it('names the missing required keys, not the optional ones', () => {
    expect(infoProblem('{"meter_max_digits": 6}', fields)).toBe(
      problem('edit.validation.infoMissing', { keys: 'tariff' }),
    );
    expect(infoProblem('', fields)).toBe(problem('edit.validation.infoMissing', { keys: 'tariff' }));
  });
  it('refuses text that is not JSON, and JSON that is not an object', () => {
    expect(infoProblem('{tariff: C11}', fields)).toBe('edit.validation.infoJson');
    expect(infoProblem('[1, 2]', null)).toBe('edit.validation.infoObject');
    expect(infoProblem('"text"', null)).toBe('edit.validation.infoObject');
  });
  it('accepts empty info when the type requires nothing', () => {
    expect(infoProblem('', null)).toBeNull();
    expect(infoProblem('  ', '{"height_m": {"required": false}}')).toBeNull();
  });
  it('reads as a sentence in both languages', () => {
    const msg = infoProblem('{}', fields);
    expect(problemText(makeI18n('en').t, msg ?? '')).toBe('This sensor type requires these info keys: tariff.');
  });
});

describe('sensorFormSchema', () => {
  it('parses a valid form into API values', () => {
    const r = sensorFormSchema(types).parse(valid);
    expect(createSensorParams(r)).toEqual({
      name: 'Basement meter',
      sensor_type_id: 3,
      client_cid: 1,
      sensor_eid: 'SN-1',
      lat: 54.38,
      lon: 18.6,
      info: '{"tariff": "C11"}',
      uncertain: false,
      negligible: false,
    });
  });
  it('gives a readable message per field', () => {
    expect(
      messages({ ...emptySensorForm, lat: '91', lon: 'east', sensor_type_id: '99', client_cid: '0', info: '{' }),
    ).toEqual({
      name: 'edit.validation.nameRequired',
      sensor_type_id: 'edit.validation.typeRequired',
      client_cid: 'edit.validation.positiveInteger',
      lat: 'edit.validation.latRange',
      lon: 'edit.validation.number',
    });
    expect(messages({ ...valid, client_cid: '' })).toEqual({ client_cid: 'edit.validation.cidRequired' });
  });
  it('checks info against the chosen type’s required keys', () => {
    expect(messages({ ...valid, info: '{"meter_max_digits": 6}' })).toEqual({
      info: problem('edit.validation.infoMissing', { keys: 'tariff' }),
    });
    expect(messages({ ...valid, sensor_type_id: '5', info: '' })).toEqual({});
    expect(messages({ ...valid, info: 'not json' })).toEqual({ info: 'edit.validation.infoJson' });
  });
  it('on edit, refuses to clear a field the API cannot clear', () => {
    expect(messages({ ...valid, lat: '', sensor_eid: '' }, valid)).toEqual({
      lat: 'edit.validation.cannotClear',
      sensor_eid: 'edit.validation.cannotClear',
    });
  });
});

describe('changedSensorFields', () => {
  const schema = sensorFormSchema(types, valid);
  const diff = (values: SensorFormValues) => changedSensorFields(valid, values, schema.parse(values));
  it('sends nothing when nothing changed (whitespace and number spelling aside)', () => {
    expect(diff({ ...valid, name: 'Basement meter', lat: '54.38' })).toEqual({});
  });
  it('sends only the changed fields', () => {
    expect(diff({ ...valid, name: 'Cellar meter', negligible: true, lon: '18.7' })).toEqual({
      name: 'Cellar meter',
      negligible: true,
      lon: 18.7,
    });
    expect(diff({ ...valid, info: '{"tariff": "G11"}', comments: 'moved' })).toEqual({
      info: '{"tariff": "G11"}',
      comments: 'moved',
    });
  });
});

describe('readDecimal', () => {
  it('reads a comma or a point, and flags junk', () => {
    expect(readDecimal(' 54,5 ')).toBe(54.5);
    expect(readDecimal('-18')).toBe(-18);
    expect(readDecimal('')).toBeUndefined();
    expect(readDecimal('1e3')).toBeNaN();
  });
});

import { useCallback } from 'react';
import type { MeterType, SensorState } from '../../../api/besmart/schemas.ts';
import { parseCustomFields } from '../../../api/besmart/schemas.ts';
import { ActionRow, FormFailure } from '../../../components/form/action-row.tsx';
import { Field, Select, TextArea } from '../../../components/form/field.tsx';
import { LocalTimeRange } from '../../../components/form/local-time-range.tsx';
import { useEditForm } from '../../../components/form/use-edit-form.ts';
import type { SaveOutcome } from '../../../components/form/use-save.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { STATE_FIELDS, stateFormSchema, type StateFormOutput, type StateFormValues } from './state-form-schema.ts';

export type { SaveOutcome } from '../../../components/form/use-save.ts';

interface Props {
  mode: 'create' | 'edit';
  initial: StateFormValues;
  /** The sensor type's `sensor_state_custom_fields`. */
  customFields: string | null;
  /** The sensor's other states: the period may not overlap them. */
  others: readonly SensorState[];
  /** Names a state's period in messages. */
  period: (state: SensorState) => string;
  meterTypes: readonly MeterType[];
  /** Saves; throws the ApiError on failure. `saved` is what was last saved (for the edit's diff). */
  onSave: (values: StateFormValues, parsed: StateFormOutput, saved: StateFormValues) => Promise<SaveOutcome>;
  /** Values the form starts over with after a successful save; default: what was saved. */
  afterSave?: (values: StateFormValues) => StateFormValues;
  onDirtyChange?: (dirty: boolean) => void;
  onCancel?: () => void;
}

/**
 * The sensor state form shared by create and edit. since and till are typed in
 * local time and sent as UTC ms; the overlap with other states is checked here
 * before anything is sent, and the server's 409/422 words are shown too. The
 * input stays as typed on every failure.
 */
export function StateForm({
  mode,
  initial,
  customFields,
  others,
  period,
  meterTypes,
  onSave,
  afterSave,
  onDirtyChange,
  onCancel,
}: Props) {
  const { t } = useI18n();
  const schema = useCallback(
    (saved: StateFormValues) => stateFormSchema(customFields, others, period, mode === 'edit' ? saved : undefined),
    [customFields, others, period, mode],
  );
  const edit = useEditForm({
    initial,
    schema,
    fields: STATE_FIELDS,
    aliases: { 'another state': 'since', 'meter type': 'meter_type_name' },
    save: onSave,
    afterSave,
    onDirtyChange,
  });
  const { register, message } = edit;

  const fields = parseCustomFields(customFields);
  const keys = Object.keys(fields).map((k) => (fields[k]?.required ? t('edit.sensor.infoRequired', { key: k }) : k));
  const names = meterTypes.map((m) => m.meter_type_name);
  if (edit.saved.meter_type_name !== '' && !names.includes(edit.saved.meter_type_name))
    names.push(edit.saved.meter_type_name);

  const id = (name: string) => `state-${mode}-${name}`;
  const title = mode === 'create' ? t('edit.state.createTitle') : t('edit.state.editTitle');

  return (
    <form className="edit-form state-form" noValidate aria-label={title} onSubmit={edit.submit}>
      <h3>{title}</h3>
      <FormFailure text={edit.failure} />
      <div className="edit-grid">
        <LocalTimeRange
          since={{ id: id('since'), hint: t('edit.state.localTime'), error: message('since'), ...register('since') }}
          till={{ id: id('till'), hint: t('edit.state.tillHint'), error: message('till'), ...register('till') }}
        />
        <Select
          id={id('meter_type_name')}
          label={t('edit.state.meterType')}
          error={message('meter_type_name')}
          {...register('meter_type_name')}
        >
          <option value="">{t('edit.state.meterTypeNone')}</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
        <Field
          id={id('meter_eid')}
          label={t('edit.state.meterEid')}
          error={message('meter_eid')}
          {...register('meter_eid')}
        />
      </div>
      <TextArea
        id={id('info')}
        label={t('edit.state.info')}
        rows={3}
        spellCheck={false}
        className="mono"
        hint={keys.length > 0 ? t('edit.sensor.infoKeys', { keys: keys.join(', ') }) : t('edit.sensor.infoNoKeys')}
        error={message('info')}
        {...register('info')}
      />
      <ActionRow
        submit={mode === 'create' ? t('edit.state.create') : t('edit.state.save')}
        busySubmit={t('edit.state.saving')}
        busy={edit.isSubmitting}
        secondary={onCancel ? { label: t('edit.state.cancel'), onClick: onCancel } : null}
        note={edit.note}
      />
    </form>
  );
}

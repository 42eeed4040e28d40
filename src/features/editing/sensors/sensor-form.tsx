import { useCallback } from 'react';
import { useWatch } from 'react-hook-form';
import type { SensorType } from '../../../api/besmart/schemas.ts';
import { parseCustomFields } from '../../../api/besmart/schemas.ts';
import { ActionRow, FormFailure } from '../../../components/form/action-row.tsx';
import { Field, Select, TextArea } from '../../../components/form/field.tsx';
import { useEditForm } from '../../../components/form/use-edit-form.ts';
import type { SaveOutcome } from '../../../components/form/use-save.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { SENSOR_FIELDS, sensorFormSchema, type SensorFormOutput, type SensorFormValues } from './sensor-form-schema.ts';

export type { SaveOutcome } from '../../../components/form/use-save.ts';

interface Props {
  mode: 'create' | 'edit';
  types: readonly SensorType[];
  initial: SensorFormValues;
  /** Saves; throws the ApiError on failure. `saved` is what was last saved (for the edit's diff). */
  onSave: (values: SensorFormValues, parsed: SensorFormOutput, saved: SensorFormValues) => Promise<SaveOutcome>;
  /** Values the form starts over with after a successful save (create: an empty form); default: what was saved. */
  afterSave?: (values: SensorFormValues) => SensorFormValues;
}

/**
 * The sensor form shared by create and edit. The input stays as typed on every
 * failure; server errors that name a field are shown at that field, the rest
 * above the form.
 */
export function SensorForm({ mode, types, initial, onSave, afterSave }: Props) {
  const { t } = useI18n();
  const schema = useCallback(
    (saved: SensorFormValues) => sensorFormSchema(types, mode === 'edit' ? saved : undefined),
    [types, mode],
  );
  const edit = useEditForm({
    initial,
    schema,
    fields: SENSOR_FIELDS,
    aliases: { 'sensor type': 'sensor_type_id' },
    save: onSave,
    afterSave,
  });
  const { register, message } = edit;

  const typeId = useWatch({ control: edit.form.control, name: 'sensor_type_id' });
  const type = types.find((x) => String(x.id) === typeId);
  const customFields = parseCustomFields(type?.sensor_custom_fields ?? null);
  const keys = Object.keys(customFields).map((k) =>
    customFields[k]?.required ? t('edit.sensor.infoRequired', { key: k }) : k,
  );
  const id = (name: string) => `sensor-${mode}-${name}`;

  return (
    <form
      className="edit-form"
      noValidate
      aria-label={mode === 'create' ? t('edit.sensor.createTitle') : t('edit.sensor.title')}
      onSubmit={edit.submit}
    >
      <FormFailure text={edit.failure} />
      <div className="edit-grid">
        <Field id={id('name')} label={t('edit.sensor.name')} error={message('name')} {...register('name')} />
        <Select
          id={id('sensor_type_id')}
          label={t('edit.sensor.type')}
          error={message('sensor_type_id')}
          {...register('sensor_type_id')}
        >
          <option value="">{t('edit.sensor.typePick')}</option>
          {types.map((x) => (
            <option key={x.id} value={String(x.id)}>
              {x.description ? `${x.description} (${x.name})` : x.name}
            </option>
          ))}
        </Select>
        <Field
          id={id('client_cid')}
          label={t('edit.sensor.clientCid')}
          inputMode="numeric"
          readOnly={mode === 'edit'}
          hint={mode === 'edit' ? t('edit.sensor.clientCidFixed') : undefined}
          error={message('client_cid')}
          {...register('client_cid')}
        />
        <Field
          id={id('sensor_eid')}
          label={t('edit.sensor.externalId')}
          hint={t('edit.sensor.externalIdHint')}
          error={message('sensor_eid')}
          {...register('sensor_eid')}
        />
        <Field
          id={id('lat')}
          label={t('edit.sensor.lat')}
          inputMode="decimal"
          hint={t('edit.sensor.positionHint')}
          error={message('lat')}
          {...register('lat')}
        />
        <Field
          id={id('lon')}
          label={t('edit.sensor.lon')}
          inputMode="decimal"
          error={message('lon')}
          {...register('lon')}
        />
      </div>
      <TextArea
        id={id('info')}
        label={t('edit.sensor.info')}
        rows={4}
        spellCheck={false}
        className="mono"
        hint={
          type === undefined
            ? null
            : keys.length > 0
              ? t('edit.sensor.infoKeys', { keys: keys.join(', ') })
              : t('edit.sensor.infoNoKeys')
        }
        error={message('info')}
        {...register('info')}
      />
      {mode === 'edit' ? (
        <TextArea id={id('comments')} label={t('edit.sensor.comments')} rows={2} {...register('comments')} />
      ) : null}
      <div className="edit-checks">
        <label className="check">
          <input type="checkbox" {...register('uncertain')} /> {t('edit.sensor.uncertain')}
        </label>
        <label className="check">
          <input type="checkbox" {...register('negligible')} /> {t('edit.sensor.negligible')}
        </label>
      </div>
      <ActionRow
        submit={mode === 'create' ? t('edit.sensor.create') : t('edit.sensor.save')}
        busySubmit={mode === 'create' ? t('edit.sensor.creating') : t('edit.sensor.saving')}
        busy={edit.isSubmitting}
        secondary={mode === 'edit' && edit.isDirty ? { label: t('edit.sensor.reset'), onClick: edit.discard } : null}
        note={edit.note}
      />
    </form>
  );
}

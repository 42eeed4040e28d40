import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { SensorType } from '../../../api/besmart/schemas.ts';
import { Field } from '../../../components/form/field.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { parseCustomFields } from '../../../api/besmart/schemas.ts';
import { problemText, reportSaveError } from '../../../components/form/form-support.ts';
import { SENSOR_FIELDS, sensorFormSchema, type SensorFormOutput, type SensorFormValues } from './sensor-form-schema.ts';
import { useUnsavedChanges } from '../../../components/form/use-unsaved-changes.ts';
import { useSave, type SaveOutcome } from '../../../components/form/use-save.ts';

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
  const { saved, failure, setFailure, note, setNote, run } = useSave(initial);
  const schema = useMemo(() => sensorFormSchema(types, mode === 'edit' ? saved : undefined), [types, mode, saved]);
  const form = useForm<SensorFormValues, unknown, SensorFormOutput>({
    resolver: zodResolver(schema),
    defaultValues: initial,
  });
  const {
    register,
    handleSubmit,
    setError,
    reset,
    getValues,
    control,
    formState: { errors, isSubmitting, isDirty },
  } = form;
  useUnsavedChanges(isDirty, t('edit.unsaved'));

  const typeId = useWatch({ control, name: 'sensor_type_id' });
  const type = types.find((x) => String(x.id) === typeId);
  const customFields = parseCustomFields(type?.sensor_custom_fields ?? null);
  const keys = Object.keys(customFields).map((k) =>
    customFields[k]?.required ? t('edit.sensor.infoRequired', { key: k }) : k,
  );

  const submit = handleSubmit(async (parsed) => {
    const values = getValues();
    await run(values, (baseline) => onSave(values, parsed, baseline), {
      unchangedText: t('edit.sensor.nothingChanged'),
      reset,
      afterSave,
      onError: (e) =>
        reportSaveError(
          e,
          t,
          { fields: SENSOR_FIELDS, aliases: { 'sensor type': 'sensor_type_id' } },
          {
            fieldError: (field, message) => setError(field, { type: 'server', message }, { shouldFocus: true }),
            failure: setFailure,
          },
        ),
    });
  });

  const id = (name: string) => `sensor-${mode}-${name}`;
  const message = (name: keyof SensorFormValues) => problemText(t, errors[name]?.message);
  const described = (name: keyof SensorFormValues, hint = false) =>
    [errors[name] ? `${id(name)}-message` : null, hint ? `${id(name)}-hint` : null].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form
      className="edit-form"
      noValidate
      aria-label={mode === 'create' ? t('edit.sensor.createTitle') : t('edit.sensor.title')}
      onSubmit={(e) => void submit(e)}
    >
      {failure ? (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="edit-grid">
        <Field id={id('name')} label={t('edit.sensor.name')} error={message('name')} {...register('name')} />
        <div className="field">
          <label htmlFor={id('sensor_type_id')}>{t('edit.sensor.type')}</label>
          <select
            id={id('sensor_type_id')}
            aria-invalid={errors.sensor_type_id ? true : undefined}
            aria-describedby={described('sensor_type_id')}
            {...register('sensor_type_id')}
          >
            <option value="">{t('edit.sensor.typePick')}</option>
            {types.map((x) => (
              <option key={x.id} value={String(x.id)}>
                {x.description ? `${x.description} (${x.name})` : x.name}
              </option>
            ))}
          </select>
          {errors.sensor_type_id ? (
            <small id={`${id('sensor_type_id')}-message`} className="field-error">
              {message('sensor_type_id')}
            </small>
          ) : null}
        </div>
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
      <div className="field">
        <label htmlFor={id('info')}>{t('edit.sensor.info')}</label>
        <textarea
          id={id('info')}
          rows={4}
          spellCheck={false}
          className="mono"
          aria-invalid={errors.info ? true : undefined}
          aria-describedby={described('info', true)}
          {...register('info')}
        />
        <small id={`${id('info')}-hint`} className="field-hint">
          {type === undefined
            ? null
            : keys.length > 0
              ? t('edit.sensor.infoKeys', { keys: keys.join(', ') })
              : t('edit.sensor.infoNoKeys')}
        </small>
        {errors.info ? (
          <small id={`${id('info')}-message`} className="field-error">
            {message('info')}
          </small>
        ) : null}
      </div>
      {mode === 'edit' ? (
        <div className="field">
          <label htmlFor={id('comments')}>{t('edit.sensor.comments')}</label>
          <textarea id={id('comments')} rows={2} {...register('comments')} />
        </div>
      ) : null}
      <div className="edit-checks">
        <label className="check">
          <input type="checkbox" {...register('uncertain')} /> {t('edit.sensor.uncertain')}
        </label>
        <label className="check">
          <input type="checkbox" {...register('negligible')} /> {t('edit.sensor.negligible')}
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {mode === 'create'
            ? isSubmitting
              ? t('edit.sensor.creating')
              : t('edit.sensor.create')
            : isSubmitting
              ? t('edit.sensor.saving')
              : t('edit.sensor.save')}
        </button>
        {mode === 'edit' && isDirty ? (
          <button
            type="button"
            disabled={isSubmitting}
            onClick={() => {
              reset(saved);
              setFailure(null);
              setNote(null);
            }}
          >
            {t('edit.sensor.reset')}
          </button>
        ) : null}
        {note ? (
          <span className="form-ok" role="status">
            {note}
          </span>
        ) : null}
      </div>
    </form>
  );
}

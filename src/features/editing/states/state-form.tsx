import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import type { MeterType, SensorState } from '../../../api/besmart/schemas.ts';
import { parseCustomFields } from '../../../api/besmart/schemas.ts';
import { Field } from '../../../components/form/field.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { problemText, reportSaveError } from '../../../components/form/form-support.ts';
import { STATE_FIELDS, stateFormSchema, type StateFormOutput, type StateFormValues } from './state-form-schema.ts';
import { useUnsavedChanges } from '../../../components/form/use-unsaved-changes.ts';
import { useSave, type SaveOutcome } from '../../../components/form/use-save.ts';

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
  const { saved, failure, setFailure, note, run } = useSave(initial);
  const schema = useMemo(
    () => stateFormSchema(customFields, others, period, mode === 'edit' ? saved : undefined),
    [customFields, others, period, mode, saved],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    getValues,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<StateFormValues, unknown, StateFormOutput>({
    resolver: zodResolver(schema),
    defaultValues: initial,
  });
  useUnsavedChanges(isDirty, t('edit.unsaved'));
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);

  const fields = parseCustomFields(customFields);
  const keys = Object.keys(fields).map((k) => (fields[k]?.required ? t('edit.sensor.infoRequired', { key: k }) : k));
  const names = meterTypes.map((m) => m.meter_type_name);
  if (saved.meter_type_name !== '' && !names.includes(saved.meter_type_name)) names.push(saved.meter_type_name);

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
          { fields: STATE_FIELDS, aliases: { 'another state': 'since', 'meter type': 'meter_type_name' } },
          {
            fieldError: (field, message) => setError(field, { type: 'server', message }, { shouldFocus: true }),
            failure: setFailure,
          },
        ),
    });
  });

  const id = (name: string) => `state-${mode}-${name}`;
  const message = (name: keyof StateFormValues) => problemText(t, errors[name]?.message);
  const described = (name: keyof StateFormValues, hint = false) =>
    [errors[name] ? `${id(name)}-message` : null, hint ? `${id(name)}-hint` : null].filter(Boolean).join(' ') ||
    undefined;
  const title = mode === 'create' ? t('edit.state.createTitle') : t('edit.state.editTitle');

  return (
    <form className="edit-form state-form" noValidate aria-label={title} onSubmit={(e) => void submit(e)}>
      <h3>{title}</h3>
      {failure ? (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="edit-grid">
        <Field
          id={id('since')}
          type="datetime-local"
          step={1}
          label={t('edit.state.since')}
          hint={t('edit.state.localTime')}
          error={message('since')}
          {...register('since')}
        />
        <Field
          id={id('till')}
          type="datetime-local"
          step={1}
          label={t('edit.state.till')}
          hint={t('edit.state.tillHint')}
          error={message('till')}
          {...register('till')}
        />
        <div className="field">
          <label htmlFor={id('meter_type_name')}>{t('edit.state.meterType')}</label>
          <select
            id={id('meter_type_name')}
            aria-invalid={errors.meter_type_name ? true : undefined}
            aria-describedby={described('meter_type_name')}
            {...register('meter_type_name')}
          >
            <option value="">{t('edit.state.meterTypeNone')}</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          {errors.meter_type_name ? (
            <small id={`${id('meter_type_name')}-message`} className="field-error">
              {message('meter_type_name')}
            </small>
          ) : null}
        </div>
        <Field
          id={id('meter_eid')}
          label={t('edit.state.meterEid')}
          error={message('meter_eid')}
          {...register('meter_eid')}
        />
      </div>
      <div className="field">
        <label htmlFor={id('info')}>{t('edit.state.info')}</label>
        <textarea
          id={id('info')}
          rows={3}
          spellCheck={false}
          className="mono"
          aria-invalid={errors.info ? true : undefined}
          aria-describedby={described('info', true)}
          {...register('info')}
        />
        <small id={`${id('info')}-hint`} className="field-hint">
          {keys.length > 0 ? t('edit.sensor.infoKeys', { keys: keys.join(', ') }) : t('edit.sensor.infoNoKeys')}
        </small>
        {errors.info ? (
          <small id={`${id('info')}-message`} className="field-error">
            {message('info')}
          </small>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? t('edit.state.saving') : mode === 'create' ? t('edit.state.create') : t('edit.state.save')}
        </button>
        {onCancel ? (
          <button type="button" disabled={isSubmitting} onClick={onCancel}>
            {t('edit.state.cancel')}
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

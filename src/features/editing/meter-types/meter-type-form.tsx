import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ActionRow, FormFailure } from '../../../components/form/action-row.tsx';
import { Field, Select } from '../../../components/form/field.tsx';
import { useEditForm } from '../../../components/form/use-edit-form.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useSessionState, useSessions } from '../../../lib/session/context.tsx';
import { METER_TYPE_FIELDS, meterTypeSchema, type MeterTypeFormValues } from './meter-type-schema.ts';
import { confirmLeave } from '../../../components/form/use-unsaved-changes.ts';

interface Props {
  clientCid: number;
  mode: 'create' | 'edit';
  initial: MeterTypeFormValues;
  /** Ids the client already uses (create only). */
  takenIds?: readonly number[];
  /** After a successful save, with a message to show. */
  onSaved: (message: string) => void;
  onCancel?: () => void;
  /** Tells the page whether the form holds unsaved input. */
  onDirtyChange?: (dirty: boolean) => void;
}

/** Creates or rewrites one meter type of a client (phases; AMI, balance and DCU flags). */
export function MeterTypeForm({ clientCid, mode, initial, takenIds = [], onSaved, onCancel, onDirtyChange }: Props) {
  const { t } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const save = useMutation(besmartMutations.saveMeterType(sessions.besmart, queryClient, clientCid, mode));
  // Current besmart servers pick a new meter type's id and know more fields than v0.1.5.
  const current = useSessionState((s) => s.besmart?.api) === 'current';
  const serverPicksId = mode === 'create' && current;
  const schema = useCallback(() => meterTypeSchema(takenIds, serverPicksId), [takenIds, serverPicksId]);
  const edit = useEditForm({
    initial,
    schema,
    fields: METER_TYPE_FIELDS,
    // v0.1.5 refuses a taken id; a current server a taken name (and calls the name `name`).
    aliases: { name: 'meter_type_name', 'already exists': current ? 'meter_type_name' : 'meter_type_id' },
    save: async (_values, params) => {
      await save.mutateAsync(params);
      onSaved(t(mode === 'create' ? 'edit.meter.created' : 'edit.meter.saved', { name: params.meter_type_name }));
      return { kind: 'saved', message: '' };
    },
    // A new form after a create: the next free id. An edit keeps what was saved.
    afterSave: (values) =>
      mode === 'create'
        ? {
            ...initial,
            meter_type_id: serverPicksId ? '' : String(Math.max(Number(values.meter_type_id) || 0, ...takenIds) + 1),
          }
        : values,
    onDirtyChange,
  });
  const { register, message } = edit;

  const id = (name: string) => `meter-${mode}-${name}`;
  const title = mode === 'create' ? t('edit.meter.new') : t('edit.meter.editing', { name: initial.meter_type_name });

  return (
    <form className="edit-form" noValidate aria-label={title} onSubmit={edit.submit}>
      <h3>{title}</h3>
      <FormFailure text={edit.failure} />
      {serverPicksId ? <p className="muted">{t('edit.meter.idByServer')}</p> : null}
      <div className="edit-grid">
        {serverPicksId ? null : (
          <Field
            id={id('meter_type_id')}
            label={t('edit.meter.id')}
            inputMode="numeric"
            readOnly={mode === 'edit'}
            error={message('meter_type_id')}
            {...register('meter_type_id')}
          />
        )}
        <Field
          id={id('meter_type_name')}
          label={t('edit.meter.name')}
          error={message('meter_type_name')}
          {...register('meter_type_name')}
        />
        <Field
          id={id('description')}
          label={t('edit.meter.description')}
          error={message('description')}
          {...register('description')}
        />
        <Select
          id={id('number_of_phases')}
          label={t('edit.meter.phases')}
          error={message('number_of_phases')}
          {...register('number_of_phases')}
        >
          <option value="1">1</option>
          <option value="2">2</option>
          <option value="3">3</option>
        </Select>
        {current ? (
          <>
            <Field
              id={id('prefix_name')}
              label={t('edit.meter.prefix')}
              error={message('prefix_name')}
              {...register('prefix_name')}
            />
            <Field
              id={id('default_cap_period')}
              label={t('edit.meter.capPeriod')}
              hint={t('edit.meter.capPeriodHint')}
              inputMode="numeric"
              error={message('default_cap_period')}
              {...register('default_cap_period')}
            />
          </>
        ) : null}
      </div>
      <div className="edit-checks">
        <label className="check">
          <input type="checkbox" {...register('is_ami')} /> {t('edit.meter.amiLong')}
        </label>
        <label className="check">
          <input type="checkbox" {...register('is_balance')} /> {t('edit.meter.balanceLong')}
        </label>
        <label className="check">
          <input type="checkbox" {...register('is_dcu')} /> {t('edit.meter.dcuLong')}
        </label>
        {current ? (
          <label className="check">
            <input type="checkbox" {...register('is_remote')} /> {t('edit.meter.remoteLong')}
          </label>
        ) : null}
      </div>
      <ActionRow
        submit={mode === 'create' ? t('edit.meter.create') : t('edit.meter.save')}
        busySubmit={t('edit.meter.saving')}
        busy={edit.isSubmitting}
        secondary={
          onCancel
            ? {
                label: t('edit.meter.cancel'),
                onClick: () => {
                  if (confirmLeave(edit.isDirty, t('edit.unsaved'))) onCancel();
                },
              }
            : null
        }
      />
    </form>
  );
}

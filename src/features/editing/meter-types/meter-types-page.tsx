import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { MeterType } from '../../../api/besmart/schemas.ts';
import { errorText } from '../../../components/error-message.ts';
import { EmptyState, ErrorPanel, Skeleton } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useMutationThen } from '../../../lib/queries/use-mutation-then.ts';
import { useSessions } from '../../../lib/session/context.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { readInteger } from '../../../components/form/form-support.ts';
import { MeterTypeForm } from './meter-type-form.tsx';
import { meterTypeFormValues, newMeterTypeForm } from './meter-type-schema.ts';
import { confirmLeave } from '../../../components/form/use-unsaved-changes.ts';

interface Props {
  /** The client whose meter types to show; without it the page asks for a client CID. */
  clientCid?: number;
  /** Called when the user picks another client in the page's own CID input (e.g. to put it in the URL). */
  onClientCidChange?: (cid: number) => void;
}

/** One client's meter types: a list with create, edit and delete. */
export function MeterTypesPage({ clientCid, onClientCidChange }: Props) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const cid = clientCid ?? picked;
  const draftCid = readInteger(draft);
  return (
    <div className="meter-types-page">
      <h1>{cid === null ? t('edit.meter.title') : t('edit.meter.ofClient', { cid: String(cid) })}</h1>
      {clientCid === undefined ? (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            if (draftCid === undefined || Number.isNaN(draftCid) || draftCid < 1) return;
            setPicked(draftCid);
            onClientCidChange?.(draftCid);
          }}
        >
          <div className="field">
            <label htmlFor="meter-types-client">{t('edit.meter.client')}</label>
            <input
              id="meter-types-client"
              inputMode="numeric"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
          <button type="submit">{t('edit.meter.show')}</button>
        </form>
      ) : null}
      {cid === null ? <EmptyState>{t('edit.meter.pickClient')}</EmptyState> : <MeterTypes key={cid} clientCid={cid} />}
    </div>
  );
}

function MeterTypes({ clientCid }: { clientCid: number }) {
  const { t } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const list = useQuery(besmartQueries.meterTypes(sessions.besmart, clientCid));
  const [editing, setEditing] = useState<MeterType | null>(null);
  const [deleting, setDeleting] = useState<MeterType | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const remove = useMutationThen(besmartMutations.deleteMeterType(sessions.besmart, queryClient, clientCid), (_, m) => {
    setDeleting(null);
    if (editing?.id === m.id) setEditing(null);
    setNote(t('edit.meter.deleted', { name: m.meter_type_name }));
  });

  const failed = <ErrorPanel title={t('edit.meter.failed')} error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data === undefined) return list.isError ? failed : <Skeleton label={t('edit.meter.loading')} />;
  const items = list.data;
  // Columns that only current besmart servers fill: shown when any row has them.
  const extra = items.some((m) => m.is_remote !== null || m.prefix_name !== null || m.default_cap_period !== null);
  const flag = (on: boolean) => (on ? t('edit.meter.yes') : t('edit.meter.no'));
  const leaveForm = () => confirmLeave(dirty.current, t('edit.unsaved'));

  return (
    <>
      <section className="panel" aria-labelledby="meter-types-list">
        <h2 id="meter-types-list">{t('edit.meter.title')}</h2>
        {list.isError ? failed : null}
        {note ? (
          <p className="form-ok" role="status">
            {note}
          </p>
        ) : null}
        {items.length === 0 ? (
          <EmptyState>{t('edit.meter.empty')}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table meter-types-table">
              <thead>
                <tr>
                  <th scope="col">{t('edit.meter.id')}</th>
                  <th scope="col">{t('edit.meter.name')}</th>
                  <th scope="col">{t('edit.meter.description')}</th>
                  <th scope="col">{t('edit.meter.phases')}</th>
                  <th scope="col">{t('edit.meter.ami')}</th>
                  <th scope="col">{t('edit.meter.balance')}</th>
                  <th scope="col">{t('edit.meter.dcu')}</th>
                  {extra ? (
                    <>
                      <th scope="col">{t('edit.meter.remote')}</th>
                      <th scope="col">{t('edit.meter.prefix')}</th>
                      <th scope="col">{t('edit.meter.capPeriod')}</th>
                    </>
                  ) : null}
                  <th scope="col">{t('edit.meter.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <td className="mono">{m.id}</td>
                    <td>{m.meter_type_name}</td>
                    <td>{m.description ?? '—'}</td>
                    <td>{m.number_of_phases}</td>
                    <td>{flag(m.is_ami)}</td>
                    <td>{flag(m.is_balance)}</td>
                    <td>{flag(m.is_dcu)}</td>
                    {extra ? (
                      <>
                        <td>{m.is_remote === null ? '—' : flag(m.is_remote)}</td>
                        <td>{m.prefix_name ?? '—'}</td>
                        <td>{m.default_cap_period ?? '—'}</td>
                      </>
                    ) : null}
                    <td className="row-actions">
                      <button
                        type="button"
                        onClick={() => {
                          if (editing?.id === m.id || !leaveForm()) return;
                          setNote(null);
                          setEditing(m);
                        }}
                      >
                        {t('edit.meter.edit', { name: m.meter_type_name })}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => {
                          remove.reset();
                          setDeleting(m);
                        }}
                      >
                        {t('edit.meter.delete', { name: m.meter_type_name })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {deleting ? (
          <ConfirmDialog
            message={t('edit.meter.deleteConfirm', {
              name: deleting.meter_type_name,
              id: String(deleting.id),
              cid: String(clientCid),
            })}
            confirmLabel={t('edit.confirm.delete')}
            busyLabel={t('edit.sensor.deleting')}
            busy={remove.isPending}
            error={remove.isError ? t('edit.deleteFailed', { words: errorText(remove.error, t) }) : null}
            onConfirm={() => remove.mutate(deleting)}
            onCancel={() => setDeleting(null)}
          />
        ) : null}
      </section>
      <section className="panel">
        {editing ? (
          <MeterTypeForm
            key={`edit-${editing.id}`}
            clientCid={clientCid}
            mode="edit"
            initial={meterTypeFormValues(editing)}
            onDirtyChange={onDirtyChange}
            onSaved={(message) => {
              dirty.current = false;
              setEditing(null);
              setNote(message);
            }}
            onCancel={() => {
              dirty.current = false;
              setEditing(null);
            }}
          />
        ) : (
          <MeterTypeForm
            key="new"
            clientCid={clientCid}
            mode="create"
            initial={newMeterTypeForm(items)}
            takenIds={items.map((m) => m.id)}
            onDirtyChange={onDirtyChange}
            onSaved={(message) => {
              dirty.current = false;
              setNote(message);
            }}
          />
        )}
      </section>
    </>
  );
}

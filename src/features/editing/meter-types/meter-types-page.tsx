import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { MeterType } from '../../../api/besmart/schemas.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { SavedNote } from '../../../components/form/action-row.tsx';
import { EmptyState, ErrorPanel, Skeleton } from '../../../components/query-state.tsx';
import { isolate } from '../../../lib/bidi.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useMutationThen } from '../../../lib/queries/use-mutation-then.ts';
import { useSessions } from '../../../lib/session/context.tsx';
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
  const [note, setNote] = useState<string | null>(null);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const remove = useMutationThen(besmartMutations.deleteMeterType(sessions.besmart, queryClient, clientCid), (_, m) => {
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
        <SavedNote text={note} />
        <DataTable
          caption={t('edit.meter.title')}
          captionHidden
          className="meter-types-table"
          rows={items}
          rowKey={(m) => m.id}
          empty={t('edit.meter.empty')}
          columns={[
            { id: 'id', header: t('edit.meter.id'), cell: (m) => m.id, className: 'mono' },
            { id: 'name', header: t('edit.meter.name'), cell: (m) => m.meter_type_name },
            { id: 'description', header: t('edit.meter.description'), cell: (m) => m.description ?? '—' },
            { id: 'phases', header: t('edit.meter.phases'), cell: (m) => m.number_of_phases },
            { id: 'ami', header: t('edit.meter.ami'), cell: (m) => flag(m.is_ami) },
            { id: 'balance', header: t('edit.meter.balance'), cell: (m) => flag(m.is_balance) },
            { id: 'dcu', header: t('edit.meter.dcu'), cell: (m) => flag(m.is_dcu) },
            extra && {
              id: 'remote',
              header: t('edit.meter.remote'),
              cell: (m) => (m.is_remote === null ? '—' : flag(m.is_remote)),
            },
            extra && { id: 'prefix', header: t('edit.meter.prefix'), cell: (m) => m.prefix_name ?? '—' },
            extra && { id: 'cap', header: t('edit.meter.capPeriod'), cell: (m) => m.default_cap_period ?? '—' },
          ]}
          actions={{
            header: t('edit.meter.actions'),
            edit: {
              text: (m) => t('edit.meter.edit', { name: m.meter_type_name }),
              onEdit: (m) => {
                if (editing?.id === m.id || !leaveForm()) return;
                setNote(null);
                setEditing(m);
              },
            },
            remove: {
              text: (m) => t('edit.meter.delete', { name: m.meter_type_name }),
              confirm: (m) =>
                t('edit.meter.deleteConfirm', {
                  name: isolate(m.meter_type_name),
                  id: String(m.id),
                  cid: String(clientCid),
                }),
              onDelete: (m) => remove.mutateAsync(m),
            },
          }}
        />
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

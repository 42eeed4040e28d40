import { useEffect, useRef, useState, type Key, type MouseEvent, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { errorText } from './error-message.ts';
import { EmptyState } from './query-state.tsx';

export interface Column<T> {
  /** Unique within the table. */
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cells' class (`num`, `mono`). */
  className?: string;
  /** This column names the row: its cells are row headers (`<th scope="row">`). */
  rowHeader?: boolean;
}

/** An Edit button per row: `text` on the button, `label` (naming the row) for screen readers when the text does not. */
export interface EditAction<T> {
  text: (row: T) => string;
  label?: (row: T) => string;
  onEdit: (row: T) => void;
}

/** A Delete button per row that asks first; the question names the row, Cancel has the focus. */
export interface DeleteAction<T> {
  text: (row: T) => string;
  label?: (row: T) => string;
  /** The question, naming what is deleted. */
  confirm: (row: T) => string;
  /** The confirming button ("Delete") and its text while deleting ("Deleting…"). */
  confirmText?: string;
  busyText?: string;
  /** Deletes; a rejection keeps the question open with `failureText` of the error ("Not deleted: …"). */
  onDelete: (row: T) => Promise<unknown>;
  failureText?: (error: unknown) => string;
}

export interface DataTableProps<T> {
  /** Names the table for screen readers (and everyone, unless `captionHidden`). */
  caption: ReactNode;
  /** For a table whose heading above already says what it is. */
  captionHidden?: boolean;
  className?: string;
  columns: readonly (Column<T> | null | false)[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowClassName?: (row: T) => string | undefined;
  /** The row being edited (`aria-current`). */
  isCurrent?: (row: T) => boolean;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** The last column: its header, Edit and Delete, and any buttons of the caller's before them. */
  actions?: {
    header: ReactNode;
    edit?: EditAction<T>;
    remove?: DeleteAction<T>;
    more?: (row: T) => ReactNode;
  };
}

/**
 * A table of rows with actions: real table semantics (caption, column
 * headers, row headers), buttons that name their row, and a Delete that asks
 * first. Focus goes back to the Delete button when the question is cancelled,
 * and to the same place in the next row (or the table's place) when the row is
 * gone.
 */
export function DataTable<T>({
  caption,
  captionHidden = false,
  className,
  columns,
  rows,
  rowKey,
  rowClassName,
  isCurrent,
  empty,
  actions,
}: DataTableProps<T>) {
  const { t } = useI18n();
  const shown = columns.filter((c): c is Column<T> => c !== null && c !== false);
  const [asking, setAsking] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const place = useRef<HTMLDivElement>(null);
  // Where focus goes after the question: the button that asked, or, once its row is gone, its neighbour.
  const focus = useRef<{ opener: HTMLElement; key: Key; index: number; action: number; removed: boolean } | null>(null);

  const remove = actions?.remove;
  const ask = (row: T, e: MouseEvent<HTMLButtonElement>) => {
    const button = e.currentTarget;
    const cell = button.closest('td');
    const tr = button.closest('tr');
    focus.current = {
      opener: button,
      key: rowKey(row),
      index: tr?.parentElement ? Array.from(tr.parentElement.children).indexOf(tr) : 0,
      action: cell ? Array.from(cell.querySelectorAll('button')).indexOf(button) : 0,
      removed: false,
    };
    setFailure(null);
    setAsking(row);
  };
  const cancel = () => setAsking(null);
  const confirm = async (row: T) => {
    if (remove === undefined) return;
    setBusy(true);
    setFailure(null);
    try {
      await remove.onDelete(row);
      if (focus.current) focus.current.removed = true;
      setAsking(null);
    } catch (e) {
      setFailure(remove.failureText ? remove.failureText(e) : t('edit.deleteFailed', { words: errorText(e, t) }));
    } finally {
      setBusy(false);
    }
  };

  // After the question closes: back to the button that asked, or, when its row went away, to its neighbour.
  useEffect(() => {
    const target = focus.current;
    if (asking !== null || target === null) return;
    const gone = !rows.some((r) => rowKey(r) === target.key);
    if (target.removed && !gone) return; // the list has not reloaded yet
    focus.current = null;
    if (!gone && target.opener.isConnected) {
      target.opener.focus();
      return;
    }
    const body = place.current?.querySelector('tbody');
    const next = body?.children[Math.min(target.index, body.children.length - 1)];
    const buttons = next?.querySelector('td.row-actions')?.querySelectorAll('button');
    const button = buttons?.[Math.min(target.action, buttons.length - 1)];
    if (button instanceof HTMLElement) button.focus();
    else place.current?.focus();
  }, [asking, rows, rowKey]);

  const question =
    asking !== null && remove !== undefined ? (
      <ConfirmDialog
        message={remove.confirm(asking)}
        confirmLabel={remove.confirmText ?? t('edit.confirm.delete')}
        busyLabel={remove.busyText ?? t('edit.sensor.deleting')}
        busy={busy}
        error={failure}
        onConfirm={() => void confirm(asking)}
        onCancel={cancel}
      />
    ) : null;

  return (
    <div className="data-table-place" ref={place} tabIndex={-1}>
      {rows.length === 0 && empty !== undefined ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className={className ? `data-table ${className}` : 'data-table'}>
            <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
            <thead>
              <tr>
                {shown.map((c) => (
                  <th key={c.id} scope="col">
                    {c.header}
                  </th>
                ))}
                {actions ? <th scope="col">{actions.header}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={rowKey(row)}
                  className={rowClassName?.(row)}
                  aria-current={isCurrent?.(row) === true ? true : undefined}
                >
                  {shown.map((c) =>
                    c.rowHeader ? (
                      <th key={c.id} scope="row" className={c.className}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={c.id} className={c.className}>
                        {c.cell(row)}
                      </td>
                    ),
                  )}
                  {actions ? (
                    <td className="row-actions">
                      {actions.more?.(row)}
                      {actions.edit ? (
                        <button
                          type="button"
                          aria-label={actions.edit.label?.(row)}
                          onClick={() => actions.edit?.onEdit(row)}
                        >
                          {actions.edit.text(row)}
                        </button>
                      ) : null}
                      {remove ? (
                        <button
                          type="button"
                          className="danger"
                          aria-label={remove.label?.(row)}
                          onClick={(e) => ask(row, e)}
                        >
                          {remove.text(row)}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {question}
    </div>
  );
}

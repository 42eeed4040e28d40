// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { renderWithProviders } from '../test/render.tsx';
import { DataTable } from './data-table.tsx';

interface Fruit {
  id: number;
  name: string;
  kg: number;
}

const FRUIT: Fruit[] = [
  { id: 1, name: 'apple', kg: 3 },
  { id: 2, name: 'pear', kg: 5 },
  { id: 3, name: 'plum', kg: 1 },
];

function Fruits({
  onDelete,
  onEdit = () => {},
  initial = FRUIT,
}: {
  onDelete: (f: Fruit) => Promise<unknown>;
  onEdit?: (f: Fruit) => void;
  initial?: Fruit[];
}) {
  const [rows, setRows] = useState(initial);
  return (
    <>
      <button type="button">before</button>
      <DataTable
        caption="Fruit"
        className="fruit-table"
        columns={[
          { id: 'name', header: 'Name', cell: (f) => f.name, rowHeader: true },
          { id: 'kg', header: 'Weight', cell: (f) => `${f.kg} kg`, className: 'num' },
          false,
        ]}
        rows={rows}
        rowKey={(f) => f.id}
        isCurrent={(f) => f.id === 2}
        empty="No fruit."
        actions={{
          header: 'Actions',
          edit: { text: () => 'Edit', label: (f) => `Edit ${f.name}`, onEdit },
          remove: {
            text: () => 'Delete',
            label: (f) => `Delete ${f.name}`,
            confirm: (f) => `Delete the ${f.name}?`,
            confirmText: 'Delete',
            busyText: 'Deleting…',
            onDelete: async (f) => {
              await onDelete(f);
              setRows((r) => r.filter((x) => x.id !== f.id));
            },
            failureText: (e) => `Could not delete: ${String(e)}`,
          },
        }}
      />
    </>
  );
}

describe('DataTable', () => {
  it('is a real table: caption, column headers, row headers, and buttons that name their row', () => {
    const onEdit = vi.fn();
    renderWithProviders(<Fruits onDelete={async () => {}} onEdit={onEdit} />);
    const table = screen.getByRole('table', { name: 'Fruit' });
    expect(table).toHaveClass('data-table', 'fruit-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Weight', 'Actions']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['apple', 'pear', 'plum']);
    expect(within(table).getByRole('cell', { name: '5 kg' })).toHaveClass('num');
    expect(screen.getByRole('row', { name: /pear/ })).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('row', { name: /apple/ })).not.toHaveAttribute('aria-current');
    fireEvent.click(screen.getByRole('button', { name: 'Edit plum' }));
    expect(onEdit).toHaveBeenCalledWith(FRUIT[2]);
  });

  it('asks before deleting; Cancel (or Escape) deletes nothing and gives the focus back', () => {
    const onDelete = vi.fn(async () => {});
    renderWithProviders(<Fruits onDelete={onDelete} />);
    const del = screen.getByRole('button', { name: 'Delete pear' });
    del.focus();
    fireEvent.click(del);
    const dialog = screen.getByRole('alertdialog', { name: 'Delete the pear?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(del).toHaveFocus();

    fireEvent.click(del);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(del).toHaveFocus();
    expect(onDelete).not.toHaveBeenCalled();
  });

  it('deletes on confirmation, then puts the focus on the next row’s Delete', async () => {
    const onDelete = vi.fn(async () => {});
    renderWithProviders(<Fruits onDelete={onDelete} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete pear' }));
    await act(async () => {
      fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    });
    expect(onDelete).toHaveBeenCalledWith(FRUIT[1]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.queryByRole('rowheader', { name: 'pear' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete plum' })).toHaveFocus();
  });

  it('keeps the question open with the failure when the delete fails', async () => {
    renderWithProviders(<Fruits onDelete={() => Promise.reject(new Error('offline'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete apple' }));
    await act(async () => {
      fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    });
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Could not delete: Error: offline');
    expect(screen.getByRole('rowheader', { name: 'apple' })).toBeInTheDocument();
  });

  it('shows the empty state when the last row goes, with the focus on the table’s place', async () => {
    renderWithProviders(<Fruits onDelete={async () => {}} initial={[FRUIT[0] as Fruit]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete apple' }));
    await act(async () => {
      fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No fruit.')).toBeInTheDocument();
    expect(screen.getByText('No fruit.').closest('.data-table-place')).toHaveFocus();
  });
});

// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useCallback } from 'react';
import { z } from 'zod';
import { ApiError } from '../../api/errors.ts';
import { ActionRow, FormFailure } from './action-row.tsx';
import { Field } from './field.tsx';
import type { SaveOutcome } from './use-save.ts';
import { useEditForm } from './use-edit-form.ts';
import { renderWithProviders } from '../../test/render.tsx';

interface Values {
  name: string;
  note: string;
}

type Save = (values: Values, parsed: Values, saved: Values) => Promise<SaveOutcome>;

function NameForm({ save, onDirtyChange }: { save: Save; onDirtyChange?: (dirty: boolean) => void }) {
  // A name may not be cleared once saved: the schema is built from the baseline.
  const schema = useCallback(
    (saved: Values) =>
      z.object({
        name: z.string().refine((s) => s.trim() !== '' || saved.name === '', 'edit.validation.cannotClear'),
        note: z.string(),
      }),
    [],
  );
  const edit = useEditForm({
    initial: { name: 'Meter', note: '' },
    schema,
    fields: ['name', 'note'] as const,
    aliases: { title: 'name' },
    save,
    onDirtyChange,
  });
  return (
    <form aria-label="Edit" noValidate onSubmit={edit.submit}>
      <FormFailure text={edit.failure} />
      <Field label="Name" error={edit.message('name')} {...edit.register('name')} />
      <Field label="Note" error={edit.message('note')} {...edit.register('note')} />
      <ActionRow
        submit="Save"
        busySubmit="Saving…"
        busy={edit.isSubmitting}
        note={edit.note}
        secondary={edit.isDirty ? { label: 'Discard', onClick: edit.discard } : null}
      />
    </form>
  );
}

const renderForm = (save: Save, onDirtyChange?: (dirty: boolean) => void) =>
  renderWithProviders(<NameForm save={save} onDirtyChange={onDirtyChange} />);

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));

describe('useEditForm', () => {
  it('diffs against the last saved values, which become the new baseline', async () => {
    const save = vi.fn<Save>(async (values, _parsed, saved) =>
      values.name === saved.name && values.note === saved.note
        ? { kind: 'unchanged' }
        : { kind: 'saved', message: 'Saved.' },
    );
    renderForm(save);
    type('Name', 'Gas meter');
    await submit();
    expect(save).toHaveBeenLastCalledWith(
      { name: 'Gas meter', note: '' },
      { name: 'Gas meter', note: '' },
      { name: 'Meter', note: '' },
    );
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
    expect(screen.queryByRole('button', { name: 'Discard' })).toBeNull();

    await submit();
    expect(save.mock.lastCall?.[2]).toEqual({ name: 'Gas meter', note: '' });
    expect(screen.getByRole('status')).toHaveTextContent('Nothing has changed.');
  });

  it('validates with a schema built from the baseline, with translated messages', async () => {
    const save = vi.fn<Save>(async () => ({ kind: 'saved', message: 'Saved.' }));
    renderForm(save);
    type('Name', ' ');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
      'besmart cannot clear this field; enter a value.',
    );
  });

  it('keeps what was typed when the save fails, with the server’s words at the field they name', async () => {
    const refused = new ApiError({
      service: 'besmart',
      kind: 'http',
      what: 'Saving',
      status: 409,
      serverMessage: 'A meter with this title exists',
    });
    renderForm(async () => Promise.reject(refused));
    type('Name', 'Water');
    await submit();
    expect(screen.getByLabelText('Name')).toHaveValue('Water');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('A meter with this title exists');
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved: the server refused a field, see below.');
  });

  it('shows an error that names no field above the form', async () => {
    renderForm(async () =>
      Promise.reject(
        new ApiError({ service: 'besmart', kind: 'http', what: 'Saving', status: 400, serverMessage: 'No.' }),
      ),
    );
    type('Note', 'x');
    await submit();
    expect(screen.getByRole('alert')).toHaveTextContent(/^Not saved: /);
    expect(screen.getByLabelText('Note')).toHaveValue('x');
  });

  it('warns before the page is left while there is unsaved input, and tells the page', async () => {
    const onDirtyChange = vi.fn();
    renderForm(async () => ({ kind: 'saved', message: 'Saved.' }), onDirtyChange);
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);

    type('Note', 'typed');
    await waitFor(() => expect(onDirtyChange).toHaveBeenLastCalledWith(true));
    const dirty = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.getByLabelText('Note')).toHaveValue('');
    await waitFor(() => expect(onDirtyChange).toHaveBeenLastCalledWith(false));
  });
});

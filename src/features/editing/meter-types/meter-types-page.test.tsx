// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createMeterType, getMeterTypes } from '../../../api/besmart/client.ts';
import { DIALECTS } from '../../../api/besmart/schemas.ts';
import { MeterTypesPage } from './meter-types-page.tsx';
import { renderSignedIn } from '../../../test/render.tsx';
import { setupFakeServices } from '../../../test/server.ts';
import { isolate } from '../../../lib/bidi.ts';

const { besmart } = setupFakeServices();

const writes = () => besmart.active.requestLog().filter((r) => r.method !== 'GET' && r.path !== '/users/token');
const auth = () => ({ token: besmart.active.issueToken().token, dialect: besmart.active.version });

describe.each(DIALECTS)('MeterTypesPage (besmart %s)', (version) => {
  const legacy = version === 'v0.1.5';
  beforeEach(() => besmart.use(version));

  it('lists, creates, edits and deletes a client’s meter types', async () => {
    await renderSignedIn(<MeterTypesPage clientCid={1} />);
    expect(await screen.findByRole('cell', { name: 'CX2000-9' })).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'New meter type' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'DCU-7' } });
    fireEvent.change(within(form).getByLabelText('Phases'), { target: { value: '3' } });
    fireEvent.click(within(form).getByLabelText('DCU (data concentrator)'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add meter type' }));
    expect(await screen.findByRole('cell', { name: 'DCU-7' })).toBeInTheDocument();
    const created = writes()[0];
    expect(created?.method).toBe('POST');
    // v0.1.5 takes query parameters and the caller's id; a current server a JSON body, and it picks the id.
    expect(created?.path).toBe(legacy ? '/sensors/1/meters' : '/clients/1/meters');
    expect((await getMeterTypes(auth(), 1)).find((m) => m.meter_type_name === 'DCU-7')).toMatchObject({
      id: 4,
      is_dcu: true,
      number_of_phases: 3,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Edit DCU-7' }));
    const edit = screen.getByRole('form', { name: 'Edit meter type “DCU-7”' });
    fireEvent.change(within(edit).getByLabelText('Name'), { target: { value: 'DCU-8' } });
    fireEvent.click(within(edit).getByLabelText('Balance meter'));
    fireEvent.click(within(edit).getByRole('button', { name: 'Save meter type' }));
    expect(await screen.findByRole('cell', { name: 'DCU-8' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Meter type “DCU-8” saved.');

    fireEvent.click(screen.getByRole('button', { name: 'Delete DCU-8' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent(`Delete the meter type “${isolate('DCU-8')}”`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'DCU-8' })).not.toBeInTheDocument());
    expect(writes().map((w) => w.method)).toEqual(['POST', 'PUT', 'DELETE']);
  });

  it('shows a server conflict at the field it is about and keeps the input', async () => {
    await renderSignedIn(<MeterTypesPage clientCid={1} />);
    const form = await screen.findByRole('form', { name: 'New meter type' });
    if (!legacy) {
      // A current server picks the id; it refuses a name that is taken.
      expect(within(form).queryByLabelText('Id')).toBeNull();
      await createMeterType(auth(), 1, { meter_type_name: 'Theirs', number_of_phases: 1 });
      fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Theirs' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add meter type' }));
      expect(await within(form).findByText('Meter type “Theirs” already exists (id 4)')).toBeInTheDocument();
      expect(within(form).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
      expect(within(form).getByLabelText('Name')).toHaveValue('Theirs');
      return;
    }
    const id = within(form).getByLabelText('Id');
    const nextId = Number((id as HTMLInputElement).value);
    // Another operator takes that id meanwhile: the server answers 409.
    await createMeterType(auth(), 1, {
      meter_type_id: nextId,
      meter_type_name: 'Theirs',
      number_of_phases: 1,
    });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Mine' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add meter type' }));
    expect(await within(form).findByText(`Meter type ${nextId} already exists`)).toBeInTheDocument();
    expect(within(form).getByRole('alert')).toHaveTextContent('Not saved');
    expect(within(form).getByLabelText('Name')).toHaveValue('Mine');
    expect(id).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a read-only user the server’s refusal above the form', async () => {
    await renderSignedIn(<MeterTypesPage clientCid={1} />, 'viewer');
    const form = await screen.findByRole('form', { name: 'New meter type' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Mine' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add meter type' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Forbidden');
    expect(within(form).getByLabelText('Name')).toHaveValue('Mine');
  });

  it('asks for a client CID when none is given', async () => {
    const onClientCidChange = vi.fn();
    await renderSignedIn(<MeterTypesPage onClientCidChange={onClientCidChange} />);
    fireEvent.change(screen.getByLabelText('Client CID'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByRole('cell', { name: 'ZMG310' })).toBeInTheDocument();
    expect(onClientCidChange).toHaveBeenCalledWith(1);
  });
});

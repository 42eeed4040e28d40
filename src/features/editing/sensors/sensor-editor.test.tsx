// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { DIALECTS } from '../../../api/besmart/schemas.ts';
import { deleteSensor, getSensor } from '../../../api/besmart/client.ts';
import { readWatchList } from '../../../lib/watch-list.ts';
import { CreateSensorForm, SensorEditor } from './sensor-editor.tsx';
import { renderSignedIn } from '../../../test/render.tsx';
import { setupFakeServices } from '../../../test/server.ts';
import { isolate } from '../../../lib/bidi.ts';

const { besmart, server } = setupFakeServices();

const writes = () => besmart.active.requestLog().filter((r) => r.method !== 'GET' && r.path !== '/users/token');

describe.each(DIALECTS)('besmart %s', (version) => {
  const legacy = version === 'v0.1.5';
  beforeEach(() => besmart.use(version));

  describe('SensorEditor', () => {
    it('sends only the changed fields, and the page shows the saved sensor', async () => {
      await renderSignedIn(<SensorEditor sensorRef={{ client_cid: 1, sensor_mid: 1 }} onDeleted={() => {}} />);
      const name = await screen.findByLabelText('Name');
      expect(name).toHaveValue('Main switchboard meter');
      fireEvent.change(name, { target: { value: 'Main meter' } });
      fireEvent.click(screen.getByLabelText('Negligible'));
      fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
      expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
      // v0.1.5 takes only the changed fields as query parameters; a current server the whole sensor as a
      // JSON body, read and merged first, so the fields not changed keep their values.
      expect(writes()).toEqual([
        { method: 'PUT', path: '/sensors/1.1', query: legacy ? 'name=Main+meter&negligible=true' : '' },
      ]);
      const saved = await getSensor({ token: besmart.active.issueToken().token }, { client_cid: 1, sensor_mid: 1 });
      expect(saved).toMatchObject({
        name: 'Main meter',
        negligible: true,
        sensor_eid: '48003752B205900000',
        comments: 'Meter swapped after a fault.',
        lat: 54.38,
      });
      expect(screen.getByLabelText('Name')).toHaveValue('Main meter');
    });

    it('keeps the form and what was typed when a background refresh of the sensor fails', async () => {
      const { queryClient } = await renderSignedIn(
        <SensorEditor sensorRef={{ client_cid: 1, sensor_mid: 1 }} onDeleted={() => {}} />,
      );
      const name = await screen.findByLabelText('Name');
      fireEvent.change(name, { target: { value: 'Typed, not saved' } });
      server.use(http.get('http://localhost:3000/besmart/sensors/1.1', () => new HttpResponse(null, { status: 503 })));
      await queryClient.refetchQueries({ queryKey: ['besmart', 'sensor', 1, 1] });
      await waitFor(() => expect(queryClient.getQueryState(['besmart', 'sensor', 1, 1])?.status).toBe('error'));
      expect(screen.getByLabelText('Name')).toHaveValue('Typed, not saved');
    });

    it('keeps what was typed and shows the server’s words when a save fails', async () => {
      await renderSignedIn(<SensorEditor sensorRef={{ client_cid: 1, sensor_mid: 2 }} onDeleted={() => {}} />);
      const name = await screen.findByLabelText('Name');
      // Someone else deletes the sensor meanwhile: the save answers 404.
      await deleteSensor({ token: besmart.active.issueToken().token }, { client_cid: 1, sensor_mid: 2 });
      fireEvent.change(name, { target: { value: 'Renamed inverter' } });
      fireEvent.change(screen.getByLabelText('Info (JSON)'), { target: { value: '{"peak_power_kw": 10}' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('Sensor 1.2 not found');
      expect(screen.getByLabelText('Name')).toHaveValue('Renamed inverter');
      expect(screen.getByLabelText('Info (JSON)')).toHaveValue('{"peak_power_kw": 10}');
      expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
    });

    it('checks info against the type before sending anything', async () => {
      await renderSignedIn(<SensorEditor sensorRef={{ client_cid: 1, sensor_mid: 1 }} onDeleted={() => {}} />);
      fireEvent.change(await screen.findByLabelText('Info (JSON)'), { target: { value: '{"meter_max_digits": 6}' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
      expect(await screen.findByText('This sensor type requires these info keys: tariff.')).toBeInTheDocument();
      expect(writes()).toEqual([]);
    });

    it('shows a read-only sensor without edit controls', async () => {
      await renderSignedIn(<SensorEditor sensorRef={{ client_cid: 1, sensor_mid: 4 }} onDeleted={() => {}} />);
      expect(await screen.findByRole('note')).toHaveTextContent('read-only');
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
      expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    });

    it('deletes after a confirmation naming the sensor, and leaves the watch list', async () => {
      const onDeleted = vi.fn();
      const { sessions } = await renderSignedIn(
        <SensorEditor sensorRef={{ client_cid: 1, sensor_mid: 3 }} onDeleted={onDeleted} />,
      );
      const userId = sessions.store.getState().besmart?.userId ?? -1;
      localStorage.setItem(`meterdeck.watch.${userId}`, JSON.stringify([{ client_cid: 1, sensor_mid: 3 }]));
      fireEvent.click(await screen.findByRole('button', { name: 'Delete sensor' }));
      const dialog = screen.getByRole('alertdialog');
      expect(dialog).toHaveTextContent(`Delete the sensor “${isolate('Weather station on the roof')}” (1.3)`);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
      await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
      expect(writes()).toEqual([{ method: 'DELETE', path: '/sensors/1.3', query: '' }]);
      expect(readWatchList(userId)).toEqual([]);
    });
  });

  describe('CreateSensorForm', () => {
    const fill = (cid: string) => {
      fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Garage meter' } });
      fireEvent.change(screen.getByLabelText('Sensor type'), { target: { value: '3' } });
      fireEvent.change(screen.getByLabelText('Client CID'), { target: { value: cid } });
      fireEvent.change(screen.getByLabelText('External id'), { target: { value: 'G-1' } });
      fireEvent.change(screen.getByLabelText('Latitude'), { target: { value: '54,4' } });
      fireEvent.change(screen.getByLabelText('Info (JSON)'), { target: { value: '{"tariff": "G11"}' } });
    };

    it('creates the sensor, adds it to the watch list and reports its id', async () => {
      const onCreated = vi.fn();
      const { sessions } = await renderSignedIn(<CreateSensorForm onCreated={onCreated} />);
      await screen.findByRole('option', { name: 'Licznik energii (energy_meter)' });
      fill('1');
      fireEvent.click(screen.getByRole('button', { name: 'Create sensor' }));
      await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ client_cid: 1, sensor_mid: 6 }));
      expect(writes()).toEqual([
        {
          method: 'POST',
          path: '/sensors',
          query:
            'name=Garage+meter&sensor_type_id=3&client_cid=1&sensor_eid=G-1&lat=54.4&info=%7B%22tariff%22%3A+%22G11%22%7D&uncertain=false&negligible=false',
        },
      ]);
      const userId = sessions.store.getState().besmart?.userId ?? -1;
      expect(readWatchList(userId)).toEqual([{ client_cid: 1, sensor_mid: 6 }]);
      expect(await screen.findByRole('status')).toHaveTextContent('Sensor 1.6 created');
    });

    it('keeps the input and shows the server’s words when the server refuses (403)', async () => {
      const onCreated = vi.fn();
      await renderSignedIn(<CreateSensorForm onCreated={onCreated} />);
      await screen.findByRole('option', { name: 'Licznik energii (energy_meter)' });
      fill('3');
      fireEvent.click(screen.getByRole('button', { name: 'Create sensor' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('Forbidden');
      expect(screen.getByLabelText('Name')).toHaveValue('Garage meter');
      expect(screen.getByLabelText('Client CID')).toHaveValue('3');
      expect(screen.getByLabelText('Info (JSON)')).toHaveValue('{"tariff": "G11"}');
      expect(onCreated).not.toHaveBeenCalled();
    });
  });
});

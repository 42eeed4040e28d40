// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { DIALECTS } from '../../../api/besmart/schemas.ts';
import { getSignalData } from '../../../api/besmart/client.ts';
import { DataEditor } from './data-editor.tsx';
import { renderSignedIn } from '../../../test/render.tsx';
import { setupFakeServices } from '../../../test/server.ts';

const ORIGIN = 'http://localhost:3000';
const { besmart, server } = setupFakeServices();

const ref = { client_cid: 1, sensor_mid: 1 };
const signals = [
  { moid: 32, symbol: 'A+', unit: 'kW.h' },
  { moid: 64, symbol: 'P', unit: 'kW' },
];
const writes = () => besmart.active.requestLog().filter((r) => r.method !== 'GET' && r.path !== '/users/token');

/** What the server now has at `time` (newest record per timestamp). */
async function storedAt(moid: number, time: number): Promise<number | null | undefined> {
  const [series] = await getSignalData(
    { token: besmart.active.issueToken().token },
    { ...ref, signal_type_moid: moid },
    { since: time, till: time + 1, get_last: true },
  );
  const i = series?.data.time.indexOf(time) ?? -1;
  return i < 0 ? undefined : series?.data.value[i];
}

/** The first row's value input and the time it is at (ms), read back from the fake. */
async function firstValueInput() {
  const table = await screen.findByRole('table', { name: /^A\+: \d+ points from/ });
  const [input] = within(table).getAllByRole('textbox', { name: /^Value at / });
  if (input === undefined) throw new Error('no rows');
  return input;
}

async function firstPoint(moid: number): Promise<{ time: number; origin: number }> {
  const till = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const [series] = await getSignalData(
    { token: besmart.active.issueToken().token },
    { ...ref, signal_type_moid: moid },
    { since: till - 86_400_000, till, get_last: true },
  );
  const time = series?.data.time[0];
  const origin = series?.data.origin[0];
  if (time === undefined || origin === undefined) throw new Error('no data');
  return { time, origin };
}

const firstTime = async (moid: number) => (await firstPoint(moid)).time;

/** The bodies of the data PUTs (single- and multi-signal), as sent; the fake still answers them. */
function recordPutBodies(): unknown[] {
  const bodies: unknown[] = [];
  const record = async ({ request }: { request: Request }) => {
    bodies.push(await request.clone().json());
    return undefined;
  };
  server.use(
    http.put(`${ORIGIN}/besmart/sensors/:id/signals/:moid/data`, record),
    http.put(`${ORIGIN}/besmart/sensors/signals/data`, record),
  );
  return bodies;
}

/** The number of points the caption of a signal's table states. */
async function pointsInTable(symbol: string): Promise<number> {
  const table = await screen.findByRole('table', { name: new RegExp(`^${symbol}: \\d+ points from`) });
  return Number(/: (\d+) points/.exec(table.querySelector('caption')?.textContent ?? '')?.[1]);
}

describe.each(DIALECTS)('besmart %s', (version) => {
  beforeEach(() => besmart.use(version));

  describe('DataEditor', () => {
    it('edits a value and saves it with the single-signal PUT; the table reloads with it', async () => {
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      const input = await firstValueInput();
      fireEvent.change(input, { target: { value: '4242,5' } });
      expect(screen.getByText('1 unsaved change in 1 signal(s).')).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: 'Save data changes' }));
      expect(await screen.findByText('Saved 1 point in 1 signal(s).')).toBeInTheDocument();
      expect(writes()).toEqual([{ method: 'PUT', path: '/sensors/1.1/signals/32/data', query: 'unit=kW.h' }]);
      expect(await storedAt(32, await firstTime(32))).toBe(4242.5);
      await waitFor(async () => expect(await firstValueInput()).toHaveValue('4242.5'));
    });

    it('keeps edits of two signals, a deletion among them, and saves them together with the multi-signal PUT', async () => {
      const bodies = recordPutBodies();
      const a = await firstPoint(32);
      const p = await firstPoint(64);
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      fireEvent.change(await firstValueInput(), { target: { value: '1' } });
      fireEvent.change(screen.getByLabelText('Signal'), { target: { value: '64' } });
      const before = await pointsInTable('P');
      const table = await screen.findByRole('table', { name: /^P: \d+ points from/ });
      const [del] = within(table).getAllByRole('button', { name: /^Delete the point at / });
      if (del === undefined) throw new Error('no rows');
      fireEvent.click(del);
      expect(screen.getByText('2 unsaved changes in 2 signal(s). 1 point to be deleted.')).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: 'Save data changes' }));
      expect(await screen.findByText('Saved 2 points in 2 signal(s). 1 of them was a deletion.')).toBeInTheDocument();
      expect(writes()).toEqual([{ method: 'PUT', path: '/sensors/signals/data', query: '' }]);
      expect(bodies).toEqual([
        [
          {
            ...ref,
            signal_type_moid: 32,
            unit: 'kW.h',
            data: { time: [a.time], value: [1], type: ['DBL'], origin: [a.origin] },
          },
          {
            ...ref,
            signal_type_moid: 64,
            unit: 'kW',
            data: { time: [p.time], value: [0], type: ['RM'], origin: [p.origin] },
          },
        ],
      ]);
      expect(await storedAt(32, a.time)).toBe(1);
      expect(await storedAt(64, p.time)).toBeUndefined();
      expect(await pointsInTable('P')).toBe(before - 1);
    });

    it('deletes a point: the row says “to be deleted” until saved, Undo keeps it, and after saving it is gone', async () => {
      const bodies = recordPutBodies();
      const first = await firstPoint(32);
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      const before = await pointsInTable('A\\+');
      const table = await screen.findByRole('table', { name: /^A\+: \d+ points from/ });
      const [del] = within(table).getAllByRole('button', { name: /^Delete the point at / });
      const row = del?.closest('tr');
      if (del === undefined || !row) throw new Error('no rows');
      const at = within(row).getByRole('rowheader').textContent ?? '';

      fireEvent.click(del);
      expect(within(row).getByText('to be deleted')).toBeInTheDocument();
      expect(within(row).queryByRole('textbox')).toBeNull();
      expect(screen.getByText('1 unsaved change in 1 signal(s). 1 point to be deleted.')).toBeInTheDocument();
      // The same button undoes it (so the keyboard focus stays where it was).
      expect(del).toHaveAccessibleName(/^Undo deleting the point at /);
      fireEvent.click(del);
      expect(within(row).queryByText('to be deleted')).toBeNull();
      expect(within(row).getByRole('textbox')).toHaveValue(String((await storedAt(32, first.time)) ?? ''));
      expect(screen.getByText('No unsaved changes.')).toBeInTheDocument();

      fireEvent.click(del);
      fireEvent.click(screen.getByRole('button', { name: 'Save data changes' }));
      expect(await screen.findByText('Deleted 1 point in 1 signal(s).')).toBeInTheDocument();
      expect(writes()).toEqual([{ method: 'PUT', path: '/sensors/1.1/signals/32/data', query: 'unit=kW.h' }]);
      expect(bodies).toEqual([{ time: [first.time], value: [0], type: ['RM'], origin: [first.origin] }]);
      expect(await storedAt(32, first.time)).toBeUndefined();
      expect(await pointsInTable('A\\+')).toBe(before - 1);
      expect(screen.queryByRole('rowheader', { name: at })).toBeNull();
      expect(screen.getByText('No unsaved changes.')).toBeInTheDocument();
    });

    it('lists the unsaved changes of every signal in the save bar, each with its own Undo', async () => {
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      fireEvent.change(await firstValueInput(), { target: { value: '5' } });
      fireEvent.change(screen.getByLabelText('Signal'), { target: { value: '64' } });
      const table = await screen.findByRole('table', { name: /^P: \d+ points from/ });
      const [del] = within(table).getAllByRole('button', { name: /^Delete the point at / });
      if (del === undefined) throw new Error('no rows');
      fireEvent.click(del);
      const bar = screen.getByRole('group', { name: 'Unsaved data changes' });
      fireEvent.click(within(bar).getByText('Show the unsaved changes'));
      const list = within(bar).getByRole('list', { name: 'Unsaved changes' });
      const items = within(list).getAllByRole('listitem');
      expect(items.map((li) => li.textContent)).toEqual([
        expect.stringMatching(/^A\+, .+: new value 5 Undo$/),
        expect.stringMatching(/^P, .+: to be deleted Undo$/),
      ]);
      const undoP = within(list).getByRole('button', { name: /^Undo the change of P at / });
      fireEvent.click(undoP);
      expect(within(table).queryByText('to be deleted')).toBeNull();
      expect(screen.getByText('1 unsaved change in 1 signal(s).')).toBeInTheDocument();
    });

    it('names origins in words: the table, and the five of besmart in the add-point form', async () => {
      const bodies = recordPutBodies();
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      const table = await screen.findByRole('table', { name: /^A\+: \d+ points from/ });
      expect(within(table).getAllByRole('cell', { name: 'measured' }).length).toBeGreaterThan(0);
      expect(within(table).queryByRole('cell', { name: /^(#?\d+)$/ })).toBeNull();
      const form = screen.getByRole('form', { name: 'Add a point' });
      const origin = within(form).getByLabelText('Origin');
      expect(
        within(origin)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['measured', 'predicted', 'calculated', 'estimated', 'corrected']);
      fireEvent.change(within(form).getByLabelText('Time'), { target: { value: '2020-05-01T10:00' } });
      fireEvent.change(within(form).getByLabelText('Value'), { target: { value: '3' } });
      fireEvent.change(origin, { target: { value: '4' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add point' }));
      fireEvent.click(screen.getByRole('button', { name: 'Save data changes' }));
      expect(await screen.findByText('Saved 1 point in 1 signal(s).')).toBeInTheDocument();
      expect(bodies).toEqual([{ time: [new Date(2020, 4, 1, 10).getTime()], value: [3], type: ['DBL'], origin: [4] }]);
    });

    it('speaks Russian: delete, to be deleted, origins and the save messages', async () => {
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />, 'operator', 'ru');
      const table = await screen.findByRole('table', { name: /^A\+: \d+ точ/ });
      expect(within(table).getAllByRole('cell', { name: 'измеренное' }).length).toBeGreaterThan(0);
      const [del] = within(table).getAllByRole('button', { name: /^Удалить точку на / });
      if (del === undefined) throw new Error('no rows');
      expect(del).toHaveTextContent('Удалить');
      fireEvent.click(del);
      expect(within(table).getByText('будет удалена')).toBeInTheDocument();
      expect(del).toHaveAccessibleName(/^Отменить удаление точки на /);
      expect(screen.getByText('1 несохранённое изменение, сигналов: 1. Будет удалена 1 точка.')).toBeInTheDocument();
      const origin = within(screen.getByRole('form', { name: 'Добавить точку' })).getByLabelText('Происхождение');
      expect(
        within(origin)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['измеренное', 'прогнозное', 'расчётное', 'оценочное', 'скорректированное']);
      fireEvent.click(screen.getByRole('button', { name: 'Сохранить изменения данных' }));
      expect(await screen.findByText('Удалена 1 точка, сигналов: 1.')).toBeInTheDocument();
    });

    it('refuses to save a value that is not a number, and keeps everything typed when the server fails', async () => {
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      const input = await firstValueInput();
      fireEvent.change(input, { target: { value: '12x' } });
      expect(screen.getByText('Enter a number, like 54.38.')).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: 'Save data changes' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: 1 value is not a number');
      expect(writes()).toEqual([]);

      server.use(
        http.put(`${ORIGIN}/besmart/sensors/:id/signals/:moid/data`, () => new HttpResponse(null, { status: 500 })),
      );
      fireEvent.change(input, { target: { value: '12' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save data changes' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(/^Not saved: /);
      expect(input).toHaveValue('12');
      expect(screen.getByText('1 unsaved change in 1 signal(s).')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Save data changes' })).toBeEnabled();
    });

    it('adds a point at a local time', async () => {
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      await firstValueInput();
      const form = screen.getByRole('form', { name: 'Add a point' });
      fireEvent.change(within(form).getByLabelText('Time'), { target: { value: '2020-05-01T10:00' } });
      fireEvent.change(within(form).getByLabelText('Value'), { target: { value: 'x' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add point' }));
      expect(within(form).getByLabelText('Value')).toHaveAccessibleDescription('Enter a number, like 54.38.');
      fireEvent.change(within(form).getByLabelText('Value'), { target: { value: '7.5' } });
      fireEvent.change(within(form).getByLabelText('Origin'), { target: { value: '2' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add point' }));
      fireEvent.click(screen.getByRole('button', { name: 'Save data changes' }));
      expect(await screen.findByText('Saved 1 point in 1 signal(s).')).toBeInTheDocument();
      expect(await storedAt(32, new Date(2020, 4, 1, 10).getTime())).toBe(7.5);
    });

    it('no longer says besmart cannot delete a point', async () => {
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      await firstValueInput();
      expect(screen.queryByText(/no way to delete|cannot delete/i)).toBeNull();
      expect(screen.queryByRole('button', { name: /^Clear/ })).toBeNull();
    });
  });

  describe('CSV import', () => {
    const start = Date.UTC(2020, 0, 1);
    const csv = (n: number, bad: Record<number, string> = {}) =>
      [
        'time,value,origin',
        ...Array.from(
          { length: n },
          (_, i) => bad[i + 2] ?? `${new Date(start + i * 60_000).toISOString()},${i},measured`,
        ),
      ].join('\n');

    async function paste(text: string) {
      await renderSignedIn(<DataEditor sensorRef={ref} signals={signals} />);
      const region = await screen.findByRole('region', { name: 'Import CSV into A+' });
      fireEvent.change(within(region).getByLabelText('Or paste the rows'), { target: { value: text } });
      fireEvent.click(within(region).getByRole('button', { name: 'Check' }));
      return region;
    }

    it('previews, reports bad lines by number, and saves the rest in chunks', async () => {
      const region = await paste(csv(2_500, { 3: 'yesterday,1', 10: `${new Date(start).toISOString()},oops` }));
      expect(
        within(region).getByText('2,500 lines read: 2,498 ready to import, 2 with problems. Line 1 is the header.'),
      ).toBeInTheDocument();
      const problems = within(region).getByRole('list', { name: '2 lines will not be imported' });
      expect(
        within(problems)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['Line 3: “yesterday” is not a date and time.', 'Line 10: “oops” is not a number.']);
      expect(within(region).getByRole('table', { name: 'Preview: the first 10 of 2,498 rows' })).toBeInTheDocument();
      fireEvent.click(within(region).getByRole('button', { name: 'Import 2,498 rows' }));
      expect(
        await within(region).findByText(/^Saved 2,498 rows in 3 request\(s\): lines 2, 4–9, 11–2501\.$/),
      ).toBeInTheDocument();
      expect(writes().map((w) => w.path)).toEqual(Array(3).fill('/sensors/1.1/signals/32/data'));
      expect(await storedAt(32, start + 2_499 * 60_000)).toBe(2_499);
    });

    it('reads origins as words (English or Russian) or ids and previews them as words', async () => {
      const region = await paste(
        [
          'time,value,origin',
          '2020-01-01T00:00:00Z,1,estimated',
          '2020-01-01T00:15:00Z,2,оценочное',
          '2020-01-01T00:30:00Z,3,5',
          '2020-01-01T00:45:00Z,4,predicted',
          '2020-01-01T01:00:00Z,5,9',
        ].join('\n'),
      );
      const preview = within(region).getByRole('table', { name: 'Preview: the first 5 of 5 rows' });
      expect(
        within(preview)
          .getAllByRole('row')
          .slice(1)
          .map((r) => r.lastElementChild?.textContent),
      ).toEqual(['estimated', 'estimated', 'corrected', 'predicted', 'other (9)']);
    });

    it('reports exactly what was saved when a chunk fails, and resumes from it', async () => {
      let calls = 0;
      server.use(
        http.put(`${ORIGIN}/besmart/sensors/:id/signals/:moid/data`, () => {
          calls++;
          return calls === 2 ? new HttpResponse('upstream down', { status: 502 }) : undefined;
        }),
      );
      const region = await paste(csv(2_500));
      fireEvent.click(within(region).getByRole('button', { name: 'Import 2,500 rows' }));
      const alert = await within(region).findByRole('alert');
      expect(alert).toHaveTextContent('The import stopped at chunk 2 of 3');
      expect(alert).toHaveTextContent('Saved: 1,000 rows, lines 2–1001.');
      expect(alert).toHaveTextContent('Not saved: 1,500 rows, lines 1002–2501.');
      expect(await storedAt(32, start + 999 * 60_000)).toBe(999);
      expect(await storedAt(32, start + 1_000 * 60_000)).toBeUndefined();
      fireEvent.click(within(alert).getByRole('button', { name: 'Resume the import' }));
      expect(await within(region).findByText(/^Saved 2,500 rows in 3 request\(s\)/)).toBeInTheDocument();
      expect(await storedAt(32, start + 1_000 * 60_000)).toBe(1_000);
      expect(writes().filter((w) => w.method === 'PUT')).toHaveLength(3);
    });
  });
});

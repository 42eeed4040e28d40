// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  sensorStateSchema,
  signalTypeSchema,
  type SensorStateWire,
  type SignalTypeWire,
} from '../../api/besmart/schemas.ts';
import type { Locale } from '../../lib/i18n/i18n.tsx';
import { chosenKind } from '../../lib/signal-kind.ts';
import { renderApp } from '../../test/render.tsx';
import { setupFakeServices } from '../../test/server.ts';
import { ChartPanel } from './chart-panel.tsx';
import { useSensorSignals } from './sensor-signals.ts';

const ORIGIN = 'http://localhost:3000';
const { server } = setupFakeServices();

const ref = { client_cid: 1, sensor_mid: 1 };
const signal = { client_cid: 1, sensor_mid: 1, signal_type_moid: 32 };
const states = [
  sensorStateSchema.parse({
    sensor_state_id: 1,
    client_cid: 1,
    sensor_mid: 1,
    since: 0,
    till: null,
    meter_eid: null,
    signal_states: [{ signal_state_id: 1, signal_type_moid: 32, value_for_since: null, value_for_till: null }],
  } satisfies SensorStateWire),
];
// As a current server sends it: no is_incremental, an energy unit.
const currentType = signalTypeSchema.parse({
  signal_type_moid: 32,
  symbol: 'A+',
  description: 'Active energy imported',
  unit_symbol: 'kW.h',
  is_measurement: true,
  time_series_type: 1,
} satisfies SignalTypeWire);

/** Six hours of quarter-hour readings: measured, a stretch predicted (2), one estimated (4), measured again. */
function serveSeries() {
  const end = Math.floor(Date.now() / 900_000) * 900_000 - 3_600_000;
  const origin = Array.from({ length: 24 }, (_, i) => (i >= 8 && i < 12 ? 2 : i >= 16 && i < 19 ? 4 : 1));
  const time = origin.map((_, i) => end - (23 - i) * 900_000);
  server.use(
    http.get(`${ORIGIN}/besmart/sensors/1.1/signals/32/data`, () =>
      HttpResponse.json([
        {
          ...signal,
          unit: 'kW.h',
          data: { time, value: time.map((_, i) => 1000 + 2 * i), type: time.map(() => 'DBL'), origin },
        },
      ]),
    ),
  );
}

function Chart() {
  const signals = useSensorSignals(ref, states, [currentType]);
  return <ChartPanel sensorRef={ref} signals={signals} states={states} />;
}

const renderChart = (locale: Locale = 'en') => renderApp(<Chart />, { besmart: 'operator', locale });

const legend = (name = 'Signals to chart') =>
  within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) => li.textContent?.trim());

describe('ChartPanel', () => {
  it('refuses a custom range at a time the clocks skip, and says so', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin'; // 29 March 2026: 02:00 → 03:00
    try {
      serveSeries();
      await renderChart();
      const form = await screen.findByRole('form', { name: 'Custom range' });
      fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2026-03-29T02:30' } });
      fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2026-03-30T10:00' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Show range' }));
      expect(await within(form).findByText(/the clocks go forward over it/)).toBeInTheDocument();
    } finally {
      process.env.TZ = zone;
    }
  });
  it('names every origin present in the legend, in its own style', async () => {
    serveSeries();
    await renderChart();
    await waitFor(() =>
      expect(legend()).toEqual([
        'A+ (measured), kW.h per interval',
        'A+ (predicted), kW.h per interval',
        'A+ (estimated), kW.h per interval',
      ]),
    );
    const styles = within(screen.getByRole('list', { name: 'Signals to chart' }))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('line')?.getAttribute('stroke-dasharray') ?? 'solid');
    expect(styles[0]).toBe('solid');
    expect(new Set(styles).size).toBe(3);
  });

  it('reads an energy signal of a current server as a counter, from its unit; the operator can override it', async () => {
    serveSeries();
    const view = await renderChart();
    const select = screen.getByLabelText('How to read A+');
    expect(select).toHaveValue('auto');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Automatic: counter (from the unit kW.h)', 'Counter (consumption per interval)', 'Instantaneous value']);
    await waitFor(() => expect(legend()[0]).toBe('A+ (measured), kW.h per interval'));
    expect(screen.getByRole('checkbox', { name: 'Show the cumulative reading' })).toBeInTheDocument();

    fireEvent.change(select, { target: { value: 'instant' } });
    expect(select).toHaveValue('instant');
    await waitFor(() => expect(legend()[0]).toBe('A+ (measured), kW.h'));
    expect(screen.queryByRole('checkbox', { name: 'Show the cumulative reading' })).toBeNull();
    expect(chosenKind(signal)).toBe('instant');

    // A reload keeps the choice.
    view.unmount();
    await renderChart();
    expect(screen.getByLabelText('How to read A+')).toHaveValue('instant');
    await waitFor(() => expect(legend()[0]).toBe('A+ (measured), kW.h'));

    fireEvent.change(screen.getByLabelText('How to read A+'), { target: { value: 'auto' } });
    await waitFor(() => expect(legend()[0]).toBe('A+ (measured), kW.h per interval'));
    expect(chosenKind(signal)).toBeNull();
  });

  it('speaks Russian: origins in the legend and the counter choice', async () => {
    serveSeries();
    await renderChart('ru');
    const select = screen.getByLabelText('Как читать A+');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Автоматически: счётчик (по единице kW.h)', 'Счётчик (расход за интервал)', 'Мгновенное значение']);
    expect(screen.getByRole('group', { name: 'Счётчик или мгновенное значение' })).toBeInTheDocument();
    await waitFor(() =>
      expect(legend('Сигналы на графике')).toEqual([
        'A+ (измеренное), kW.h за интервал',
        'A+ (прогнозное), kW.h за интервал',
        'A+ (оценочное), kW.h за интервал',
      ]),
    );
  });
});

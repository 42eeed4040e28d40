import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import type { SensorRef, SensorState } from '../../api/besmart/schemas.ts';
import { ChartLegend } from '../../components/chart/chart-legend.tsx';
import { TimeSeriesChart, type ChartSeries } from '../../components/chart/time-series-chart.tsx';
import { ErrorPanel, EmptyState } from '../../components/query-state.tsx';
import { timeTickFormat } from '../../lib/chart/ticks.ts';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { originDash, originLabel } from '../../lib/origins.ts';
import { useSessions } from '../../lib/session/context.tsx';
import { chooseKind, type SignalKind } from '../../lib/signal-kind.ts';
import { mergeLines, reduceForPlot, shownRows } from './chart-view.ts';
import { seriesQuery, type SeriesResult } from './data/series-query.ts';
import { useChartView } from './chart-url.ts';
import { viewRange } from './chart-url.ts';
import {
  DELTA_T_CHOICES,
  DELTA_T_STEPS,
  resolveDeltaT,
  type DeltaTChoice,
  type DeltaTStep,
} from './model/aggregation.ts';
import { seriesToCsv } from './model/csv.ts';
import { readLocalDateTime } from '../../lib/local-time.ts';
import { parseLocalDateTime, previousPeriod, RANGE_PRESETS, toLocalInputValue, validateRange } from './model/ranges.ts';
import { signalBoundaries, stateBoundaries } from './model/series-view.ts';
import type { SignalInfo } from './sensor-signals.ts';
import { formatSensorId } from './sensor-id.ts';
import { kindSourceText } from './signal-kind-text.ts';
import './chart.css';

const minuteNow = () => Math.floor(Date.now() / 60_000) * 60_000;

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const AXIS_AND_MARGINS = 64 + 16;

/** Module-level, so useQueries recombines only when a result changed (and keeps its identity otherwise). */
function combine(results: UseQueryResult<SeriesResult>[]) {
  return {
    data: results.map((r) => r.data),
    pending: results.map((r) => r.isPending),
    failed: results.find((r) => r.isError) ?? null,
    fetching: results.some((r) => r.isFetching),
  };
}

interface Props {
  sensorRef: SensorRef;
  signals: SignalInfo[];
  states: SensorState[];
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Signals of one sensor over any range: presets, custom range, aggregation, zoom, compare, CSV. */
export function ChartPanel({ sensorRef, signals, states }: Props) {
  const { t, dateTime, number, locale } = useI18n();
  const sessions = useSessions();
  const [view, setView] = useChartView();
  // Presets are computed from a minute-aligned "now", captured when a range is chosen (stable query keys).
  const [now, setNow] = useState(() => minuteNow());
  const [plotWidth, setPlotWidth] = useState(() =>
    Math.max(200, Math.min(1400, (typeof window === 'undefined' ? 1000 : window.innerWidth) - 2 * AXIS_AND_MARGINS)),
  );
  const onPlotWidth = useCallback((px: number) => setPlotWidth(px), []);

  const signalsKey = view.signals.join(',');
  const selected = useMemo(() => {
    const wanted = signalsKey.split(',').map(Number);
    const chosen = signals.filter((s) => wanted.includes(s.moid));
    return chosen.length > 0 ? chosen : signals.slice(0, 1);
  }, [signals, signalsKey]);

  const base = viewRange(view, now);
  const shown = view.zoom ?? base;
  const span = shown.till - shown.from;
  const deltaT = resolveDeltaT(view.agg, span, plotWidth);
  const previous = previousPeriod(shown);
  const shownFrom = shown.from;
  const shownTill = shown.till;
  const previousFrom = shownFrom - (shownTill - shownFrom);

  const series = useQueries({
    combine,
    queries: [
      ...selected.map((s) => ({
        ...seriesQuery(
          sessions.besmart,
          { ...sensorRef, signal_type_moid: s.moid, since: shown.from, till: shown.till, deltaT },
          {
            consumption: s.kind.kind === 'counter' && !view.cumulative,
            boundaries: signalBoundaries(states, s.moid),
            from: shown.from,
          },
        ),
      })),
      ...(view.compare
        ? selected.map((s) => ({
            ...seriesQuery(
              sessions.besmart,
              { ...sensorRef, signal_type_moid: s.moid, since: previous.from, till: previous.till, deltaT },
              {
                consumption: s.kind.kind === 'counter' && !view.cumulative,
                boundaries: signalBoundaries(states, s.moid),
                from: previous.from,
              },
            ),
          }))
        : []),
    ],
  });

  const failed = series.failed;
  const loading = series.fetching;

  // What is on screen is one consistent snapshot: every series of the current view, each with its own
  // signal and range. While a new view loads, or when it fails, the last complete snapshot stays.
  const count = selected.length;
  const current = useMemo(() => {
    const entries = series.data.slice(0, count);
    const prev = series.data.slice(count);
    const wantConsumption = (i: number) => selected[i]?.kind.kind === 'counter' && !view.cumulative;
    const complete = entries.every(
      (e, i) =>
        e !== undefined &&
        e.moid === selected[i]?.moid &&
        e.since === shownFrom &&
        e.till === shownTill &&
        e.consumption === wantConsumption(i),
    );
    if (!complete || (prev.length > 0 && prev.some((e) => e === undefined))) return null;
    return {
      from: shownFrom,
      till: shownTill,
      previousFrom,
      signals: selected,
      cumulative: view.cumulative,
      entries: entries.flatMap((e) => (e ? [e] : [])),
      previous: prev,
    };
  }, [series.data, count, selected, shownFrom, shownTill, previousFrom, view.cumulative]);
  const [lastShown, setLastShown] = useState(current);
  if (current && current !== lastShown) setLastShown(current);
  // Reduced and drawn at transition priority: React can split that work into short tasks.
  const snapshot = useDeferredValue(current ?? lastShown);

  const display = useMemo(() => {
    const lines: ChartSeries[] = [];
    // CSV text is built on click, not on every render.
    const csv: { signal: SignalInfo; text: () => string }[] = [];
    let drawn = 0;
    let total = 0;
    let nonNumeric = 0;
    if (!snapshot) return { lines, csv, drawn, total, nonNumeric, from: shownFrom, till: shownTill, deltaT: null };
    const { from, till } = snapshot;
    const units = [...new Set(snapshot.signals.map((s, i) => snapshot.entries[i]?.series.unit || s.unit))];
    const columns = Math.max(1, Math.round(plotWidth));
    snapshot.signals.forEach((s, i) => {
      const p = snapshot.entries[i]?.series;
      if (!p) return;
      const color = COLORS[i % COLORS.length] ?? '#1f77b4';
      const entry = snapshot.entries[i];
      const unit = (p.unit || s.unit) + (entry?.consumption ? ` ${t('chart.perInterval')}` : '');
      const axis = units.indexOf(p.unit || s.unit) === 1 ? 'right' : 'left';
      const r = reduceForPlot(p, from, till, columns);
      const rows = shownRows([r.measured, r.other]);
      drawn += rows.length;
      total += p.total;
      nonNumeric += p.nonNumeric;
      // One line per origin present: measured solid, each other origin with a dash of its own.
      for (const { origin, line } of r.byOrigin) {
        lines.push({
          key: `${s.moid}-o${origin}`,
          name: `${s.symbol} (${originLabel(t, origin)})`,
          unit,
          color,
          axis,
          dash: originDash(origin),
          time: line.time,
          value: line.value,
          tags: line.origin,
          group: String(s.moid),
          label: s.symbol,
        });
      }
      const csvUnit = p.unit || s.unit;
      csv.push({ signal: s, text: () => seriesToCsv(rows.map((row) => ({ ...row, unit: csvUnit }))) });
      const prev = snapshot.previous[i]?.series;
      if (prev) {
        const pr = reduceForPlot(prev, from, till, columns, from - snapshot.previousFrom);
        const both = mergeLines(pr.measured, pr.other);
        lines.push({
          key: `${s.moid}-p`,
          name: `${s.symbol} (${t('chart.previous')})`,
          unit,
          color: '#8a8f98',
          axis,
          dashed: true,
          time: both.time,
          value: both.value,
        });
      }
    });
    return { lines, csv, drawn, total, nonNumeric, from, till, deltaT: snapshot.entries[0]?.deltaT ?? null };
  }, [snapshot, plotWidth, shownFrom, shownTill, t]);
  const originName = useCallback((o: number) => originLabel(t, o), [t]);

  // Stable props, so the (memoised) chart re-renders only when what it draws changes.
  const stateChange = t('chart.stateChange');
  const markers = useMemo(
    () => stateBoundaries(states, display.from, display.till).map((ms) => ({ t: ms, label: stateChange })),
    [states, display.from, display.till, stateChange],
  );
  const displaySpanDays = (display.till - display.from) / 86_400_000;
  const formatTick = useCallback(
    (ms: number) => dateTime(ms, timeTickFormat(displaySpanDays * 86_400_000)),
    [dateTime, displaySpanDays],
  );
  const formatTime = useCallback((ms: number) => dateTime(ms, { dateStyle: 'medium', timeStyle: 'short' }), [dateTime]);
  const formatValue = useCallback(
    (v: number) => number(v, { maximumFractionDigits: Math.abs(v) >= 100 ? 1 : 3 }),
    [number],
  );
  const onZoom = useCallback((from: number, till: number) => setView({ zoom: { from, till } }), [setView]);
  const plotLabel = t('chart.plotLabel', {
    signals: selected.map((s) => s.symbol).join(', '),
    from: formatTime(display.from),
    till: formatTime(display.till),
  });

  const stepName = (d: DeltaTStep | null) => (d === null ? t('chart.agg.raw') : t(`chart.agg.${d}`));

  if (signals.length === 0) {
    return (
      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t('chart.title')}</h2>
        <EmptyState>{t('chart.noSignals')}</EmptyState>
      </section>
    );
  }

  const zoomBy = (factor: number) => {
    const mid = (shown.from + shown.till) / 2;
    const half = (span * factor) / 2;
    const from = Math.max(base.from, Math.round(mid - half));
    const till = Math.min(base.till, Math.round(mid + half));
    setView({ zoom: factor >= 1 && from <= base.from && till >= base.till ? null : { from, till } });
  };

  return (
    <section className="panel chart-panel" aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t('chart.title')}</h2>
      <fieldset className="signal-picker">
        <legend>{t('chart.signals')}</legend>
        {signals.map((s) => {
          const on = selected.some((x) => x.moid === s.moid);
          return (
            <label key={s.moid} className="check">
              <input
                type="checkbox"
                checked={on}
                onChange={() => {
                  const next = on ? selected.filter((x) => x.moid !== s.moid) : [...selected, s];
                  setView({ signals: (next.length > 0 ? next : selected).map((x) => x.moid) });
                }}
              />{' '}
              <strong>{s.symbol}</strong> {s.description} {s.unit ? <span className="muted">({s.unit})</span> : null}
            </label>
          );
        })}
      </fieldset>

      <div className="chart-controls">
        <div role="group" aria-label={t('chart.range')} className="presets">
          {RANGE_PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={view.range === p}
              onClick={() => {
                setNow(minuteNow());
                setView({ range: p, zoom: null, from: null, till: null });
              }}
            >
              {t(`chart.preset.${p}`)}
            </button>
          ))}
        </div>
        <CustomRange
          key={`${base.from}-${base.till}`}
          from={base.from}
          till={base.till}
          onApply={(from, till) => setView({ range: 'custom', from, till, zoom: null })}
        />
        <AggregationSelect
          value={view.agg}
          autoIs={stepName(resolveDeltaT('auto', span, plotWidth))}
          onChange={(agg) => setView({ agg })}
        />
        {selected.some((s) => s.kind.kind === 'counter') ? (
          <label className="check">
            <input
              type="checkbox"
              checked={view.cumulative}
              onChange={(e) => setView({ cumulative: e.target.checked })}
            />{' '}
            {t('chart.cumulative')}
          </label>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={view.compare} onChange={(e) => setView({ compare: e.target.checked })} />{' '}
          {t('chart.compare')}
        </label>
      </div>

      <SignalKinds
        signals={selected}
        onChoose={(moid, kind) => chooseKind({ ...sensorRef, signal_type_moid: moid }, kind)}
      />

      <div className="chart-toolbar">
        <span className="muted">{t('chart.zoomHint')}</span>
        <button type="button" onClick={() => zoomBy(0.5)}>
          {t('chart.zoomIn')}
        </button>
        <button type="button" onClick={() => zoomBy(2)} disabled={!view.zoom}>
          {t('chart.zoomOut')}
        </button>
        <button type="button" onClick={() => setView({ zoom: null })} disabled={!view.zoom}>
          {t('chart.resetZoom')}
        </button>
        {display.csv.map(({ signal, text }) => (
          <button
            key={signal.moid}
            type="button"
            onClick={() =>
              download(
                `sensor-${formatSensorId(sensorRef)}-${signal.symbol.replace(/[^\w+-]/g, '_')}-${new Date(display.from).toISOString().slice(0, 10)}-${new Date(display.till).toISOString().slice(0, 10)}.csv`,
                text(),
              )
            }
          >
            {display.csv.length > 1 ? `${t('chart.export')} (${signal.symbol})` : t('chart.export')}
          </button>
        ))}
      </div>

      {failed ? (
        <ErrorPanel title={t('chart.failed')} error={failed.error} onRetry={() => void failed.refetch()} />
      ) : null}

      <p className="muted chart-status" role="status" aria-busy={loading}>
        {formatTime(display.from)} – {formatTime(display.till)} ·{' '}
        {stepName(display.lines.length > 0 ? (DELTA_T_STEPS.find((d) => d === display.deltaT) ?? null) : deltaT)}
        {display.total > 0 ? ` · ${t('chart.points', { shown: display.drawn, total: display.total })}` : ''}
        {display.nonNumeric > 0 ? ` · ${t('chart.nonNumeric', { count: display.nonNumeric })}` : ''}
        {loading ? ` · ${t('common.loading')}` : ''}
      </p>

      {display.lines.length === 0 || display.drawn === 0 ? (
        series.pending.slice(0, selected.length).every(Boolean) ? (
          <div className="chart-placeholder" aria-hidden="true" />
        ) : (
          <EmptyState>{t('chart.empty')}</EmptyState>
        )
      ) : (
        <>
          <TimeSeriesChart
            series={display.lines}
            from={display.from}
            till={display.till}
            markers={markers}
            label={plotLabel}
            formatTick={formatTick}
            formatTime={formatTime}
            formatValue={formatValue}
            onPlotWidth={onPlotWidth}
            onZoom={onZoom}
            tagName={originName}
          />
          <ChartLegend series={display.lines} label={t('chart.signals')} lang={locale} />
        </>
      )}
    </section>
  );
}

/**
 * Per signal drawn: is it a counter (drawn as consumption per interval) or an
 * instantaneous value? "Automatic" says what the app decided and why; a
 * choice is remembered per sensor signal (lib/signal-kind.ts) and the chart
 * redraws with it at once.
 */
function SignalKinds({
  signals,
  onChoose,
}: {
  signals: readonly SignalInfo[];
  onChoose: (moid: number, kind: SignalKind | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="signal-kinds" aria-describedby={`${id}-hint`}>
      <legend>{t('chart.kind.title')}</legend>
      {signals.map((s) => (
        <div className="field" key={s.moid}>
          <label htmlFor={`${id}-${s.moid}`}>{t('chart.kind.label', { signal: s.symbol })}</label>
          <select
            id={`${id}-${s.moid}`}
            value={s.kind.source === 'operator' ? s.kind.kind : 'auto'}
            onChange={(e) => {
              const v = e.target.value;
              onChoose(s.moid, v === 'counter' || v === 'instant' ? v : null);
            }}
          >
            <option value="auto">
              {t('chart.kind.autoIs', {
                kind: t(s.auto.kind === 'counter' ? 'chart.kind.counterShort' : 'chart.kind.instantShort'),
                source: kindSourceText(t, s.auto, s.unit),
              })}
            </option>
            <option value="counter">{t('chart.kind.counter')}</option>
            <option value="instant">{t('chart.kind.instant')}</option>
          </select>
        </div>
      ))}
      <p id={`${id}-hint`} className="field-hint">
        {t('chart.kind.hint')}
      </p>
    </fieldset>
  );
}

function AggregationSelect({
  value,
  autoIs,
  onChange,
}: {
  value: DeltaTChoice;
  autoIs: string;
  onChange: (v: DeltaTChoice) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('chart.aggregation')}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => onChange(DELTA_T_CHOICES.find((c) => String(c) === e.target.value) ?? 'auto')}
      >
        {DELTA_T_CHOICES.map((c) => (
          <option key={c} value={String(c)}>
            {c === 'auto'
              ? t('chart.agg.autoIs', { step: autoIs })
              : c === 'raw'
                ? t('chart.agg.raw')
                : t(`chart.agg.${c}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** From/to in local time; from ≥ to gets a message and no request is sent. */
function CustomRange({
  from,
  till,
  onApply,
}: {
  from: number;
  till: number;
  onApply: (from: number, till: number) => void;
}) {
  const { t } = useI18n();
  const [a, setA] = useState(toLocalInputValue(from));
  const [b, setB] = useState(toLocalInputValue(till));
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { from: useId(), till: useId(), msg: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A time the clocks skip is refused as the editing forms refuse it, and said so (not "enter both").
    if (
      [a, b].some((text) => {
        const reading = readLocalDateTime(text);
        return !reading.ok && reading.problem === 'skipped';
      })
    ) {
      setProblem(t('edit.validation.skippedTime'));
      return;
    }
    const f = parseLocalDateTime(a);
    const u = parseLocalDateTime(b);
    const issue = validateRange(f, u);
    if (issue) {
      setProblem(issue === 'signals.range.order' ? t('chart.rangeInvalid') : t('chart.rangeIncomplete'));
      return;
    }
    setProblem(null);
    onApply(f, u);
  };
  return (
    <form className="custom-range" onSubmit={submit} noValidate aria-label={t('chart.custom')}>
      <div className="field">
        <label htmlFor={ids.from}>{t('chart.from')}</label>
        <input
          id={ids.from}
          type="datetime-local"
          value={a}
          onChange={(e) => setA(e.target.value)}
          aria-describedby={problem ? ids.msg : undefined}
          aria-invalid={problem ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.till}>{t('chart.till')}</label>
        <input
          id={ids.till}
          type="datetime-local"
          value={b}
          onChange={(e) => setB(e.target.value)}
          aria-describedby={problem ? ids.msg : undefined}
          aria-invalid={problem ? true : undefined}
        />
      </div>
      <button type="submit">{t('chart.apply')}</button>
      {problem ? (
        <p id={ids.msg} className="form-failure" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

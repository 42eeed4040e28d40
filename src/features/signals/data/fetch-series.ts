import { getSignalData, type SignalDataQuery, type SignalRef } from '../../../api/besmart/client.ts';
import { toSeriesArrays } from '../../../api/besmart/schemas.ts';
import { prepareSeries } from '../chart-view.ts';
import type { PrepareOptions, PreparedSeries } from './protocol.ts';

/**
 * Fetches one signal's data and prepares it for drawing (typed arrays,
 * consumption, gaps, origin split). Runs in the worker, or inline as a fallback.
 */
export async function fetchSeries(
  token: string,
  signal: SignalRef,
  query: SignalDataQuery,
  prepare: PrepareOptions,
  abort?: AbortSignal,
): Promise<PreparedSeries> {
  const list = await getSignalData({ token }, signal, { get_last: true, ...query }, abort ? { signal: abort } : {});
  const first = list.find((s) => s.signal_type_moid === signal.signal_type_moid) ?? list[0];
  const loaded = first
    ? { ...toSeriesArrays(first.data), unit: first.unit }
    : { time: new Float64Array(0), value: new Float64Array(0), origin: new Uint8Array(0), unit: '' };
  return prepareSeries(loaded, prepare);
}

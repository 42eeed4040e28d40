import { getSignalData } from '../../api/besmart/client.ts';
import { toSeriesArrays, type SeriesArrays, type SignalDataQuery, type SignalRef } from '../../api/besmart/schemas.ts';

/** One signal's points as typed arrays, with the unit the server named. */
export interface SignalSeries extends SeriesArrays {
  unit: string;
}

/**
 * Fetches one signal's series over a range as typed arrays: the newest record
 * per time (`get_last`) unless the query says otherwise; empty when the server
 * sent no series. Free of React and of the query cache, so the series worker
 * runs it (the cache entry is `besmartKeys.series`, filled by the chart's
 * query through the worker).
 */
export async function fetchSignalSeries(
  token: string,
  signal: SignalRef,
  query: SignalDataQuery,
  abort?: AbortSignal,
): Promise<SignalSeries> {
  const list = await getSignalData({ token }, signal, { get_last: true, ...query }, abort ? { signal: abort } : {});
  const first = list.find((s) => s.signal_type_moid === signal.signal_type_moid) ?? list[0];
  return first
    ? { ...toSeriesArrays(first.data), unit: first.unit }
    : { time: new Float64Array(0), value: new Float64Array(0), origin: new Uint8Array(0), unit: '' };
}

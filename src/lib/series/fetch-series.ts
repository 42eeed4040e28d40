import { getSignalData, type SignalDataQuery, type SignalRef } from '../../api/besmart/client.ts';
import { toSeriesArrays } from '../../api/besmart/schemas.ts';
import type { LoadedSeries } from './protocol.ts';

/** Fetches one signal's data and returns it as typed arrays (runs in the worker, or inline as a fallback). */
export async function fetchSeries(
  token: string,
  signal: SignalRef,
  query: SignalDataQuery,
  abort?: AbortSignal,
): Promise<LoadedSeries> {
  const list = await getSignalData({ token }, signal, { get_last: true, ...query }, abort ? { signal: abort } : {});
  const first = list.find((s) => s.signal_type_moid === signal.signal_type_moid) ?? list[0];
  if (!first) return { time: new Float64Array(0), value: new Float64Array(0), origin: new Uint8Array(0), unit: '' };
  return { ...toSeriesArrays(first.data), unit: first.unit };
}

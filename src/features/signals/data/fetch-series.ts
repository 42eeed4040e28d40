import type { SignalDataQuery, SignalRef } from '../../../api/besmart/schemas.ts';
import { fetchSignalSeries } from '../../../lib/queries/besmart-series.ts';
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
  return prepareSeries(await fetchSignalSeries(token, signal, query, abort), prepare);
}

import type { SignalDataQuery, SignalRef } from '../../../api/besmart/client.ts';
import { fetchSeries } from './fetch-series.ts';
import {
  errorFromMessage,
  type PrepareOptions,
  type PreparedSeries,
  type SeriesRequest,
  type SeriesResponse,
} from './protocol.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (s: PreparedSeries) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./series.worker.ts', import.meta.url), { type: 'module', name: 'series' });
    worker.onmessage = (event: MessageEvent<SeriesResponse>) => {
      const msg = event.data;
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.ok) {
        const { id: _id, ok: _ok, ...series } = msg;
        waiter.resolve(series);
      } else waiter.reject(errorFromMessage(msg.error));
    };
  }
  return worker;
}

/**
 * One signal's data, loaded and prepared for drawing in a Web Worker (fetch,
 * JSON parse, validation and preparation stay off the main thread). Falls back to the main
 * thread where workers do not exist (unit tests).
 */
export function loadSeries(
  token: string,
  signal: SignalRef,
  query: SignalDataQuery,
  prepare: PrepareOptions,
): Promise<PreparedSeries> {
  const w = getWorker();
  if (!w) return fetchSeries(token, signal, query, prepare);
  const id = nextId++;
  const request: SeriesRequest = { id, token, signal, query, prepare };
  return new Promise<PreparedSeries>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage(request);
  });
}

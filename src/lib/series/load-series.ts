import type { SignalDataQuery, SignalRef } from '../../api/besmart/client.ts';
import { fetchSeries } from './fetch-series.ts';
import { errorFromMessage, type LoadedSeries, type SeriesRequest, type SeriesResponse } from './protocol.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (s: LoadedSeries) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./series.worker.ts', import.meta.url), { type: 'module', name: 'series' });
    worker.onmessage = (event: MessageEvent<SeriesResponse>) => {
      const msg = event.data;
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.ok) waiter.resolve({ time: msg.time, value: msg.value, origin: msg.origin, unit: msg.unit });
      else waiter.reject(errorFromMessage(msg.error));
    };
  }
  return worker;
}

/**
 * One signal's data as typed arrays, loaded in a Web Worker (fetch, JSON
 * parse and validation stay off the main thread). Falls back to the main
 * thread where workers do not exist (unit tests).
 */
export function loadSeries(token: string, signal: SignalRef, query: SignalDataQuery): Promise<LoadedSeries> {
  const w = getWorker();
  if (!w) return fetchSeries(token, signal, query);
  const id = nextId++;
  const request: SeriesRequest = { id, token, signal, query };
  return new Promise<LoadedSeries>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage(request);
  });
}

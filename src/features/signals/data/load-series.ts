import type { SignalDataQuery, SignalRef } from '../../../api/besmart/schemas.ts';
import { fetchSeries } from './fetch-series.ts';
import {
  errorFromMessage,
  type PrepareOptions,
  type PreparedSeries,
  type SeriesRequest,
  type SeriesResponse,
  type WorkerMessage,
} from './protocol.ts';

let worker: Worker | null = null;
/** Set when the worker failed to start or crashed: series then load on the main thread. */
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, { resolve: (s: PreparedSeries) => void; reject: (e: Error) => void }>();

function failAll(reason: string): void {
  for (const [id, waiter] of pending) {
    pending.delete(id);
    waiter.reject(new Error(reason));
  }
}

function getWorker(): Worker | null {
  if (typeof Worker === 'undefined' || workerBroken) return null;
  if (!worker) {
    const w = new Worker(new URL('./series.worker.ts', import.meta.url), { type: 'module', name: 'series' });
    w.onmessage = (event: MessageEvent<SeriesResponse>) => {
      const msg = event.data;
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.ok) {
        const { id: _id, ok: _ok, ...series } = msg;
        waiter.resolve(series);
      } else waiter.reject(errorFromMessage(msg.error));
    };
    // A worker that cannot start or dies must not leave charts loading forever.
    w.onerror = () => {
      workerBroken = true;
      worker = null;
      w.terminate();
      failAll('The chart’s background loader stopped; please try again.');
    };
    w.onmessageerror = () => failAll('The chart data could not be handed over; please try again.');
    worker = w;
  }
  return worker;
}

/**
 * One signal's data, loaded and prepared for drawing in a Web Worker (fetch,
 * JSON parse, validation and preparation stay off the main thread). Falls back
 * to the main thread where workers do not exist (unit tests) or broke.
 * Aborting cancels the request in the worker.
 */
export function loadSeries(
  token: string,
  signal: SignalRef,
  query: SignalDataQuery,
  prepare: PrepareOptions,
  abort?: AbortSignal,
): Promise<PreparedSeries> {
  const w = getWorker();
  if (!w) return fetchSeries(token, signal, query, prepare, abort);
  const id = nextId++;
  const request: WorkerMessage = { type: 'load', id, token, signal, query, prepare } satisfies SeriesRequest & {
    type: 'load';
  };
  return new Promise<PreparedSeries>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    abort?.addEventListener(
      'abort',
      () => {
        if (!pending.has(id)) return;
        pending.delete(id);
        w.postMessage({ type: 'cancel', id } satisfies WorkerMessage);
        reject(abort.reason instanceof Error ? abort.reason : new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
    w.postMessage(request);
  });
}

/// <reference lib="webworker" />
// Fetching, JSON parsing, validation and preparing a year of one-minute data
// take ~250 ms: here, off the main thread, so switching range never blocks the page.
import '../../../lib/zod-jitless.ts';
import { fetchSeries } from './fetch-series.ts';
import { errorToMessage, type SeriesResponse, type WorkerMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const running = new Map<number, AbortController>();

self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    running.get(msg.id)?.abort();
    running.delete(msg.id);
    return;
  }
  const { id, token, signal, query, prepare } = msg;
  const controller = new AbortController();
  running.set(id, controller);
  fetchSeries(token, signal, query, prepare, controller.signal).then(
    (series) => {
      running.delete(id);
      if (controller.signal.aborted) return;
      const message: SeriesResponse = { id, ok: true, ...series };
      self.postMessage(message, [
        series.time.buffer,
        series.measured.buffer,
        series.other.buffer,
        series.origin.buffer,
      ]);
    },
    (error: unknown) => {
      running.delete(id);
      if (controller.signal.aborted) return;
      const message: SeriesResponse = { id, ok: false, error: errorToMessage(error) };
      self.postMessage(message);
    },
  );
};

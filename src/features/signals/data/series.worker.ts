/// <reference lib="webworker" />
// Fetching, JSON parsing, validation and preparing a year of one-minute data
// take ~250 ms: here, off the main thread, so switching range never blocks the page.
import { fetchSeries } from './fetch-series.ts';
import { errorToMessage, type SeriesRequest, type SeriesResponse } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<SeriesRequest>) => {
  const { id, token, signal, query, prepare } = event.data;
  fetchSeries(token, signal, query, prepare).then(
    (series) => {
      const message: SeriesResponse = { id, ok: true, ...series };
      self.postMessage(message, [
        series.time.buffer,
        series.measured.buffer,
        series.other.buffer,
        series.origin.buffer,
      ]);
    },
    (error: unknown) => {
      const message: SeriesResponse = { id, ok: false, error: errorToMessage(error) };
      self.postMessage(message);
    },
  );
};

import { ApiError, type ApiErrorInit } from '../../api/errors.ts';
import type { SignalDataQuery, SignalRef } from '../../api/besmart/client.ts';

/** A request to the series worker: fetch, parse and turn one signal's data into typed arrays. */
export interface SeriesRequest {
  id: number;
  token: string;
  signal: SignalRef;
  query: SignalDataQuery;
}

/** One signal's data, ready for the chart: parallel typed arrays (NaN = null or non-numeric value). */
export interface LoadedSeries {
  time: Float64Array;
  value: Float64Array;
  origin: Uint8Array;
  unit: string;
}

export type SeriesResponse =
  ({ id: number; ok: true } & LoadedSeries) | { id: number; ok: false; error: ApiErrorInit | { message: string } };

export function errorToMessage(error: unknown): ApiErrorInit | { message: string } {
  if (error instanceof ApiError) {
    return {
      service: error.service,
      kind: error.kind,
      what: error.what,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(error.serverMessage === undefined ? {} : { serverMessage: error.serverMessage }),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function errorFromMessage(error: ApiErrorInit | { message: string }): Error {
  return 'service' in error ? new ApiError(error) : new Error(error.message);
}

import { ApiError, type ApiErrorInit } from '../../../api/errors.ts';
import type { SignalDataQuery, SignalRef } from '../../../api/besmart/schemas.ts';

/** A request to the series worker: fetch, parse and turn one signal's data into typed arrays. */
export interface SeriesRequest {
  id: number;
  token: string;
  signal: SignalRef;
  query: SignalDataQuery;
  /** Preparation for drawing, done in the worker too (see PrepareOptions). */
  prepare: PrepareOptions;
}

/** How a series is turned into what the chart draws (consumption, gaps, origin split). */
export interface PrepareOptions {
  /** Show consumption per interval instead of the cumulative reading. */
  consumption: boolean;
  /** State starts (meter swaps) and the counter reading at each. */
  boundaries: { since: number; valueForSince: number | null }[];
  /** Range start: a state start before it is not a boundary inside the range. */
  from: number;
}

/** A series ready to reduce and draw, as parallel typed arrays. */
export interface PreparedSeries {
  time: Float64Array;
  /** Measured values (NaN elsewhere). */
  measured: Float64Array;
  /** Estimated or predicted values (NaN elsewhere). */
  other: Float64Array;
  /** Origin per row (1 measured). */
  origin: Uint8Array;
  /** Points that came as null or non-numeric values. */
  nonNumeric: number;
  /** Raw points received. */
  total: number;
  unit: string;
}

/** One signal's data, ready for the chart: parallel typed arrays (NaN = null or non-numeric value). */
export interface LoadedSeries {
  time: Float64Array;
  value: Float64Array;
  origin: Uint8Array;
  unit: string;
}

export type SeriesResponse =
  ({ id: number; ok: true } & PreparedSeries) | { id: number; ok: false; error: ApiErrorInit | { message: string } };

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

/** What the page sends the worker: load a series, or cancel one no longer wanted. */
export type WorkerMessage = ({ type: 'load' } & SeriesRequest) | { type: 'cancel'; id: number };

import { queryOptions } from '@tanstack/react-query';
import {
  getMeterTypes,
  getSensor,
  getSensorStates,
  getSensorTypes,
  getSignalData,
  getSignalTypes,
} from '../../api/besmart/client.ts';
import type { SensorRef, SignalRef } from '../../api/besmart/schemas.ts';
import type { BesmartSession } from '../session/besmart-session.ts';
import { serviceRootKey } from './service-keys.ts';

/**
 * Every besmart query key, generic → specific, so a prefix means what it
 * says: `signals(sensor)` is every series of a sensor (chart and tables),
 * `states()` every sensor's states.
 */
export const besmartKeys = {
  all: () => serviceRootKey('besmart'),
  sensorTypes: () => ['besmart', 'sensor-types'] as const,
  signalTypes: () => ['besmart', 'signal-types'] as const,
  sensor: ({ client_cid, sensor_mid }: SensorRef) => ['besmart', 'sensor', client_cid, sensor_mid] as const,
  /** The states of every sensor (a meter type's name and flags show in them). */
  allStates: () => ['besmart', 'states'] as const,
  states: ({ client_cid, sensor_mid }: SensorRef) => ['besmart', 'states', client_cid, sensor_mid] as const,
  meterTypes: (clientCid: number) => ['besmart', 'meter-types', clientCid] as const,
  /** Every series of one sensor: the chart's and the data editor's. */
  signals: ({ client_cid, sensor_mid }: SensorRef) => ['besmart', 'signal', client_cid, sensor_mid] as const,
  /** Every range and view of one signal. */
  signal: (s: SignalRef) => [...besmartKeys.signals(s), s.signal_type_moid] as const,
  /** The data editor's table of one signal: every range of it … */
  signalTables: (s: SignalRef) => [...besmartKeys.signal(s), 'table'] as const,
  /** … and one range. */
  signalTable: (s: SignalRef, since: number, till: number) => [...besmartKeys.signalTables(s), since, till] as const,
  /** The chart's series of one signal over a range; `view` tells how it was prepared for drawing. */
  series: <V>(s: SignalRef, since: number, till: number, deltaT: number | null, view: V) =>
    [...besmartKeys.signal(s), since, till, deltaT, view] as const,
};

/** besmart query options, keyed by besmartKeys. */
export const besmartQueries = {
  all: besmartKeys.all,
  sensorTypes: (session: BesmartSession) =>
    queryOptions({
      queryKey: besmartKeys.sensorTypes(),
      queryFn: ({ signal }) => session.call((auth) => getSensorTypes(auth, { signal })),
      staleTime: 10 * 60_000,
    }),
  signalTypes: (session: BesmartSession) =>
    queryOptions({
      queryKey: besmartKeys.signalTypes(),
      queryFn: ({ signal }) => session.call((auth) => getSignalTypes(auth, { signal })),
      staleTime: 10 * 60_000,
    }),
  sensor: (session: BesmartSession, { client_cid, sensor_mid }: SensorRef) =>
    queryOptions({
      queryKey: besmartKeys.sensor({ client_cid, sensor_mid }),
      queryFn: ({ signal }) => session.call((auth) => getSensor(auth, { client_cid, sensor_mid }, { signal })),
      staleTime: 60_000,
    }),
  states: (session: BesmartSession, { client_cid, sensor_mid }: SensorRef) =>
    queryOptions({
      queryKey: besmartKeys.states({ client_cid, sensor_mid }),
      queryFn: ({ signal }) => session.call((auth) => getSensorStates(auth, { client_cid, sensor_mid }, { signal })),
      staleTime: 60_000,
    }),
  meterTypes: (session: BesmartSession, clientCid: number) =>
    queryOptions({
      queryKey: besmartKeys.meterTypes(clientCid),
      queryFn: ({ signal }) => session.call((auth) => getMeterTypes(auth, clientCid, { signal })),
      staleTime: 60_000,
    }),
  /** One signal's stored points between since and till, newest record per time (the data editor's table). */
  signalTable: (session: BesmartSession, s: SignalRef, { since, till }: { since: number; till: number }) =>
    queryOptions({
      queryKey: besmartKeys.signalTable(s, since, till),
      queryFn: ({ signal }) =>
        session.call((auth) =>
          getSignalData(
            auth,
            { client_cid: s.client_cid, sensor_mid: s.sensor_mid, signal_type_moid: s.signal_type_moid },
            { since, till, get_last: true },
            { signal },
          ),
        ),
      staleTime: 30_000,
    }),
};

import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import {
  createMeterType,
  createSensor,
  createSensorState,
  createSignalState,
  deleteMeterType,
  deleteSensor,
  deleteSensorState,
  deleteSignalState,
  putSignalData,
  putSignalsData,
  runGraph,
  runGraphByName,
  updateMeterType,
  updateSensor,
  updateSensorState,
  updateSignalState,
} from '../../api/besmart/client.ts';
import type {
  CreateSensorParams,
  MeterType,
  MeterTypeParams,
  SensorRef,
  SensorState,
  SensorStateFields,
  SeriesInput,
  SeriesPut,
  SignalRef,
  SignalState,
  SignalStateFields,
  TaskOptions,
} from '../../api/besmart/schemas.ts';
import type { BesmartSession } from '../session/besmart-session.ts';
import { besmartKeys } from './besmart.ts';

/*
 * Every besmart write as mutation options that know what they make stale.
 * `onSuccess` invalidates (or removes) the cached reads the write changed and
 * returns that promise, so `mutateAsync` settles after the reloads it started.
 * A feature with its own work to do on success uses `useMutationThen`
 * (./use-mutation-then.ts): its work runs first, the invalidation after it.
 */

/** Signal data to store: one signal (PUT of one series) or several at once. */
export type SignalDataWrite =
  { kind: 'one'; signal: SignalRef; data: SeriesInput; unit: string } | { kind: 'many'; items: SeriesPut[] };

/** A task to run: a stored graph by name with template parameters, or a raw graph (v0.1.5 only). */
export type TaskRun =
  | { kind: 'name'; graphName: string; params: Parameters<typeof runGraphByName>[2]; options: TaskOptions }
  | { kind: 'raw'; graph: Parameters<typeof runGraph>[1]; options: TaskOptions };

/** Invalidations the writes share; also for callers that write in chunks and refresh once at the end. */
export const besmartInvalidate = {
  /** Every series of a sensor: the chart's and the data editor's tables. */
  signals: (queryClient: QueryClient, sensor: SensorRef) =>
    queryClient.invalidateQueries({ queryKey: besmartKeys.signals(sensor) }),
  /** A sensor's states and its series (states carry the counter readings the chart's consumption uses). */
  statesAndSignals: (queryClient: QueryClient, sensor: SensorRef) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: besmartKeys.states(sensor) }),
      queryClient.invalidateQueries({ queryKey: besmartKeys.signals(sensor) }),
    ]),
  /** A client's meter types and every state (states show their meter type's name and AMI flag). */
  meterTypes: (queryClient: QueryClient, clientCid: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: besmartKeys.meterTypes(clientCid) }),
      queryClient.invalidateQueries({ queryKey: besmartKeys.allStates() }),
    ]),
};

export const besmartMutations = {
  // ------------------------------------------------------------ sensors

  /** Creates a sensor; answers its ref. Refreshes that sensor's cached read. */
  createSensor: (session: BesmartSession, queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: (params: CreateSensorParams) => session.call((auth) => createSensor(auth, params)),
      onSuccess: (ref) => queryClient.invalidateQueries({ queryKey: besmartKeys.sensor(ref) }),
    }),

  /** Saves the changed fields of a sensor; refreshes the sensor. */
  updateSensor: (session: BesmartSession, queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: ({ sensor, changes }: { sensor: SensorRef; changes: Parameters<typeof updateSensor>[2] }) =>
        session.call((auth) => updateSensor(auth, sensor, changes)),
      onSuccess: (_, { sensor }) => queryClient.invalidateQueries({ queryKey: besmartKeys.sensor(sensor) }),
    }),

  /** Deletes a sensor; its sensor, states and series leave the cache (nothing is left to reload). */
  deleteSensor: (session: BesmartSession, queryClient: QueryClient) =>
    mutationOptions({
      mutationFn: (sensor: SensorRef) => session.call((auth) => deleteSensor(auth, sensor)),
      onSuccess: (_, sensor) => {
        for (const key of [besmartKeys.sensor(sensor), besmartKeys.states(sensor), besmartKeys.signals(sensor)])
          queryClient.removeQueries({ queryKey: key });
      },
    }),

  // ------------------------------------------------------------ meter types

  /** Creates or rewrites a meter type of the client; refreshes its meter types and every state. */
  saveMeterType: (session: BesmartSession, queryClient: QueryClient, clientCid: number, mode: 'create' | 'edit') =>
    mutationOptions({
      mutationFn: (params: MeterTypeParams) =>
        session.call(async (auth) => {
          if (mode === 'create') await createMeterType(auth, clientCid, params);
          else await updateMeterType(auth, clientCid, params);
        }),
      onSuccess: () => besmartInvalidate.meterTypes(queryClient, clientCid),
    }),

  /** Deletes a meter type of the client; refreshes its meter types and every state. */
  deleteMeterType: (session: BesmartSession, queryClient: QueryClient, clientCid: number) =>
    mutationOptions({
      mutationFn: (m: MeterType) => session.call((auth) => deleteMeterType(auth, clientCid, m.id)),
      onSuccess: () => besmartInvalidate.meterTypes(queryClient, clientCid),
    }),

  // ------------------------------------------------------------ sensor states (of one sensor)

  /** Adds a state to the sensor; answers it. Refreshes the sensor's states and series. */
  createSensorState: (session: BesmartSession, queryClient: QueryClient, sensor: SensorRef) =>
    mutationOptions({
      mutationFn: (fields: SensorStateFields & { since: number }) =>
        session.call((auth) => createSensorState(auth, { ...sensor, ...fields })),
      onSuccess: () => besmartInvalidate.statesAndSignals(queryClient, sensor),
    }),

  /** Changes a state of the sensor; refreshes the sensor's states and series. */
  updateSensorState: (session: BesmartSession, queryClient: QueryClient, sensor: SensorRef) =>
    mutationOptions({
      mutationFn: ({ id, changes }: { id: number; changes: SensorStateFields }) =>
        session.call((auth) => updateSensorState(auth, id, changes)),
      onSuccess: () => besmartInvalidate.statesAndSignals(queryClient, sensor),
    }),

  /** Deletes a state of the sensor (with its signal states); refreshes the sensor's states and series. */
  deleteSensorState: (session: BesmartSession, queryClient: QueryClient, sensor: SensorRef) =>
    mutationOptions({
      mutationFn: (s: SensorState) => session.call((auth) => deleteSensorState(auth, s.sensor_state_id)),
      onSuccess: () => besmartInvalidate.statesAndSignals(queryClient, sensor),
    }),

  // ------------------------------------------------------------ signal states (of one sensor)

  /** Adds a signal's readings to a state of the sensor; answers it. Refreshes the sensor's states and series. */
  createSignalState: (session: BesmartSession, queryClient: QueryClient, sensor: SensorRef) =>
    mutationOptions({
      mutationFn: ({
        sensorStateId,
        fields,
      }: {
        sensorStateId: number;
        fields: SignalStateFields & { signal_type_moid: number };
      }) => session.call((auth) => createSignalState(auth, sensorStateId, fields)),
      onSuccess: () => besmartInvalidate.statesAndSignals(queryClient, sensor),
    }),

  /** Changes a signal state's readings; refreshes the sensor's states and series. */
  updateSignalState: (session: BesmartSession, queryClient: QueryClient, sensor: SensorRef) =>
    mutationOptions({
      mutationFn: ({ id, changes }: { id: number; changes: SignalStateFields }) =>
        session.call((auth) => updateSignalState(auth, id, changes)),
      onSuccess: () => besmartInvalidate.statesAndSignals(queryClient, sensor),
    }),

  /** Deletes a signal state; refreshes the sensor's states and series. */
  deleteSignalState: (session: BesmartSession, queryClient: QueryClient, sensor: SensorRef) =>
    mutationOptions({
      mutationFn: (s: SignalState) => session.call((auth) => deleteSignalState(auth, s.signal_state_id)),
      onSuccess: () => besmartInvalidate.statesAndSignals(queryClient, sensor),
    }),

  // ------------------------------------------------------------ signal data

  /**
   * Stores edited points of one sensor's signals. Every series of the sensor
   * reloads in the background; the reload of `awaitTable`'s tables is awaited,
   * so a table never shows a point's old value between the save and its reload.
   */
  saveSignalData: (session: BesmartSession, queryClient: QueryClient, sensor: SensorRef) =>
    mutationOptions({
      mutationFn: ({ write }: { write: SignalDataWrite; awaitTable: SignalRef }) =>
        session.call((auth) =>
          write.kind === 'one'
            ? putSignalData(auth, write.signal, write.data, { unit: write.unit })
            : putSignalsData(auth, write.items),
        ),
      onSuccess: async (_, { awaitTable }) => {
        const shown = besmartKeys.signalTables(awaitTable);
        void queryClient.invalidateQueries({
          queryKey: besmartKeys.signals(sensor),
          predicate: (q) => !shown.every((part, i) => q.queryKey[i] === part),
        });
        await queryClient.invalidateQueries({ queryKey: shown });
      },
    }),

  /**
   * Stores one chunk of an import into a signal. Refreshes nothing: the
   * importer calls `besmartInvalidate.signals` once after its last chunk.
   */
  importChunk: (session: BesmartSession) =>
    mutationOptions({
      mutationFn: ({ signal, data, unit }: { signal: SignalRef; data: SeriesInput; unit: string }) =>
        session.call((auth) => putSignalData(auth, signal, data, { unit })),
    }),

  // ------------------------------------------------------------ tasks

  /** Runs a graph; changes nothing the app caches. */
  runTask: (session: BesmartSession) =>
    mutationOptions({
      mutationFn: (task: TaskRun) =>
        session.call((auth) =>
          task.kind === 'name'
            ? runGraphByName(auth, task.graphName, task.params, task.options)
            : runGraph(auth, task.graph, task.options),
        ),
    }),
};

import { QueryClient, type MutationFunctionContext, type QueryKey } from '@tanstack/react-query';
import type { MeterType, SensorState, SignalState } from '../../api/besmart/schemas.ts';
import type { BesmartSession } from '../session/besmart-session.ts';
import { besmartKeys } from './besmart.ts';
import { besmartMutations } from './besmart-mutations.ts';

// Only what each write does to the cache is tested here; the writes themselves are the client's (api/besmart).
const session = null as unknown as BesmartSession;
const one = { client_cid: 1, sensor_mid: 1 };
const other = { client_cid: 1, sensor_mid: 2 };

function cache() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const keys: QueryKey[] = [
    besmartKeys.sensorTypes(),
    besmartKeys.sensor(one),
    besmartKeys.sensor(other),
    besmartKeys.states(one),
    besmartKeys.states(other),
    besmartKeys.meterTypes(1),
    besmartKeys.meterTypes(2),
    besmartKeys.signalTable({ ...one, signal_type_moid: 32 }, 0, 10),
    besmartKeys.signalTable({ ...one, signal_type_moid: 64 }, 0, 10),
    besmartKeys.series({ ...one, signal_type_moid: 32 }, 0, 10, null, { consumption: false }),
    besmartKeys.series({ ...other, signal_type_moid: 32 }, 0, 10, null, { consumption: false }),
  ];
  for (const key of keys) queryClient.setQueryData(key, 'cached');
  const stale = () =>
    queryClient
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => q.queryKey);
  const present = () =>
    queryClient
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey);
  return { queryClient, stale, present };
}

/** Runs a mutation's own onSuccess as TanStack Query would after the write succeeded. */
async function succeed<D, V>(
  queryClient: QueryClient,
  options: { onSuccess?: (data: D, variables: V, result: undefined, context: MutationFunctionContext) => unknown },
  data: D,
  variables: V,
) {
  await options.onSuccess?.(data, variables, undefined, { client: queryClient, meta: undefined });
}

describe('besmart writes refresh what they change', () => {
  it('a sensor saved or created: that sensor only', async () => {
    const { queryClient, stale } = cache();
    await succeed(queryClient, besmartMutations.updateSensor(session, queryClient), undefined, {
      sensor: one,
      changes: { name: 'x' },
    });
    expect(stale()).toEqual([besmartKeys.sensor(one)]);
    const created = cache();
    await succeed(created.queryClient, besmartMutations.createSensor(session, created.queryClient), other, {
      name: 'y',
      sensor_type_id: 1,
      client_cid: 1,
    });
    expect(created.stale()).toEqual([besmartKeys.sensor(other)]);
  });

  it('a sensor deleted: its sensor, states and series leave the cache, other sensors stay', async () => {
    const { queryClient, present, stale } = cache();
    await succeed(queryClient, besmartMutations.deleteSensor(session, queryClient), undefined, one);
    expect(present().filter((k) => k[2] === 1 && k[3] === 1)).toEqual([]);
    expect(present()).toContainEqual(besmartKeys.sensor(other));
    expect(present()).toContainEqual(besmartKeys.states(other));
    expect(stale()).toEqual([]);
  });

  it('a state or signal state written: the sensor’s states and every series of it', async () => {
    const expected = [
      besmartKeys.states(one),
      besmartKeys.signalTable({ ...one, signal_type_moid: 32 }, 0, 10),
      besmartKeys.signalTable({ ...one, signal_type_moid: 64 }, 0, 10),
      besmartKeys.series({ ...one, signal_type_moid: 32 }, 0, 10, null, { consumption: false }),
    ];
    const state = { sensor_state_id: 5 } as SensorState;
    const signalState = { signal_state_id: 7 } as SignalState;
    const writes = [
      (qc: QueryClient) => succeed(qc, besmartMutations.createSensorState(session, qc, one), state, { since: 0 }),
      (qc: QueryClient) =>
        succeed(qc, besmartMutations.updateSensorState(session, qc, one), undefined, { id: 5, changes: {} }),
      (qc: QueryClient) => succeed(qc, besmartMutations.deleteSensorState(session, qc, one), undefined, state),
      (qc: QueryClient) =>
        succeed(qc, besmartMutations.createSignalState(session, qc, one), signalState as never, {
          sensorStateId: 5,
          fields: { signal_type_moid: 32 },
        }),
      (qc: QueryClient) =>
        succeed(qc, besmartMutations.updateSignalState(session, qc, one), undefined, { id: 7, changes: {} }),
      (qc: QueryClient) => succeed(qc, besmartMutations.deleteSignalState(session, qc, one), undefined, signalState),
    ];
    for (const write of writes) {
      const { queryClient, stale } = cache();
      await write(queryClient);
      expect(stale()).toEqual(expect.arrayContaining(expected));
      expect(stale()).toHaveLength(expected.length);
    }
  });

  it('a meter type written: the client’s meter types and every sensor’s states', async () => {
    for (const options of [
      (qc: QueryClient) => besmartMutations.saveMeterType(session, qc, 1, 'create'),
      (qc: QueryClient) => besmartMutations.saveMeterType(session, qc, 1, 'edit'),
    ]) {
      const { queryClient, stale } = cache();
      await succeed(queryClient, options(queryClient), undefined, { meter_type_name: 'M', number_of_phases: 1 });
      const expected = [besmartKeys.meterTypes(1), besmartKeys.states(one), besmartKeys.states(other)];
      expect(stale()).toEqual(expect.arrayContaining(expected));
      expect(stale()).toHaveLength(expected.length);
    }
    const { queryClient, stale } = cache();
    await succeed(queryClient, besmartMutations.deleteMeterType(session, queryClient, 1), undefined, {
      id: 3,
    } as MeterType);
    expect(stale()).toHaveLength(3);
    expect(stale()).not.toContainEqual(besmartKeys.meterTypes(2));
  });

  it('signal data saved: every series of that sensor, no other sensor’s', async () => {
    const { queryClient, stale } = cache();
    await succeed(queryClient, besmartMutations.saveSignalData(session, queryClient, one), undefined, {
      write: { kind: 'many', items: [] },
      awaitTable: { ...one, signal_type_moid: 32 },
    });
    expect(stale()).toEqual([
      besmartKeys.signalTable({ ...one, signal_type_moid: 32 }, 0, 10),
      besmartKeys.signalTable({ ...one, signal_type_moid: 64 }, 0, 10),
      besmartKeys.series({ ...one, signal_type_moid: 32 }, 0, 10, null, { consumption: false }),
    ]);
  });
});

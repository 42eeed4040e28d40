import { QueryClient } from '@tanstack/react-query';
import { besmartKeys } from './besmart.ts';
import { sauresKeys } from './saures.ts';
import { serviceRootKey } from './service-keys.ts';

const sensor = { client_cid: 1, sensor_mid: 3 };

describe('serviceRootKey', () => {
  it('is the factories’ root, and every key of that service’s factory starts with it', () => {
    const besmart = [
      besmartKeys.sensorTypes(),
      besmartKeys.sensor(sensor),
      besmartKeys.states(sensor),
      besmartKeys.meterTypes(1),
      besmartKeys.signalTable({ ...sensor, signal_type_moid: 32 }, 0, 10),
      besmartKeys.series({ ...sensor, signal_type_moid: 32 }, 0, 10, null, 'line'),
    ];
    expect(besmartKeys.all()).toEqual(serviceRootKey('besmart'));
    expect(sauresKeys.all()).toEqual(serviceRootKey('saures'));
    for (const key of besmart) expect(key.slice(0, 1)).toEqual(serviceRootKey('besmart'));
    for (const key of [sauresKeys.flats(), sauresKeys.meters(7)])
      expect(key.slice(0, 1)).toEqual(serviceRootKey('saures'));
  });

  it('matches one service’s cached answers and leaves the other’s', () => {
    const client = new QueryClient();
    client.setQueryData(besmartKeys.sensor(sensor), { name: 'Garage meter' });
    client.setQueryData(sauresKeys.flats(), []);
    client.removeQueries({ queryKey: serviceRootKey('besmart') });
    expect(client.getQueryData(besmartKeys.sensor(sensor))).toBeUndefined();
    expect(client.getQueryData(sauresKeys.flats())).toEqual([]);
    client.removeQueries({ queryKey: serviceRootKey('saures') });
    expect(client.getQueryData(sauresKeys.flats())).toBeUndefined();
  });
});

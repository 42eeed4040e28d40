import type { SensorRef } from '../../api/besmart/schemas.ts';

/** "1.2" ↔ {client_cid: 1, sensor_mid: 2}: how besmart writes a sensor's id. */
export function formatSensorId(ref: SensorRef): string {
  return `${ref.client_cid}.${ref.sensor_mid}`;
}

export function parseSensorId(text: string | undefined): SensorRef | null {
  const m = /^(\d{1,9})\.(\d{1,9})$/.exec(text ?? '');
  if (!m) return null;
  return { client_cid: Number(m[1]), sensor_mid: Number(m[2]) };
}

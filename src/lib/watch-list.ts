import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import type { SensorRef } from '../api/besmart/schemas.ts';

/*
 * besmart has no "list sensors" endpoint, so each besmart user keeps a watch
 * list of sensor ids in localStorage (ids only: nothing secret).
 */

const listSchema = z.array(z.object({ client_cid: z.number().int(), sensor_mid: z.number().int() }));
const keyOf = (userId: number) => `meterdeck.watch.${userId}`;
const listeners = new Set<() => void>();
const snapshots = new Map<number, { raw: string | null; list: SensorRef[] }>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The user's list, or null when this user has never had one (the demo seeds it then). */
export function readWatchList(userId: number): SensorRef[] | null {
  const raw = storage()?.getItem(keyOf(userId)) ?? null;
  const cached = snapshots.get(userId);
  if (cached && cached.raw === raw) return raw === null ? null : cached.list;
  let list: SensorRef[] = [];
  if (raw !== null) {
    try {
      const parsed = listSchema.safeParse(JSON.parse(raw));
      list = parsed.success ? parsed.data : [];
    } catch {
      list = [];
    }
  }
  snapshots.set(userId, { raw, list });
  return raw === null ? null : list;
}

function write(userId: number, list: SensorRef[]): void {
  const unique = list.filter(
    (s, i) => list.findIndex((o) => o.client_cid === s.client_cid && o.sensor_mid === s.sensor_mid) === i,
  );
  storage()?.setItem(keyOf(userId), JSON.stringify(unique));
  for (const l of listeners) l();
}

export const sameSensor = (a: SensorRef, b: SensorRef) =>
  a.client_cid === b.client_cid && a.sensor_mid === b.sensor_mid;

export function addToWatchList(userId: number, sensor: SensorRef): void {
  const list = readWatchList(userId) ?? [];
  if (!list.some((s) => sameSensor(s, sensor))) write(userId, [...list, sensor]);
}

export function removeFromWatchList(userId: number, sensor: SensorRef): void {
  write(
    userId,
    (readWatchList(userId) ?? []).filter((s) => !sameSensor(s, sensor)),
  );
}

/** Creates the list with these sensors if the user has none yet. */
export function seedWatchList(userId: number, sensors: SensorRef[]): void {
  if (readWatchList(userId) === null) write(userId, sensors);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('meterdeck.watch.')) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const EMPTY: SensorRef[] = [];

export function useWatchList(userId: number | null): SensorRef[] {
  return useSyncExternalStore(subscribe, () => (userId === null ? EMPTY : (readWatchList(userId) ?? EMPTY)));
}

import type { SessionService } from './store.ts';

/*
 * Sign-out reaches every open tab of the app. Each tab keeps its own session
 * in sessionStorage, and a tab opened from another (a link opened in a new
 * tab) starts with a copy of it, so signing out in one tab would leave the
 * others signed in, even across a reload. A BroadcastChannel tells them.
 * Loaded on first use (not with the sign-in page, which has a size budget).
 */

const CHANNEL = 'meterdeck.sign-out';

function serviceOf(data: unknown): SessionService | null {
  if (typeof data !== 'object' || data === null || !('service' in data)) return null;
  return data.service === 'saures' || data.service === 'besmart' ? data.service : null;
}

/** Tells the app's other tabs (same origin, same browser profile) that `service` was signed out here. */
export function announceSignOut(service: SessionService): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ service });
  channel.close();
}

/** Calls `onSignOut` when another tab of the app signs out of a service; `close()` stops listening. */
export function listenForSignOut(onSignOut: (service: SessionService) => void): { close(): void } {
  if (typeof BroadcastChannel === 'undefined') return { close: () => {} };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const service = serviceOf(event.data);
    if (service) onSignOut(service);
  };
  return { close: () => channel.close() };
}

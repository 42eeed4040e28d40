import type { QueryClient } from '@tanstack/react-query';
import { serviceRootKey } from '../../lib/queries/service-keys.ts';
import type { Sessions } from '../../lib/session/sessions.ts';
import { announceSignOut, listenForSignOut } from '../../lib/session/sign-out-broadcast.ts';
import type { SessionService } from '../../lib/session/store.ts';

const SERVICES: readonly SessionService[] = ['saures', 'besmart'];

/**
 * Keeps the app's open tabs signed in or out together. When this tab's
 * session of a service ends (signed out, or ended for good), the other tabs
 * are told; when another tab's ends, this tab signs out of that service too:
 * its session and cached data go, and its routes show the sign-in page.
 * The app loads this after its first paint (the sign-in route's JS has a
 * size budget), so the sign-out path itself carries none of it.
 */
export function followSignOutsElsewhere(sessions: Sessions, queryClient: QueryClient): { close(): void } {
  let fromElsewhere = false;
  let before = sessions.store.getState();
  const unsubscribe = sessions.store.subscribe((now) => {
    for (const service of SERVICES) {
      if (before[service] !== null && now[service] === null && !fromElsewhere) announceSignOut(service);
    }
    before = now;
  });
  const channel = listenForSignOut((service) => {
    fromElsewhere = true;
    try {
      sessions[service].signOut();
    } finally {
      fromElsewhere = false;
    }
    // The same three steps as useSignOut (sign-in-page.tsx), written again on purpose: one shared module
    // would become a chunk of its own on the sign-in route, which is at its size budget.
    void queryClient.cancelQueries({ queryKey: serviceRootKey(service) });
    queryClient.removeQueries({ queryKey: serviceRootKey(service) });
  });
  return {
    close: () => {
      unsubscribe();
      channel.close();
    },
  };
}

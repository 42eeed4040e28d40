import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Sessions } from './sessions.ts';
import type { SessionState } from './store.ts';

const SessionsContext = createContext<Sessions | null>(null);

export function SessionsProvider({ sessions, children }: { sessions: Sessions; children: ReactNode }) {
  return <SessionsContext.Provider value={sessions}>{children}</SessionsContext.Provider>;
}

export function useSessions(): Sessions {
  const sessions = useContext(SessionsContext);
  if (!sessions) throw new Error('useSessions needs a <SessionsProvider>');
  return sessions;
}

export function useSessionState<T>(selector: (state: SessionState) => T): T {
  return useStore(useSessions().store, selector);
}

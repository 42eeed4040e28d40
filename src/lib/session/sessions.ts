import type { StateStorage } from 'zustand/middleware';
import * as besmartApi from '../../api/besmart/client.ts';
import * as sauresApi from '../../api/saures/client.ts';
import { createBesmartSession } from './besmart-session.ts';
import { createPromptBroker } from './prompt.ts';
import { createSauresSession } from './saures-session.ts';
import { createSessionStore, memoryStorage } from './store.ts';

/** Both sessions, their shared store and the sign-in prompt, wired to the real API clients. */
export function createSessions(storage: StateStorage = browserSessionStorage()) {
  const store = createSessionStore(storage);
  const prompt = createPromptBroker(store);
  return {
    store,
    prompt,
    saures: createSauresSession({ login: (c) => sauresApi.login(c), store, prompt }),
    besmart: createBesmartSession({
      login: (c) => besmartApi.login(c),
      refresh: (auth) => besmartApi.refreshToken(auth),
      store,
      prompt,
    }),
  };
}

export type Sessions = ReturnType<typeof createSessions>;

function browserSessionStorage(): StateStorage {
  try {
    if (typeof sessionStorage !== 'undefined') return sessionStorage;
  } catch {
    // storage blocked by the browser: keep the session in memory only
  }
  return memoryStorage();
}

import type { StateStorage } from 'zustand/middleware';
// The API clients (and zod with them) load on first use, not with the sign-in page.
const sauresApi = () => import('../../api/saures/client.ts');
const besmartApi = () => import('../../api/besmart/client.ts');
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
    saures: createSauresSession({ login: async (c) => (await sauresApi()).login(c), store, prompt }),
    besmart: createBesmartSession({
      login: async (c) => (await besmartApi()).login(c),
      refresh: async (auth) => (await besmartApi()).refreshToken(auth),
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

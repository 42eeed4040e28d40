import * as z from 'zod/mini';
import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';

export type SessionService = 'saures' | 'besmart';

// zod/mini here: this runs on the sign-in route, where every kilobyte counts.
const sauresSessionSchema = z.object({ sid: z.string().check(z.minLength(1)), email: z.string() });
const besmartSessionSchema = z.object({
  token: z.string().check(z.minLength(1)),
  /** Token expiry, ms since epoch. */
  expiration: z.number(),
  userId: z.number(),
  login: z.string(),
  /** The server's API version, learned at sign-in (not a secret: it says which forms the server takes). */
  api: z.optional(z.enum(['v0.1.5', 'current'])),
});
export type SauresSessionState = z.infer<typeof sauresSessionSchema>;
export type BesmartSessionState = z.infer<typeof besmartSessionSchema>;

const persistedSchema = z.object({
  saures: z.catch(z.nullable(sauresSessionSchema), null),
  besmart: z.catch(z.nullable(besmartSessionSchema), null),
  sauresSentAt: z.catch(z.record(z.string(), z.number()), {}),
});

export interface SignInPrompt {
  service: SessionService;
  /** "ended": the session could not be renewed; "required": no session yet. */
  reason: 'ended' | 'required';
}

export interface SessionState {
  saures: SauresSessionState | null;
  besmart: BesmartSessionState | null;
  /** The re-authentication prompt shown over the current page, if any. */
  prompt: SignInPrompt | null;
  /** Requests waiting out a SAURES DuplicateRequestException back-off. */
  retrying: number;
  /**
   * When each SAURES request (by key, without the sid) was last sent, so that
   * even across a reload no identical request goes out twice within a second.
   */
  sauresSentAt: Record<string, number>;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * sid, token and expiry live in memory and in sessionStorage (a reload keeps
 * the session, closing the tab ends it). Never localStorage, never passwords.
 */
export function createSessionStore(storage: StateStorage = memoryStorage()) {
  const initial: SessionState = { saures: null, besmart: null, prompt: null, retrying: 0, sauresSentAt: {} };
  return createStore<SessionState>()(
    persist(() => initial, {
      name: 'meterdeck.session',
      version: 1,
      storage: createJSONStorage(() => storage),
      partialize: (s) => ({ saures: s.saures, besmart: s.besmart, sauresSentAt: s.sauresSentAt }),
      merge: (persisted, current) => {
        const parsed = persistedSchema.safeParse(persisted);
        return parsed.success ? { ...current, ...parsed.data } : current;
      },
    }),
  );
}

/** A StateStorage that keeps nothing beyond this page (tests, or no sessionStorage). */
export function memoryStorage(): StateStorage & { dump(): Record<string, string> } {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
    dump: () => Object.fromEntries(data),
  };
}

import { isApiError } from '../../api/errors.ts';
import { singleFlight } from './single-flight.ts';
import { SignInRequiredError, type PromptBroker } from './prompt.ts';
import type { BesmartSessionState, SessionStore } from './store.ts';

export interface BesmartCredentials {
  login: string;
  password: string;
  workspaceKey: string;
}

export interface BesmartToken {
  token: string;
  expiration: number;
  user_id: number;
}

export interface BesmartSessionDeps {
  login: (credentials: BesmartCredentials) => Promise<BesmartToken>;
  refresh: (auth: { token: string }) => Promise<BesmartToken>;
  store: SessionStore;
  prompt: PromptBroker;
  now?: () => number;
  /** Refresh when less than this much validity remains (ms). */
  refreshMarginMs?: number;
}

const isUnauthorized = (e: unknown) => isApiError(e) && e.service === 'besmart' && e.status === 401;

/**
 * besmart session rules: the Bearer token goes on every request; it is
 * refreshed (GET /users/token) when less than a minute of validity remains
 * and on a 401 — single-flight, so concurrent failures cause one refresh and
 * each request retries once. A failed refresh opens the sign-in prompt.
 */
export function createBesmartSession(deps: BesmartSessionDeps) {
  const now = deps.now ?? Date.now;
  const margin = deps.refreshMarginMs ?? 60_000;
  const { store, prompt } = deps;
  /** Bumped by every sign-in and sign-out: a refresh that started before one is discarded. */
  let generation = 0;

  function save(t: BesmartToken, login: string): BesmartSessionState {
    const state = { token: t.token, expiration: t.expiration, userId: t.user_id, login };
    store.setState({ besmart: state });
    return state;
  }

  async function signIn(creds: BesmartCredentials): Promise<void> {
    const t = await deps.login(creds);
    generation += 1;
    save(t, creds.login);
    prompt.signedIn('besmart');
  }

  function signOut(): void {
    generation += 1;
    store.setState({ besmart: null });
    prompt.cancel('besmart');
  }

  const current = () => store.getState().besmart;

  async function askUser(reason: 'ended' | 'required'): Promise<BesmartSessionState> {
    await prompt.request('besmart', reason);
    const s = current();
    if (!s) throw new Error('Signed in to besmart but no token is stored.');
    return s;
  }

  const refreshOnce = singleFlight(async (): Promise<BesmartSessionState> => {
    const started = generation;
    const s = current();
    if (!s) return askUser('required');
    let fresh: BesmartToken | null = null;
    try {
      fresh = await deps.refresh({ token: s.token });
    } catch {
      // fall through to the prompt
    }
    // Signed out (or in as someone else) meanwhile: this token belongs to nobody now.
    if (generation !== started) throw new SignInRequiredError('besmart');
    if (fresh) return save(fresh, s.login);
    try {
      return await askUser('ended');
    } catch (e) {
      // "Not now": forget the dead token, so polling does not reopen the prompt with it.
      if (generation === started && e instanceof SignInRequiredError) store.setState({ besmart: null });
      throw e;
    }
  });

  /** A usable token after `used` was rejected or ran low; concurrent callers share one refresh. */
  async function renew(used: string): Promise<BesmartSessionState> {
    const s = current();
    if (s && s.token !== used && s.expiration - now() >= margin) return s;
    return refreshOnce();
  }

  async function call<T>(fn: (auth: { token: string }) => Promise<T>): Promise<T> {
    let s = current() ?? (await askUser('required'));
    if (s.expiration - now() < margin) s = await renew(s.token);
    try {
      return await fn({ token: s.token });
    } catch (e) {
      if (!isUnauthorized(e)) throw e;
      const fresh = await renew(s.token);
      return fn({ token: fresh.token });
    }
  }

  /** Refreshes ahead of time when less than two margins of validity remain (idle tabs). */
  async function ensureFresh(): Promise<void> {
    const s = current();
    if (s && s.expiration - now() < 2 * margin) await renew(s.token);
  }

  return { signIn, signOut, call, ensureFresh };
}

export type BesmartSession = ReturnType<typeof createBesmartSession>;

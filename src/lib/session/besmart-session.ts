import { isApiError } from '../../api/errors.ts';
import { singleFlight } from './single-flight.ts';
import { SignInRequiredError, type PromptBroker } from './prompt.ts';
import type { BesmartSessionState, SessionStore } from './store.ts';

export type BesmartApi = 'v0.1.5' | 'current';

export interface BesmartCredentials {
  login: string;
  password: string;
  /** Needed by v0.1.5 servers only. */
  workspaceKey?: string | undefined;
  /** The version the server showed at the last sign-in (a re-login uses its form first). */
  dialect?: BesmartApi | undefined;
}

export interface BesmartToken {
  token: string;
  /** Epoch ms. */
  expiration: number;
  user_id: number;
  /** The server's API version, when the sign-in showed it. */
  dialect?: BesmartApi | undefined;
}

/** What each besmart call gets: the token, the server's version, and a way to report a version learned. */
export interface BesmartCallAuth {
  token: string;
  dialect: BesmartApi | undefined;
  learn: (dialect: BesmartApi) => void;
}

export interface BesmartSessionDeps {
  login: (credentials: BesmartCredentials) => Promise<BesmartToken>;
  refresh: (auth: { token: string; dialect?: BesmartApi | undefined }) => Promise<BesmartToken>;
  store: SessionStore;
  prompt: PromptBroker;
  now?: () => number;
  /** Refresh when less than this much validity remains (ms). */
  refreshMarginMs?: number;
}

const isUnauthorized = (e: unknown) => isApiError(e) && e.service === 'besmart' && e.status === 401;

/**
 * besmart session rules: the Bearer token goes on every request; it is
 * renewed when less than a minute of validity remains and on a 401 —
 * single-flight, so concurrent failures cause one renewal and each request
 * retries once. Renewing asks GET /users/token first (v0.1.5 extends the
 * token there); where that does not move the expiry (current servers only
 * report it) or fails, the session signs in again with the credentials it
 * keeps in memory for this page (never stored). Without them, the sign-in
 * prompt opens.
 */
export function createBesmartSession(deps: BesmartSessionDeps) {
  const now = deps.now ?? Date.now;
  const margin = deps.refreshMarginMs ?? 60_000;
  const { store, prompt } = deps;
  /** Bumped by every sign-in and sign-out: a refresh that started before one is discarded. */
  let generation = 0;
  /** This page's credentials, for signing in again where a token cannot be extended. Memory only. */
  let remembered: BesmartCredentials | null = null;

  function save(t: BesmartToken, login: string, api: BesmartApi | undefined): BesmartSessionState {
    const dialect = t.dialect ?? api;
    const state = {
      token: t.token,
      expiration: t.expiration,
      userId: t.user_id,
      login,
      ...(dialect !== undefined ? { api: dialect } : {}),
    };
    store.setState({ besmart: state });
    return state;
  }

  async function signIn(creds: BesmartCredentials): Promise<void> {
    const t = await deps.login(creds);
    generation += 1;
    remembered = { ...creds, dialect: t.dialect ?? creds.dialect };
    save(t, creds.login, undefined);
    prompt.signedIn('besmart');
  }

  function signOut(): void {
    generation += 1;
    remembered = null;
    store.setState({ besmart: null });
    prompt.cancel('besmart');
  }

  function learn(dialect: BesmartApi): void {
    const s = current();
    if (!s || s.api === dialect) return;
    store.setState({ besmart: { ...s, api: dialect } });
    if (remembered) remembered = { ...remembered, dialect };
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
    // Current servers are known not to extend a token: sign in again straight away.
    if (!(s.api === 'current' && remembered)) {
      try {
        const t = await deps.refresh({ token: s.token, dialect: s.api });
        // v0.1.5 hands out a new token (or a later expiry); a current server the same one, unchanged.
        if (t.token !== s.token || t.expiration > s.expiration) fresh = t;
        else if (!remembered && t.expiration - now() >= margin) fresh = t;
      } catch {
        // fall through to signing in again, or the prompt
      }
    }
    const creds = remembered;
    if (!fresh && creds && generation === started) {
      try {
        fresh = await deps.login(creds);
      } catch {
        // fall through to the prompt
      }
    }
    // Signed out (or in as someone else) meanwhile: this token belongs to nobody now.
    if (generation !== started) throw new SignInRequiredError('besmart');
    if (fresh) return save(fresh, s.login, s.api);
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

  const authOf = (s: BesmartSessionState): BesmartCallAuth => ({ token: s.token, dialect: s.api, learn });

  async function call<T>(fn: (auth: BesmartCallAuth) => Promise<T>): Promise<T> {
    let s = current() ?? (await askUser('required'));
    if (s.expiration - now() < margin) s = await renew(s.token);
    try {
      return await fn(authOf(s));
    } catch (e) {
      if (!isUnauthorized(e)) throw e;
      const fresh = await renew(s.token);
      return fn(authOf(fresh));
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

import { isApiError } from '../../api/errors.ts';
import { createDeduper, createLimiter, singleFlight } from './single-flight.ts';
import { SignInRequiredError, type PromptBroker } from './prompt.ts';
import type { SessionStore } from './store.ts';

export interface SauresCredentials {
  email: string;
  password: string;
}

export interface SauresSessionDeps {
  login: (credentials: SauresCredentials) => Promise<{ sid: string }>;
  store: SessionStore;
  prompt: PromptBroker;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Back-off after DuplicateRequestException (≥ 10 s). */
  duplicateBackoffMs?: number;
  /** Most SAURES requests in flight at once. */
  maxInFlight?: number;
}

/** SAURES refuses an identical request repeated within this window. */
const DUPLICATE_WINDOW_MS = 1_000;
/**
 * Spacing kept between identical requests across a reload: the window plus a
 * margin, since the server measures arrivals and a later request may travel faster.
 */
const RESEND_SPACING_MS = 1_500;

const isWrongSid = (e: unknown) => isApiError(e) && e.service === 'saures' && e.code === 'WrongSIDException';
const isDuplicate = (e: unknown) => isApiError(e) && e.service === 'saures' && e.code === 'DuplicateRequestException';

/**
 * SAURES session rules: one sid reused for every request; on
 * WrongSIDException one transparent re-login (single-flight) with the
 * credentials kept in memory only, else the sign-in prompt; no identical
 * request twice within a second; DuplicateRequestException → back off and
 * retry once; at most `maxInFlight` requests at a time.
 */
export function createSauresSession(deps: SauresSessionDeps) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const backoff = deps.duplicateBackoffMs ?? 10_000;
  const { store, prompt } = deps;
  /** Memory only: never written to any storage. Gone after a reload. */
  let credentials: SauresCredentials | null = null;
  /** Bumped by every sign-in and sign-out: a re-login that started before one is discarded. */
  let generation = 0;
  const deduper = createDeduper(DUPLICATE_WINDOW_MS, now);
  const limiter = createLimiter(deps.maxInFlight ?? 4);

  async function signIn(creds: SauresCredentials): Promise<void> {
    const { sid } = await deps.login(creds);
    generation += 1;
    credentials = { ...creds };
    store.setState({ saures: { sid, email: creds.email } });
    prompt.signedIn('saures');
  }

  function signOut(): void {
    generation += 1;
    credentials = null;
    deduper.clear();
    store.setState({ saures: null, sauresSentAt: {} });
    prompt.cancel('saures');
  }

  const currentSid = () => store.getState().saures?.sid ?? null;

  async function askUser(reason: 'ended' | 'required'): Promise<string> {
    await prompt.request('saures', reason);
    const sid = currentSid();
    if (!sid) throw new Error('Signed in to SAURES but no sid is stored.');
    return sid;
  }

  const relogin = singleFlight(async (): Promise<string> => {
    const started = generation;
    const creds = credentials;
    if (creds) {
      try {
        const { sid } = await deps.login(creds);
        // Signed out (or in as someone else) meanwhile: this sid belongs to nobody now.
        if (generation !== started) throw new SignInRequiredError('saures');
        store.setState({ saures: { sid, email: creds.email } });
        return sid;
      } catch (e) {
        if (e instanceof SignInRequiredError) throw e;
        // fall through to the prompt
      }
    }
    if (generation !== started) throw new SignInRequiredError('saures');
    credentials = null;
    try {
      return await askUser('ended');
    } catch (e) {
      // "Not now": forget the dead sid, so polling does not reopen the prompt with it.
      if (generation === started && e instanceof SignInRequiredError) store.setState({ saures: null });
      throw e;
    }
  });

  /** A fresh sid after `failedSid` was rejected; concurrent failures share one login. */
  async function renew(failedSid: string): Promise<string> {
    const sid = currentSid();
    if (sid && sid !== failedSid) return sid;
    return relogin();
  }

  /** Waits, if needed, until 1.5 s have passed since this request was last sent (even before a reload). */
  async function spaced<T>(key: string, job: () => Promise<T>): Promise<T> {
    const last = store.getState().sauresSentAt[key];
    const wait = last === undefined ? 0 : last + RESEND_SPACING_MS - now();
    if (wait > 0) await sleep(wait);
    const t = now();
    store.setState((s) => ({
      sauresSentAt: Object.fromEntries([
        ...Object.entries(s.sauresSentAt).filter(([, at]) => t - at < RESEND_SPACING_MS),
        [key, t],
      ]),
    }));
    return job();
  }

  function send<T>(key: string, sid: string, fn: (sid: string) => Promise<T>): Promise<T> {
    return deduper.run(`${key}\u0000${sid}`, () => limiter.run(() => spaced(key, () => fn(sid))));
  }

  async function withBackoff<T>(key: string, sid: string, fn: (sid: string) => Promise<T>): Promise<T> {
    try {
      return await send(key, sid, fn);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      store.setState((s) => ({ retrying: s.retrying + 1 }));
      try {
        await sleep(backoff);
      } finally {
        store.setState((s) => ({ retrying: Math.max(0, s.retrying - 1) }));
      }
      return send(key, sid, fn);
    }
  }

  /**
   * Runs one SAURES request with the session's sid. `key` names the request
   * (endpoint and parameters, without the sid) for duplicate suppression.
   */
  async function call<T>(key: string, fn: (sid: string) => Promise<T>): Promise<T> {
    const sid = currentSid() ?? (await askUser('required'));
    try {
      return await withBackoff(key, sid, fn);
    } catch (e) {
      if (!isWrongSid(e)) throw e;
      const fresh = await renew(sid);
      return withBackoff(key, fresh, fn);
    }
  }

  return {
    signIn,
    signOut,
    call,
    /** True while credentials for a silent re-login are held in memory. */
    canReloginSilently: () => credentials !== null,
  };
}

export type SauresSession = ReturnType<typeof createSauresSession>;

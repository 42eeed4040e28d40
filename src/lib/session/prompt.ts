import type { SessionService, SessionStore, SignInPrompt } from './store.ts';

/** The user closed the sign-in prompt instead of signing in again. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
  constructor(readonly service: SessionService) {
    super(`Sign in to ${service === 'saures' ? 'SAURES' : 'besmart'} to continue.`);
  }
}

/**
 * Asks the user to sign in again, over the current page. Every request that
 * needs it waits on the same prompt and runs once the user has signed in.
 */
export function createPromptBroker(store: SessionStore) {
  const waiting: Record<SessionService, { resolve: () => void; reject: (e: Error) => void }[]> = {
    saures: [],
    besmart: [],
  };
  return {
    request(service: SessionService, reason: SignInPrompt['reason']): Promise<void> {
      // One prompt at a time: another service's open prompt (and what is typed in it) stays; this one queues.
      if (!store.getState().prompt) store.setState({ prompt: { service, reason } });
      return new Promise<void>((resolve, reject) => waiting[service].push({ resolve, reject }));
    },
    /** The user signed in through the prompt (or the sign-in page). */
    signedIn(service: SessionService): void {
      const list = waiting[service].splice(0);
      if (store.getState().prompt?.service === service) store.setState({ prompt: null });
      for (const w of list) w.resolve();
      this.showNext();
    },
    /** The user dismissed the prompt or signed out: waiting requests fail. */
    cancel(service: SessionService): void {
      const list = waiting[service].splice(0);
      if (store.getState().prompt?.service === service) store.setState({ prompt: null });
      for (const w of list) w.reject(new SignInRequiredError(service));
      this.showNext();
    },
    showNext(): void {
      if (store.getState().prompt) return;
      const next = (['saures', 'besmart'] as const).find((s) => waiting[s].length > 0);
      if (next) store.setState({ prompt: { service: next, reason: 'ended' } });
    },
    waitingCount(service: SessionService): number {
      return waiting[service].length;
    },
  };
}

export type PromptBroker = ReturnType<typeof createPromptBroker>;

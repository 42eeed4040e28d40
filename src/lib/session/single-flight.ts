/**
 * Wraps an async job so that concurrent callers share one run: while a run is
 * in flight, every call gets the same promise. The next call after it settles
 * starts a new run.
 */
export function singleFlight<T>(job: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= job().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

/**
 * Suppresses identical requests: a call whose key matches one in flight, or
 * one that settled less than `windowMs` ago, gets that call's promise instead
 * of sending again. SAURES bans IPs that repeat requests.
 */
export function createDeduper(windowMs: number, now: () => number = Date.now) {
  const entries = new Map<string, { promise: Promise<unknown>; settledAt: number | null }>();

  function prune(t: number): void {
    for (const [key, entry] of entries) {
      if (entry.settledAt !== null && t - entry.settledAt >= windowMs) entries.delete(key);
    }
  }

  return {
    run<T>(key: string, job: () => Promise<T>): Promise<T> {
      prune(now());
      const existing = entries.get(key);
      if (existing) return existing.promise as Promise<T>;
      const entry: { promise: Promise<T>; settledAt: number | null } = { promise: job(), settledAt: null };
      entry.promise.then(
        () => {
          entry.settledAt = now();
        },
        () => {
          // A failure is not reused: the caller decides whether to retry (after its own back-off).
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      entries.set(key, entry);
      return entry.promise;
    },
    clear(): void {
      entries.clear();
    },
  };
}

/** Runs at most `limit` jobs at once; the rest wait their turn in order. */
export function createLimiter(limit: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    // Hand the slot straight to the next waiter, so no newcomer can slip in between.
    if (next) next();
    else active -= 1;
  };
  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
      else active += 1;
      try {
        return await job();
      } finally {
        release();
      }
    },
    get active(): number {
      return active;
    },
  };
}

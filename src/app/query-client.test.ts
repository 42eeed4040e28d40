import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors.ts';
import { createQueryClient, isTransient, recoveryInterval } from './query-client.ts';

const err = (init: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
  new ApiError({ service: 'besmart', kind: 'http', what: 'Loading', ...init });

describe('isTransient', () => {
  it('is true for no answer, 5xx and unreadable bodies; false for 4xx, service errors and wrong shapes', () => {
    expect(isTransient(err({ kind: 'network' }))).toBe(true);
    expect(isTransient(err({ status: 500 }))).toBe(true);
    expect(isTransient(err({ status: 504 }))).toBe(true);
    expect(isTransient(err({ kind: 'parse', status: 200 }))).toBe(true);
    expect(isTransient(err({ status: 401 }))).toBe(false);
    expect(isTransient(err({ status: 404 }))).toBe(false);
    expect(isTransient(err({ kind: 'parse' }))).toBe(false);
    expect(isTransient(err({ kind: 'service', service: 'saures', code: 'WrongSIDException' }))).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
  });
});

describe('the query client', () => {
  it('retries transient failures 3 times, 1 s, 2 s and 4 s apart; a 4xx not at all', () => {
    const { retry, retryDelay } = createQueryClient().getDefaultOptions().queries ?? {};
    if (typeof retry !== 'function' || typeof retryDelay !== 'function') throw new Error('no retry policy');
    const e500 = err({ status: 500 });
    expect([0, 1, 2, 3].map((n) => retry(n, e500))).toEqual([true, true, true, false]);
    expect(retry(0, err({ status: 403 }))).toBe(false);
    expect([0, 1, 2].map((n) => retryDelay(n, e500))).toEqual([1000, 2000, 4000]);
  });

  it('asks again by itself while a transient error shows, at growing intervals, and stops on success', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let fail = true;
    const fetchOnce = () =>
      client.fetchQuery({
        queryKey: ['x'],
        queryFn: () => (fail ? Promise.reject(err({ status: 502 })) : Promise.resolve(1)),
        staleTime: 0,
      });
    const query = () => {
      const q = client.getQueryCache().find({ queryKey: ['x'] });
      if (!q) throw new Error('no query');
      return q;
    };
    const gaps: (number | false)[] = [];
    for (let i = 0; i < 6; i++) {
      await fetchOnce().catch(() => {});
      gaps.push(recoveryInterval(query()));
    }
    expect(gaps).toEqual([5000, 10000, 20000, 40000, 60000, 60000]);
    fail = false;
    await fetchOnce();
    expect(recoveryInterval(query())).toBe(false);
    fail = true;
    await fetchOnce().catch(() => {});
    expect(recoveryInterval(query())).toBe(5000);
  });

  it('does not ask again by itself after a 4xx', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await client.fetchQuery({ queryKey: ['y'], queryFn: () => Promise.reject(err({ status: 404 })) }).catch(() => {});
    const q = client.getQueryCache().find({ queryKey: ['y'] });
    expect(q && recoveryInterval(q)).toBe(false);
  });
});

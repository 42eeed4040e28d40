import { createDeduper, createLimiter, singleFlight } from './single-flight.ts';

describe('singleFlight', () => {
  it('shares one run between concurrent callers and starts a new one afterwards', async () => {
    let runs = 0;
    const job = singleFlight(async () => ++runs);
    expect(await Promise.all([job(), job(), job()])).toEqual([1, 1, 1]);
    expect(await job()).toBe(2);
  });
});

describe('createLimiter', () => {
  it('never lets more than the limit run, even when a newcomer arrives as a slot frees', async () => {
    const limiter = createLimiter(2);
    let active = 0;
    let peak = 0;
    const job = () =>
      limiter.run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await Promise.resolve();
        active -= 1;
      });
    const first = Array.from({ length: 5 }, job);
    // Newcomers queued right as the first jobs finish.
    const late = first.map((p) => p.then(job));
    await Promise.all([...first, ...late]);
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
  });
});

describe('createDeduper', () => {
  it('does not reuse a failure', async () => {
    const d = createDeduper(1000, () => 0);
    await expect(d.run('k', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(d.run('k', () => Promise.resolve(1))).resolves.toBe(1);
  });
});

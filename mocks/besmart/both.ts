import { DIALECTS, type Dialect } from '../../src/api/besmart/schemas.ts';
import type { FakeOptions, FakeService } from '../types.ts';
import { createBesmartFake, type BesmartFake } from './fake.ts';

/**
 * One fake per besmart API version behind one msw handler, for tests that
 * run the same journey against both (`describe.each(DIALECTS)` + `use`).
 */
export function besmartFakesOfBothVersions(options: FakeOptions & { seed?: number } = {}) {
  const fakes: Record<Dialect, BesmartFake> = {
    'v0.1.5': createBesmartFake({ ...options, version: 'v0.1.5' }),
    current: createBesmartFake({ ...options, version: 'current' }),
  };
  let active: BesmartFake = fakes.current;
  const service: FakeService = {
    handle: (req) => active.handle(req),
    control: (action, params) => active.control(action, params),
    reset: () => active.reset(),
  };
  return {
    fakes,
    /** The fake answering now. */
    get active(): BesmartFake {
      return active;
    },
    /** Answers with this version's fake from now on. */
    use(version: Dialect): void {
      active = fakes[version];
    },
    /** The service to hand to createHandlers. */
    service,
    /** Both fakes back to their seed. */
    resetAll(): void {
      for (const v of DIALECTS) fakes[v].reset();
    },
  };
}

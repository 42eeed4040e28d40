import type { Service } from '../../api/errors.ts';

/**
 * The root of one service's query keys (`besmartKeys.all()`,
 * `sauresKeys.all()`): every cached response of the service starts with it,
 * so sign-out drops them all and a fault refetches them all with it. Kept
 * apart from besmart.ts and saures.ts, which import the API clients: the
 * sign-in route needs the root but must not load a client (they load on
 * first use).
 */
export function serviceRootKey<S extends Service>(service: S): readonly [S] {
  return [service];
}

/*
 * Back/Forward away from a page with unsaved changes. When popstate fires the
 * address has already changed; the router's own listener then re-renders at
 * once (React flushes between listeners), unmounting the form before a
 * listener added by the form could run. So one listener, added before the
 * router's (installLeaveGuard, from main.tsx), asks first and — when the user
 * stays — puts the page's address back, so the router sees no change.
 */

interface Guard {
  page: string;
  search: string;
  message: string;
}

const guards = new Set<Guard>();
let installed = false;

function onPopState(): void {
  const [guard] = guards;
  if (guard === undefined || window.location.pathname === guard.page) return;
  if (window.confirm(guard.message)) return;
  window.history.pushState(null, '', guard.page + guard.search);
}

/** Adds the popstate listener; call before the router starts listening. */
export function installLeaveGuard(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('popstate', onPopState);
}

/** While the returned function is not called, Back/Forward to another page asks `message` first. */
export function guardLeaving(message: string): () => void {
  installLeaveGuard();
  const guard: Guard = { page: window.location.pathname, search: window.location.search, message };
  guards.add(guard);
  return () => {
    guards.delete(guard);
  };
}

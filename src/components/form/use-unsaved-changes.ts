import { useEffect } from 'react';
import { guardLeaving } from '../../lib/leave-guard.ts';

/** True when a click on this link would leave the page in-app (same origin, same tab, plain click). */
function leavesPage(e: MouseEvent): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  const target = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!(target instanceof HTMLAnchorElement)) return false;
  if (target.target !== '' && target.target !== '_self') return false;
  if (target.hasAttribute('download')) return false;
  const url = new URL(target.href, window.location.href);
  if (url.origin !== window.location.origin) return false;
  return url.pathname !== window.location.pathname || url.search !== window.location.search;
}

/**
 * While `dirty`, warns before the page is left: the browser's own prompt on
 * reload or close (`beforeunload`), a confirm when an in-app link is clicked
 * (the click is stopped before the router sees it when the user stays), and a
 * confirm on Back/Forward to another page (the address is put back when the
 * user stays).
 */
export function useUnsavedChanges(dirty: boolean, message: string): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = message;
    };
    const onClick = (e: MouseEvent) => {
      if (!leavesPage(e)) return;
      if (window.confirm(message)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    const unguard = guardLeaving(message);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      unguard();
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, message]);
}

/** For in-app ways out of a form that are not links (a Cancel button): true when it is fine to leave. */
export function confirmLeave(dirty: boolean, message: string): boolean {
  return !dirty || window.confirm(message);
}

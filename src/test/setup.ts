import '@testing-library/jest-dom/vitest';

// jsdom files (`// @vitest-environment jsdom`): what jsdom lacks, and a clean page per test.
if (typeof window !== 'undefined') {
  /** jsdom lays nothing out: components that measure themselves stay unmeasured. */
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  globalThis.ResizeObserver ??= NoResizeObserver;
  window.scrollTo = () => {};
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });
}

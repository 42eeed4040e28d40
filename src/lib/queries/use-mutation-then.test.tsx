// @vitest-environment jsdom
import { mutationOptions, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useMutationThen } from './use-mutation-then.ts';

describe('useMutationThen', () => {
  it('runs the feature’s work first, then the options’ onSuccess, and mutateAsync waits for both', async () => {
    const steps: string[] = [];
    let finish = () => {};
    const options = mutationOptions({
      mutationFn: (n: number) => Promise.resolve(n * 2),
      onSuccess: (data: number) =>
        new Promise<void>((resolve) => {
          steps.push(`invalidate ${data}`);
          finish = () => {
            steps.push('reloaded');
            resolve();
          };
        }),
    });
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useMutationThen(options, (data, n) => steps.push(`then ${n} → ${data}`)), {
      wrapper,
    });
    let settled = false;
    await act(async () => {
      const done = result.current.mutateAsync(3).then(() => {
        settled = true;
      });
      await vi.waitFor(() => expect(steps).toEqual(['then 3 → 6', 'invalidate 6']));
      expect(settled).toBe(false);
      finish();
      await done;
    });
    expect(steps).toEqual(['then 3 → 6', 'invalidate 6', 'reloaded']);
    expect(settled).toBe(true);
  });
});

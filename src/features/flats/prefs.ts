import { z } from 'zod';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { DEFAULT_STALE_HOURS } from './model/health.ts';

const prefsSchema = z.object({
  staleHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
});

/** The overview's remembered preferences (UI only, nothing secret): localStorage. */
export const flatsPrefs = createStore<{ staleHours: number; setStaleHours: (h: number) => void }>()(
  persist(
    (set) => ({
      staleHours: DEFAULT_STALE_HOURS,
      setStaleHours: (staleHours) => set({ staleHours }),
    }),
    {
      name: 'meterdeck.flats-prefs',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ staleHours: s.staleHours }),
      merge: (persisted, current) => {
        const parsed = prefsSchema.safeParse(persisted);
        return parsed.success ? { ...current, ...parsed.data } : current;
      },
    },
  ),
);

export function useStaleHours(): [number, (h: number) => void] {
  return [useStore(flatsPrefs, (s) => s.staleHours), useStore(flatsPrefs, (s) => s.setStaleHours)];
}

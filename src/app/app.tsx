import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { I18nProvider, type LocaleStore } from '../lib/i18n/i18n.tsx';
import { SessionsProvider } from '../lib/session/context.tsx';
import { createSessions } from '../lib/session/sessions.ts';
import { createQueryClient } from './query-client.ts';
import { AppRoutes } from './routes.tsx';

export function App({ locale }: { locale: LocaleStore }) {
  const [queryClient] = useState(createQueryClient);
  const [sessions] = useState(() => createSessions());
  // Sign-out in another tab reaches this one; loaded after the first paint (the sign-in route has a JS budget).
  useEffect(() => {
    let stopped = false;
    let follower: { close(): void } | undefined;
    void import('../features/auth/sign-out-sync.ts').then((m) => {
      if (!stopped) follower = m.followSignOutsElsewhere(sessions, queryClient);
    });
    return () => {
      stopped = true;
      follower?.close();
    };
  }, [sessions, queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider store={locale}>
        <SessionsProvider sessions={sessions}>
          <AppRoutes />
        </SessionsProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

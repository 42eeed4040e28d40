import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nProvider, type LocaleStore } from '../lib/i18n/i18n.tsx';
import { SessionsProvider } from '../lib/session/context.tsx';
import { createSessions } from '../lib/session/sessions.ts';
import { createQueryClient } from './query-client.ts';
import { AppRoutes } from './routes.tsx';

export function App({ locale }: { locale: LocaleStore }) {
  const [queryClient] = useState(createQueryClient);
  const [sessions] = useState(() => createSessions());
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

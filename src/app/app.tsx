import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createLocaleStore, I18nProvider } from '../lib/i18n/i18n.tsx';
import { SessionsProvider } from '../lib/session/context.tsx';
import { createSessions } from '../lib/session/sessions.ts';
import { createQueryClient } from './query-client.ts';
import { createAppRouter } from './routes.tsx';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [sessions] = useState(() => createSessions());
  const [locale] = useState(() => createLocaleStore());
  const [router] = useState(createAppRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider store={locale}>
        <SessionsProvider sessions={sessions}>
          <RouterProvider router={router} />
        </SessionsProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

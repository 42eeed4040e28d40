import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { SessionsProvider } from '../lib/session/context.tsx';
import { createSessions } from '../lib/session/sessions.ts';
import { createQueryClient } from './query-client.ts';
import { createAppRouter } from './routes.tsx';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [sessions] = useState(() => createSessions());
  const [router] = useState(createAppRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionsProvider sessions={sessions}>
        <RouterProvider router={router} />
      </SessionsProvider>
    </QueryClientProvider>
  );
}

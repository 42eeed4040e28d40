import './lib/zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { createLocaleStore, loadLocale } from './lib/i18n/i18n.tsx';
import { installLeaveGuard } from './lib/leave-guard.ts';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Before the router listens to popstate: see leave-guard.ts.
installLeaveGuard();
const locale = createLocaleStore();
// The chosen language's texts are there before the first paint.
await loadLocale(locale.getState().locale);
createRoot(root).render(
  <StrictMode>
    <App locale={locale} />
  </StrictMode>,
);

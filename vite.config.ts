import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { meterdeckProxy } from './server/vite-plugin.ts';

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  plugins: [react(), meterdeckProxy()],
  // Same-origin only: the app needs no CORS, and the proxy's answers must not be readable from other origins.
  server: { host: '127.0.0.1', port, strictPort: true, cors: false },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true, cors: false },
  // No source maps in what the production server hands out.
  build: { sourcemap: false },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { meterdeckProxy } from './server/vite-plugin.ts';

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  plugins: [react(), meterdeckProxy()],
  server: { host: '127.0.0.1', port, strictPort: true },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true },
  build: { sourcemap: true },
});

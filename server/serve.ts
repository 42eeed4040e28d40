// `npm run serve`: the production server (server/app-server.ts) on HOST:PORT,
// serving dist/ (npm run build writes it, and bundles this file into
// dist-server/serve.mjs, so plain Node runs it).
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startAppServer, type LogEntry } from './app-server.ts';

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  // Beside this file's folder (dist-server/ or server/), whatever the working directory (systemd, say).
  DIST_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../dist', import.meta.url))),
});

const log = (entry: LogEntry) => console.log(JSON.stringify(entry));
const now = () => new Date().toISOString();

const env = envSchema.safeParse({
  HOST: process.env.HOST || undefined,
  PORT: process.env.PORT || undefined,
  DIST_DIR: process.env.DIST_DIR || undefined,
});
if (!env.success) {
  const issue = env.error.issues[0];
  log({ time: now(), level: 'error', msg: `Bad environment: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}` });
  process.exit(1);
}

try {
  const server = await startAppServer({ distDir: env.data.DIST_DIR, host: env.data.HOST, port: env.data.PORT, log });
  const { faked, targets } = server.upstreams;
  log({
    time: now(),
    level: 'info',
    msg: `meterdeck listening on ${server.url}`,
    saures: faked.saures ? 'built-in fake' : targets.saures,
    besmart: faked.besmart ? 'built-in fake' : targets.besmart,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ time: now(), level: 'info', msg: `${signal}: finishing the requests under way, then stopping` });
    server.close().then(
      () => {
        log({ time: now(), level: 'info', msg: 'stopped' });
        process.exit(0);
      },
      (e: unknown) => {
        log({ time: now(), level: 'error', msg: `stopping failed: ${e instanceof Error ? e.message : String(e)}` });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (e) {
  log({ time: now(), level: 'error', msg: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}

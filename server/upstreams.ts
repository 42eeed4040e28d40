import { z } from 'zod';
import { createSauresFake } from '../mocks/saures/fake.ts';
import { besmartApiFromEnv, createBesmartFake } from '../mocks/besmart/fake.ts';
import { startFakeServer, type RunningFake } from '../mocks/http-server.ts';
import { datasetFromEnv } from '../mocks/seed.ts';
import { SAURES_DEMO_ACCOUNTS } from '../mocks/saures/data.ts';
import { BESMART_DEMO_ACCOUNTS, createBesmartSeed } from '../mocks/besmart/data.ts';
import type { ProxyService } from './proxy.ts';
import type { Dialect } from '../src/api/besmart/schemas.ts';

const upstreamUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

const envSchema = z.object({
  SAURES_URL: upstreamUrl.optional(),
  BESMART_URL: upstreamUrl.optional(),
  MOCK_DATASET: z.string().optional(),
  /** Which besmart API version the built-in fake speaks: "v0.1.5" or "current" (default). */
  BESMART_API: z.string().optional(),
});

export interface Upstreams {
  targets: Record<ProxyService, string>;
  /** Which services are answered by the built-in fakes. */
  faked: Record<ProxyService, boolean>;
  /** The besmart API version the built-in fake speaks (null when besmart is real). */
  besmartApi: Dialect | null;
  close(): Promise<void>;
}

/**
 * What the browser may know about the server: which services are fakes and,
 * for those, the demo accounts to show on the sign-in page. Served at
 * GET /__meterdeck/config; never holds anything of a real service.
 */
export function publicConfig(u: Pick<Upstreams, 'faked'> & Partial<Pick<Upstreams, 'besmartApi'>>) {
  return {
    saures: {
      faked: u.faked.saures,
      demoAccounts: u.faked.saures
        ? SAURES_DEMO_ACCOUNTS.map((a) => ({ email: a.email, password: a.password, description: a.description }))
        : [],
    },
    besmart: {
      faked: u.faked.besmart,
      /** The API version the built-in fake speaks (BESMART_API), so the sign-in page can say so. */
      fakeApi: u.faked.besmart ? (u.besmartApi ?? null) : null,
      demoAccounts: u.faked.besmart
        ? BESMART_DEMO_ACCOUNTS.map((a) => ({
            login: a.login,
            password: a.password,
            workspaceKey: a.workspaceKey,
            description: a.description,
          }))
        : [],
      /** The seeded sensors the demo's watch list starts with (besmart has no "list sensors" endpoint). */
      demoSensors: u.faked.besmart
        ? createBesmartSeed({ anchor: 0, dataset: 'default', seed: 1 })
            .sensors.filter((s) => s.client_cid === 1)
            .map((s) => ({ client_cid: s.client_cid, sensor_mid: s.sensor_mid }))
        : [],
    },
  };
}

/**
 * Reads SAURES_URL / BESMART_URL; for each one unset, starts the built-in
 * fake of that service on loopback so the proxy has a real HTTP upstream.
 */
export async function resolveUpstreams(env: NodeJS.ProcessEnv): Promise<Upstreams> {
  const parsed = envSchema.safeParse({
    SAURES_URL: env.SAURES_URL || undefined,
    BESMART_URL: env.BESMART_URL || undefined,
    MOCK_DATASET: env.MOCK_DATASET || undefined,
    BESMART_API: env.BESMART_API || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Bad environment: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const dataset = datasetFromEnv(parsed.data.MOCK_DATASET);
  const running: RunningFake[] = [];
  let saures = parsed.data.SAURES_URL;
  if (!saures) {
    const fake = await startFakeServer(createSauresFake({ dataset }));
    running.push(fake);
    saures = fake.url;
  }
  let besmart = parsed.data.BESMART_URL;
  const besmartApi = besmart ? null : besmartApiFromEnv(parsed.data.BESMART_API);
  if (!besmart) {
    const fake = await startFakeServer(createBesmartFake({ dataset, version: besmartApi ?? undefined }), '/api');
    running.push(fake);
    besmart = fake.url;
  }
  return {
    targets: { saures, besmart },
    faked: { saures: !parsed.data.SAURES_URL, besmart: !parsed.data.BESMART_URL },
    besmartApi,
    close: async () => {
      await Promise.all(running.map((r) => r.close()));
    },
  };
}

import * as z from 'zod/mini';

const configSchema = z.object({
  saures: z.object({
    faked: z.boolean(),
    demoAccounts: z.array(z.object({ email: z.string(), password: z.string(), description: z.string() })),
  }),
  besmart: z.object({
    faked: z.boolean(),
    demoAccounts: z.array(
      z.object({ login: z.string(), password: z.string(), workspaceKey: z.string(), description: z.string() }),
    ),
    demoSensors: z._default(z.array(z.object({ client_cid: z.number(), sensor_mid: z.number() })), []),
    /** The API version the built-in besmart fake speaks (BESMART_API); null for a real service. */
    fakeApi: z._default(z.nullable(z.string()), null),
  }),
});

export type RuntimeConfig = z.infer<typeof configSchema>;

const NO_CONFIG: RuntimeConfig = {
  saures: { faked: false, demoAccounts: [] },
  besmart: { faked: false, demoAccounts: [], demoSensors: [], fakeApi: null },
};

/**
 * Asks the serving proxy which services are built-in fakes (and their demo
 * accounts). A static host without the proxy has no such endpoint: then no
 * demo accounts are shown.
 */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  try {
    const res = await fetch('/__meterdeck/config', { headers: { Accept: 'application/json' } });
    if (!res.ok) return NO_CONFIG;
    const parsed = configSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : NO_CONFIG;
  } catch {
    return NO_CONFIG;
  }
}

export const runtimeConfigQuery = {
  queryKey: ['meterdeck', 'runtime-config'] as const,
  queryFn: loadRuntimeConfig,
  staleTime: Infinity,
  retry: false,
} as const;

import { config } from 'zod/mini';

// Our production CSP has no 'unsafe-eval'. zod compiles fast object parsers
// with `new Function`, and probes whether it may when the first object schema
// is built: under the CSP the probe fails (so zod falls back to its plain
// parser anyway), but the browser still reports every probe as a
// securitypolicyviolation. Switching the JIT off skips the probe, and the dev
// server (no CSP) parses the same way as production.
//
// Side-effect module: import it first, before anything that builds a schema
// (src/main.tsx and the series worker).
config({ jitless: true });

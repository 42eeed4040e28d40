import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { serviceRootKey } from '../../lib/queries/service-keys.ts';
import { runtimeConfigQuery } from '../../lib/runtime-config.ts';
import {
  describeFault,
  FAULT_KINDS,
  FAULT_LABELS,
  FAULT_SERVICES,
  parseFaultFlag,
  readFault,
  SERVICE_NAMES,
  setFault,
  type FaultKindName,
  type FaultService,
} from './fault-control.ts';
import './devtools.css';

const faultQueryKey = (service: FaultService) => ['meterdeck', 'fault', service] as const;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Applies `?fault=…` once, then takes it out of the address (the fault stays
 * on in the fake until cleared) and refetches that service's data so the
 * fault shows at once. Returns what went wrong, if anything.
 */
function useFaultFlag(faked: readonly FaultService[]): { applied: boolean; error: string | null } {
  const queryClient = useQueryClient();
  const done = useRef(false);
  const [result, setResult] = useState<{ applied: boolean; error: string | null }>({ applied: false, error: null });
  useEffect(() => {
    if (done.current || faked.length === 0) return;
    const url = new URL(window.location.href);
    const flag = url.searchParams.get('fault');
    if (flag === null) return;
    done.current = true;
    url.searchParams.delete('fault');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    void (async () => {
      try {
        const entries = parseFaultFlag(flag);
        if (typeof entries === 'string') throw new Error(entries);
        const unfaked = entries.find((e) => !faked.includes(e.service));
        if (unfaked) throw new Error(`${SERVICE_NAMES[unfaked.service]} is a real service: no faults there.`);
        for (const { service, setting } of entries) {
          queryClient.setQueryData(faultQueryKey(service), await setFault(service, setting));
          void queryClient.invalidateQueries({ queryKey: serviceRootKey(service) });
        }
        setResult({ applied: true, error: null });
      } catch (e) {
        setResult({ applied: true, error: message(e) });
      }
    })();
  }, [faked, queryClient]);
  return result;
}

function ServiceFaults({ service }: { service: FaultService }) {
  const queryClient = useQueryClient();
  const name = SERVICE_NAMES[service];
  const ids = { kind: useId(), ms: useId(), path: useId() };
  const state = useQuery({ queryKey: faultQueryKey(service), queryFn: () => readFault(service), staleTime: 0 });
  const [kind, setKind] = useState<FaultKindName>('500');
  const [ms, setMs] = useState('');
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(job: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await job();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    const delay = ms.trim() === '' ? undefined : Number(ms);
    if (delay !== undefined && (!Number.isInteger(delay) || delay < 0 || delay > 120_000)) {
      setError('The delay must be a whole number of ms from 0 to 120000.');
      return;
    }
    const trimmed = path.trim();
    if (trimmed !== '' && !trimmed.startsWith('/')) {
      setError('The path must start with “/”.');
      return;
    }
    void run(async () => {
      const active = await setFault(service, {
        kind,
        ...(kind === 'latency' || (delay !== undefined && delay > 0) ? { ms: delay ?? 3000 } : {}),
        ...(trimmed === '' ? {} : { path: trimmed }),
      });
      queryClient.setQueryData(faultQueryKey(service), active);
    });
  }

  function clear() {
    void run(async () => {
      queryClient.setQueryData(faultQueryKey(service), await setFault(service, null));
    });
  }

  const now = state.isPending ? 'checking…' : state.isError ? 'unknown' : describeFault(state.data);
  return (
    <form className="devtools-service" aria-label={`${name} faults`} onSubmit={apply}>
      <h3>{name}</h3>
      <div className="devtools-fields">
        <label htmlFor={ids.kind}>Fault kind</label>
        <select
          id={ids.kind}
          value={kind}
          onChange={(e) => setKind(FAULT_KINDS.find((k) => k === e.target.value) ?? '500')}
        >
          {FAULT_KINDS.map((k) => (
            <option key={k} value={k}>
              {FAULT_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.ms}>Delay (ms)</label>
        <input
          id={ids.ms}
          type="number"
          min={0}
          max={120000}
          step={100}
          value={ms}
          placeholder="3000 for latency, else none"
          onChange={(e) => setMs(e.target.value)}
        />
        <label htmlFor={ids.path}>Only paths starting with</label>
        <input
          id={ids.path}
          type="text"
          value={path}
          placeholder={service === 'saures' ? '/api/company/flats' : '/sensors/signals'}
          onChange={(e) => setPath(e.target.value)}
        />
      </div>
      <div className="devtools-actions">
        <button type="submit" disabled={busy}>
          Apply
        </button>
        <button type="button" disabled={busy} onClick={clear}>
          Clear
        </button>
        <button type="button" disabled={busy} onClick={() => void state.refetch()}>
          Check
        </button>
      </div>
      <p role="status" aria-label={`${name} fault now`}>
        Now: {now}
      </p>
      {error ? (
        <p className="form-failure" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/**
 * Developer panel (only when a service is answered by its built-in fake):
 * switch the fakes into faults — latency, 500, 502, 504, an HTML page, broken
 * JSON, a 401 — to see how the app copes. `?fault=besmart:500` does the same
 * from the address bar.
 */
export function DevtoolsPanel() {
  const { data: config } = useQuery(runtimeConfigQuery);
  const fakedKey = FAULT_SERVICES.filter((s) => config?.[s].faked === true).join(',');
  const faked = useMemo(() => FAULT_SERVICES.filter((s) => fakedKey.split(',').includes(s)), [fakedKey]);
  const flag = useFaultFlag(faked);
  const [open, setOpen] = useState(false);
  // A fault set from the address opens the panel once, so it is plain that a fault is on.
  const [flagSeen, setFlagSeen] = useState(false);
  if (flag.applied && !flagSeen) {
    setFlagSeen(true);
    setOpen(true);
  }
  if (faked.length === 0) return null;
  return (
    <aside className="devtools" aria-label="Developer tools">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Developer: faults</summary>
        <p className="muted">
          Make the built-in fakes misbehave, to see how the app copes. Faults stay on until cleared (or a fake is
          reset). Or add <code>?fault=besmart:500</code> to the address.
        </p>
        {flag.error ? (
          <p className="form-failure" role="alert">
            Fault flag: {flag.error}
          </p>
        ) : null}
        <div className="devtools-services">
          {faked.map((s) => (
            <ServiceFaults key={s} service={s} />
          ))}
        </div>
      </details>
    </aside>
  );
}

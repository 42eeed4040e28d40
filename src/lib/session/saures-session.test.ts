import { ApiError } from '../../api/errors.ts';
import { createPromptBroker, SignInRequiredError } from './prompt.ts';
import { createSauresSession } from './saures-session.ts';
import { createSessionStore, memoryStorage } from './store.ts';

const wrongSid = () =>
  new ApiError({
    service: 'saures',
    kind: 'service',
    what: 'Loading flats',
    code: 'WrongSIDException',
    serverMessage: 'Неверный sid',
  });
const duplicate = () =>
  new ApiError({
    service: 'saures',
    kind: 'service',
    what: 'Loading flats',
    code: 'DuplicateRequestException',
    serverMessage: 'Повторный запрос',
  });

function setup(options: { loginFails?: boolean } = {}) {
  let clock = 1_700_000_000_000;
  let sids = 0;
  const storage = memoryStorage();
  const store = createSessionStore(storage);
  const prompt = createPromptBroker(store);
  const login = vi.fn(async (c: { email: string; password: string }) => {
    if (options.loginFails || c.password !== 'demo') throw new Error('wrong password');
    sids += 1;
    return { sid: `sid-${sids}` };
  });
  const sleeps: number[] = [];
  const session = createSauresSession({
    login,
    store,
    prompt,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  return { session, store, prompt, login, storage, sleeps, advance: (ms: number) => (clock += ms) };
}

describe('SAURES session', () => {
  it('reuses one sid for every request', async () => {
    const { session, login } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    const seen: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((k) => session.call(k, async (sid) => seen.push(sid))));
    expect(login).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['sid-1', 'sid-1', 'sid-1']);
  });

  it('re-logs in once for three concurrent WrongSID failures, then each request retries once', async () => {
    const { session, login } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    const calls: Record<string, string[]> = { a: [], b: [], c: [] };
    const results = await Promise.all(
      Object.keys(calls).map((k) =>
        session.call(k, async (sid) => {
          calls[k]?.push(sid);
          if (sid === 'sid-1') throw wrongSid();
          return `${k}:${sid}`;
        }),
      ),
    );
    expect(login).toHaveBeenCalledTimes(2);
    expect(results).toEqual(['a:sid-2', 'b:sid-2', 'c:sid-2']);
    expect(calls).toEqual({ a: ['sid-1', 'sid-2'], b: ['sid-1', 'sid-2'], c: ['sid-1', 'sid-2'] });
  });

  it('opens the sign-in prompt when the re-login fails, and runs the waiting request after sign-in', async () => {
    const { session, store, login } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    login.mockRejectedValueOnce(new Error('server says no'));
    const pending = session.call('flats', async (sid) => {
      if (sid === 'sid-1') throw wrongSid();
      return sid;
    });
    await vi.waitFor(() => expect(store.getState().prompt?.service).toBe('saures'));
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    await expect(pending).resolves.toBe('sid-2');
    expect(store.getState().prompt).toBeNull();
  });

  it('after a reload (sid stored, no password in memory) an invalid sid opens the prompt instead of logging in', async () => {
    const { store, prompt, login } = setup();
    store.setState({ saures: { sid: 'stale', email: 'demo@saures.ru' } });
    const session = createSauresSession({ login, store, prompt });
    const pending = session.call('flats', async (sid) => {
      if (sid === 'stale') throw wrongSid();
      return sid;
    });
    await vi.waitFor(() => expect(store.getState().prompt).toMatchObject({ service: 'saures' }));
    expect(login).not.toHaveBeenCalled();
    prompt.cancel('saures');
    await expect(pending).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('never sends an identical request twice within a second', async () => {
    const { session, advance } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    const fn = vi.fn(async () => 'flats');
    await Promise.all([session.call('flats', fn), session.call('flats', fn)]);
    advance(999);
    await session.call('flats', fn);
    expect(fn).toHaveBeenCalledTimes(1);
    advance(1);
    await session.call('flats', fn);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('after a reload, waits until 1.5 s have passed before repeating a request sent just before it', async () => {
    const storage = memoryStorage();
    const first = setup();
    let clock = 5_000_000;
    const sleeps: number[] = [];
    const make = () => {
      const store = createSessionStore(storage);
      return {
        store,
        session: createSauresSession({
          login: first.login,
          store,
          prompt: createPromptBroker(store),
          now: () => clock,
          sleep: async (ms) => {
            sleeps.push(ms);
            clock += ms;
          },
        }),
      };
    };
    const before = make();
    await before.session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    await before.session.call('flats', async () => 'x');
    clock += 300;
    const after = make(); // a reload: new memory, same sessionStorage
    const sentAt: number[] = [];
    await after.session.call('flats', async () => sentAt.push(clock));
    expect(sleeps).toEqual([1_200]);
    expect(sentAt).toEqual([5_001_500]);
  });

  it('backs off at least 10 s on DuplicateRequestException, shows "retrying", and retries once', async () => {
    const { store, prompt, login } = setup();
    let release: () => void = () => {};
    let clock = 1_000_000;
    const session = createSauresSession({
      login,
      store,
      prompt,
      now: () => clock,
      sleep: (ms) => {
        if (ms < 10_000) throw new Error(`backed off only ${ms} ms`);
        return new Promise<void>((r) => {
          release = () => {
            clock += ms;
            r();
          };
        });
      },
    });
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    const fn = vi.fn().mockRejectedValueOnce(duplicate()).mockResolvedValueOnce('ok');
    const pending = session.call('flats', fn);
    await vi.waitFor(() => expect(store.getState().retrying).toBe(1));
    release();
    await expect(pending).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
    expect(store.getState().retrying).toBe(0);
  });

  it('gives up after one retry when the duplicate error repeats', async () => {
    const { session, sleeps } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    const fn = vi.fn().mockRejectedValue(duplicate());
    await expect(session.call('flats', fn)).rejects.toMatchObject({ code: 'DuplicateRequestException' });
    expect(fn).toHaveBeenCalledTimes(2);
    expect(sleeps).toEqual([10_000]);
  });

  it('keeps at most four requests in flight', async () => {
    const { session } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        session.call(`meters:${i}`, async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 1));
          active -= 1;
        }),
      ),
    );
    expect(peak).toBe(4);
  });

  it('stores the sid but never the password, and sign-out clears it', async () => {
    const { session, storage, store } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    const dumped = JSON.stringify(storage.dump());
    expect(dumped).toContain('sid-1');
    expect(dumped).not.toContain('"demo"');
    session.signOut();
    expect(store.getState().saures).toBeNull();
    expect(JSON.stringify(storage.dump())).not.toContain('sid-1');
    expect(session.canReloginSilently()).toBe(false);
  });
});

describe('SAURES session, sign-out races', () => {
  it('drops a re-login that finishes after the user signed out', async () => {
    const { session, store, login } = setup();
    await session.signIn({ email: 'demo@saures.ru', password: 'demo' });
    let finish: (v: { sid: string }) => void = () => {};
    login.mockImplementationOnce(() => new Promise((r) => (finish = r)));
    const pending = session.call('flats', async (sid) => {
      if (sid === 'sid-1') throw wrongSid();
      return sid;
    });
    await vi.waitFor(() => expect(login).toHaveBeenCalledTimes(2));
    session.signOut();
    finish({ sid: 'late-sid' });
    await expect(pending).rejects.toBeInstanceOf(SignInRequiredError);
    expect(store.getState().saures).toBeNull();
    expect(store.getState().prompt).toBeNull();
  });

  it('"Not now" on the prompt forgets the dead sid, so the next request does not reopen it', async () => {
    const { store, prompt, login } = setup();
    store.setState({ saures: { sid: 'stale', email: 'demo@saures.ru' } });
    const session = createSauresSession({ login, store, prompt });
    const pending = session.call('flats', async () => {
      throw wrongSid();
    });
    await vi.waitFor(() => expect(store.getState().prompt).not.toBeNull());
    prompt.cancel('saures');
    await expect(pending).rejects.toBeInstanceOf(SignInRequiredError);
    expect(store.getState().saures).toBeNull();
  });
});

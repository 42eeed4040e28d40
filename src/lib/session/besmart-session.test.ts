import { ApiError } from '../../api/errors.ts';
import { createBesmartSession } from './besmart-session.ts';
import { createPromptBroker } from './prompt.ts';
import { createSessionStore, memoryStorage } from './store.ts';

const unauthorized = () => new ApiError({ service: 'besmart', kind: 'http', what: 'Loading sensor', status: 401 });
const HOUR = 3_600_000;

function setup() {
  let clock = 1_700_000_000_000;
  let issued = 0;
  const storage = memoryStorage();
  const store = createSessionStore(storage);
  const prompt = createPromptBroker(store);
  const token = () => {
    issued += 1;
    return { token: `tok-${issued}`, expiration: clock + 2 * HOUR, user_id: 7 };
  };
  const login = vi.fn(async () => token());
  const refresh = vi.fn(async (_auth: { token: string }) => token());
  const session = createBesmartSession({ login, refresh, store, prompt, now: () => clock });
  return { session, store, storage, login, refresh, advance: (ms: number) => (clock += ms) };
}

describe('besmart session', () => {
  it('puts the token on every request', async () => {
    const { session } = setup();
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    await expect(session.call(async (auth) => auth.token)).resolves.toBe('tok-1');
  });

  it('refreshes exactly once for ten concurrent 401s, then each request retries once', async () => {
    const { session, refresh } = setup();
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    const attempts: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        session.call(async ({ token }) => {
          attempts.push(token);
          if (token === 'tok-1') throw unauthorized();
          return `${i}:${token}`;
        }),
      ),
    );
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith({ token: 'tok-1' });
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => `${i}:tok-2`));
    expect(attempts.filter((t) => t === 'tok-2')).toHaveLength(10);
  });

  it('refreshes before a request when less than 60 s of validity remain', async () => {
    const { session, refresh, advance } = setup();
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    advance(2 * HOUR - 61_000);
    await expect(session.call(async (a) => a.token)).resolves.toBe('tok-1');
    advance(2_000);
    await expect(session.call(async (a) => a.token)).resolves.toBe('tok-2');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('opens the sign-in prompt when the refresh and signing in again both fail, and finishes the request after sign-in', async () => {
    const { session, store, refresh, login } = setup();
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    refresh.mockRejectedValueOnce(unauthorized());
    login.mockRejectedValueOnce(unauthorized());
    const pending = session.call(async ({ token }) => {
      if (token === 'tok-1') throw unauthorized();
      return token;
    });
    await vi.waitFor(() => expect(store.getState().prompt?.service).toBe('besmart'));
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    await expect(pending).resolves.toBe('tok-2');
  });

  it('signs in again with the credentials kept in memory when the refresh fails', async () => {
    const { session, refresh, login } = setup();
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    refresh.mockRejectedValueOnce(unauthorized());
    const result = await session.call(async ({ token }) => {
      if (token === 'tok-1') throw unauthorized();
      return token;
    });
    expect(result).toBe('tok-2');
    expect(login).toHaveBeenCalledTimes(2);
    expect(login).toHaveBeenLastCalledWith(expect.objectContaining({ login: 'operator', password: 'pw' }));
  });

  it('signs in again before expiry where GET /users/token does not extend the token (current servers)', async () => {
    const { session, refresh, login, advance, store } = setup();
    await session.signIn({ login: 'operator', password: 'pw' });
    const first = store.getState().besmart;
    // A current server reports the same token with the same expiry.
    refresh.mockImplementationOnce(async () => ({ token: 'tok-1', expiration: first?.expiration ?? 0, user_id: 7 }));
    advance(2 * HOUR - 30_000);
    await expect(session.call(async (a) => a.token)).resolves.toBe('tok-2');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(login).toHaveBeenCalledTimes(2);
  });

  it('skips the useless refresh once the server is known to be current', async () => {
    const { session, refresh, login, advance } = setup();
    login.mockImplementation(async () => ({
      token: `tok-${login.mock.calls.length}`,
      expiration: 0,
      user_id: 7,
      dialect: 'current' as const,
    }));
    await session.signIn({ login: 'operator', password: 'pw' });
    advance(1);
    await session.call(async (a) => a.token);
    expect(refresh).not.toHaveBeenCalled();
    expect(login).toHaveBeenCalledTimes(2);
  });

  it('passes the server version to each call and remembers one learned later, without the password', async () => {
    const { session, store, storage } = setup();
    await session.signIn({ login: 'operator', password: 'secret-pw', workspaceKey: 'ws' });
    await session.call(async (auth) => {
      expect(auth.dialect).toBeUndefined();
      auth.learn('v0.1.5');
    });
    expect(store.getState().besmart?.api).toBe('v0.1.5');
    await expect(session.call(async (auth) => auth.dialect)).resolves.toBe('v0.1.5');
    expect(JSON.stringify(storage.dump())).not.toContain('secret-pw');
  });

  it('asks for a sign-in after a reload, where no password is in memory', async () => {
    const { session, store, refresh, login } = setup();
    await session.signIn({ login: 'operator', password: 'pw' });
    const saved = store.getState().besmart;
    const reloaded = createBesmartSession({
      login,
      refresh,
      store,
      prompt: createPromptBroker(store),
      now: () => 1_700_000_000_000 + 3 * HOUR,
    });
    refresh.mockRejectedValueOnce(unauthorized());
    void reloaded.call(async (a) => a.token).catch(() => undefined);
    await vi.waitFor(() => expect(store.getState().prompt?.service).toBe('besmart'));
    expect(login).toHaveBeenCalledTimes(1);
    expect(saved?.login).toBe('operator');
    session.signOut();
  });

  it('does not retry other errors', async () => {
    const { session, refresh } = setup();
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    const fn = vi.fn().mockRejectedValue(new ApiError({ service: 'besmart', kind: 'http', what: 'x', status: 404 }));
    await expect(session.call(fn)).rejects.toMatchObject({ status: 404 });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('stores token and expiry but no password or workspace key', async () => {
    const { session, storage } = setup();
    await session.signIn({ login: 'operator', password: 'pw-secret', workspaceKey: 'ws-secret' });
    const dumped = JSON.stringify(storage.dump());
    expect(dumped).toContain('tok-1');
    expect(dumped).not.toContain('pw-secret');
    expect(dumped).not.toContain('ws-secret');
  });
});

describe('besmart session, idle tab', () => {
  it('ensureFresh refreshes only when the token is about to run out', async () => {
    const { session, refresh, advance, store } = setup();
    await session.signIn({ login: 'operator', password: 'pw', workspaceKey: 'ws' });
    await session.ensureFresh();
    expect(refresh).not.toHaveBeenCalled();
    advance(2 * HOUR - 100_000);
    await session.ensureFresh();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(store.getState().besmart?.token).toBe('tok-2');
  });
});

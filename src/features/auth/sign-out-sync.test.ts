import { QueryClient } from '@tanstack/react-query';
import { createSessions } from '../../lib/session/sessions.ts';
import { listenForSignOut } from '../../lib/session/sign-out-broadcast.ts';
import { memoryStorage } from '../../lib/session/store.ts';
import { followSignOutsElsewhere } from './sign-out-sync.ts';

const SIGNED_IN = {
  saures: { sid: 'sid-1', email: 'demo@saures.ru' },
  besmart: { token: 'tok-1', expiration: Date.now() + 3_600_000, userId: 7, login: 'operator' },
};

/** One tab: its sessions (signed in to both), its query cache and the follower. */
function tab() {
  const sessions = createSessions(memoryStorage());
  sessions.store.setState(SIGNED_IN);
  const queryClient = new QueryClient();
  queryClient.setQueryData(['besmart', 'sensor', 1, 1], { name: 'cached' });
  queryClient.setQueryData(['saures', 'flats'], []);
  return { sessions, queryClient, follower: followSignOutsElsewhere(sessions, queryClient) };
}

/** Resolves with the next service another tab announces. */
function nextAnnouncement(): Promise<string> {
  return new Promise((resolve) => {
    const ear = listenForSignOut((service) => {
      ear.close();
      resolve(service);
    });
  });
}

describe('followSignOutsElsewhere', () => {
  it('tells the other tabs when this one signs out, and a tab told signs out of that service only', async () => {
    const a = tab();
    const b = tab();
    const heard = nextAnnouncement();
    a.sessions.besmart.signOut();
    expect(await heard).toBe('besmart');
    await vi.waitFor(() => expect(b.sessions.store.getState().besmart).toBeNull());
    expect(b.sessions.store.getState().saures).toEqual(SIGNED_IN.saures);
    expect(b.queryClient.getQueryData(['besmart', 'sensor', 1, 1])).toBeUndefined();
    expect(b.queryClient.getQueryData(['saures', 'flats'])).toEqual([]);
    a.follower.close();
    b.follower.close();
  });

  it('does not pass on a sign-out it was told of (no echo between tabs)', async () => {
    const b = tab();
    const announced: string[] = [];
    const ear = listenForSignOut((service) => announced.push(service));
    const other = new BroadcastChannel('meterdeck.sign-out');
    other.postMessage({ service: 'saures' });
    await vi.waitFor(() => expect(b.sessions.store.getState().saures).toBeNull());
    // Anything b announced would have arrived by the time another message sent after it does.
    const marker = nextAnnouncement();
    other.postMessage({ service: 'besmart' });
    await marker;
    expect(announced).toEqual(['saures', 'besmart']);
    other.close();
    ear.close();
    b.follower.close();
  });
});

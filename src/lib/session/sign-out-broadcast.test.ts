import { announceSignOut, listenForSignOut } from './sign-out-broadcast.ts';

describe('sign-out across tabs', () => {
  it('tells every other listener which service was signed out, and ignores anything else on the channel', async () => {
    const heard: string[] = [];
    const received = new Promise<void>((resolve) => {
      const tab = listenForSignOut((service) => {
        heard.push(service);
        if (heard.length === 2) {
          tab.close();
          resolve();
        }
      });
    });
    const stranger = new BroadcastChannel('meterdeck.sign-out');
    stranger.postMessage({ service: 'elsewhere' });
    stranger.postMessage('besmart');
    stranger.close();
    announceSignOut('besmart');
    announceSignOut('saures');
    await received;
    expect(heard).toEqual(['besmart', 'saures']);
  });
});

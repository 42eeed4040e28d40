import { publicConfig } from './upstreams.ts';

describe('publicConfig', () => {
  it('tells the page which besmart API the built-in fake speaks, with its demo accounts', () => {
    const config = publicConfig({ faked: { saures: true, besmart: true }, besmartApi: 'v0.1.5' });
    expect(config.besmart.fakeApi).toBe('v0.1.5');
    expect(config.besmart.demoAccounts.map((a) => a.login)).toEqual(['operator', 'viewer']);
  });
  it('says nothing of a real besmart service', () => {
    const config = publicConfig({ faked: { saures: true, besmart: false }, besmartApi: null });
    expect(config.besmart).toMatchObject({ faked: false, fakeApi: null, demoAccounts: [], demoSensors: [] });
  });
});

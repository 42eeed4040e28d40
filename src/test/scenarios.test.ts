import { login as besmartLogin, getSensor } from '../api/besmart/client.ts';
import { isApiError } from '../api/errors.ts';
import { getFlats, login as sauresLogin } from '../api/saures/client.ts';
import * as scenarios from './scenarios.ts';
import { setupFakeServices } from './server.ts';

const fakes = setupFakeServices();
const { applyScenario, controlPath, httpControl } = scenarios;

const OPERATOR = { login: 'operator', password: 'operator', workspaceKey: 'demo-workspace' };
const DEMO = { email: 'demo@saures.ru', password: 'demo' };

async function failureOf(promise: Promise<unknown>) {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isApiError(e)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
}

describe('scenarios', () => {
  it('are all accepted by the fakes', () => {
    const all: scenarios.Scenario[] = [
      scenarios.fakesReset(),
      scenarios.clockAdvanced(1000),
      scenarios.faultOn('besmart', 418, { path: '/sensors', method: 'PUT', times: 2, ms: 10 }),
      scenarios.faultOff('saures'),
      scenarios.sauresSessionExpired(),
      scenarios.sauresRejectsSid(),
      scenarios.sauresDown(),
      scenarios.sauresTimesOut(),
      scenarios.sauresFails(503),
      scenarios.sauresSlow(50),
      scenarios.sauresAnswersHtml(),
      scenarios.sauresAnswersBadJson(),
      scenarios.sauresFlatMetersFail(39),
      scenarios.sauresFlatMetersRecover(39),
      scenarios.sauresRecovers(),
      scenarios.besmartTokensExpired(),
      scenarios.besmartTokenRevoked({ times: 1 }),
      scenarios.besmartDown(),
      scenarios.besmartTimesOut(),
      scenarios.besmartFails(),
      scenarios.besmartSlow(50),
      scenarios.besmartAnswersHtml(),
      scenarios.besmartAnswersBadJson(),
      scenarios.besmartDataFails({ method: 'GET' }),
      scenarios.besmartRecovers(),
    ];
    expect(() => fakes.apply(...all)).not.toThrow();
  });

  it('say what they switch on: SAURES answers its maintenance page even to sign-in, and recovers', async () => {
    fakes.apply(scenarios.sauresAnswersHtml());
    expect((await failureOf(sauresLogin(DEMO))).kind).toBe('parse');
    fakes.apply(scenarios.sauresRecovers());
    const { sid } = await sauresLogin(DEMO);
    await expect(getFlats(sid)).resolves.toHaveLength(4);
  });

  it('fail only signal data with besmartDataFails', async () => {
    const auth = await besmartLogin(OPERATOR);
    fakes.apply(scenarios.besmartDataFails());
    await expect(getSensor(auth, { client_cid: 1, sensor_mid: 1 })).resolves.toMatchObject({ sensor_mid: 1 });
    const res = await fetch(fakes.url('besmart', '/sensors/1.1/signals/32/data'), {
      headers: { authorization: `Bearer ${auth.token}` },
    });
    expect(res.status).toBe(500);
  });

  it('go over HTTP as POST /<service>/__control/<action>?<params>, and a refusal throws', async () => {
    const posted: string[] = [];
    const request = {
      post: (url: string) => {
        posted.push(url);
        const ok = !url.includes('nonsense');
        return Promise.resolve({ ok: () => ok, status: () => (ok ? 200 : 404), text: () => Promise.resolve('no') });
      },
    };
    await applyScenario(httpControl(request, 'http://x'), scenarios.besmartSlow(2500, { path: '/sensors/1.1' }));
    expect(posted).toEqual(['http://x/besmart/__control/fault?kind=latency&ms=2500&path=%2Fsensors%2F1.1']);
    expect(controlPath({ service: 'saures', action: 'expire-sessions', params: {} })).toBe(
      '/saures/__control/expire-sessions',
    );
    await expect(
      applyScenario(httpControl(request), [{ service: 'saures', action: 'nonsense', params: {} }]),
    ).rejects.toThrow('/saures/__control/nonsense answered 404: no');
  });
});

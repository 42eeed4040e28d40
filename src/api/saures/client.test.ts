import { http, HttpResponse } from 'msw';
import { sauresAnswersHtml, sauresRecovers, sauresSessionExpired } from '../../test/scenarios.ts';
import { setupFakeServices } from '../../test/server.ts';
import { ApiError } from '../errors.ts';
import { getFlats, getMeters, login } from './client.ts';

const START = Date.UTC(2025, 0, 15, 9, 0, 0);
let clock = START;
const { saures: fake, server, apply } = setupFakeServices({ now: () => clock });
afterEach(() => {
  clock = START;
});

const DEMO = { email: 'demo@saures.ru', password: 'demo' };
const NEIGHBOUR = { email: 'neighbour@saures.ru', password: 'demo' };

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
}

describe('login', () => {
  it('returns a sid and the resident role', async () => {
    const session = await login(DEMO);
    expect(session.sid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(session.role).toBe(1);
    expect(fake.loginCount()).toBe(1);
  });

  it('surfaces a wrong password with the server’s Russian words', async () => {
    const err = await failure(login({ email: 'demo@saures.ru', password: 'nope' }));
    expect(err.kind).toBe('service');
    expect(err.code).toBe('WrongCredsException');
    expect(err.serverMessage).toBe('Неправильный email или пароль');
    expect(err.message).toBe('Signing in to SAURES failed: SAURES said “Неправильный email или пароль”.');
  });

  it('refuses an identical login within a second and accepts it after one', async () => {
    await login(DEMO);
    clock += 999;
    const err = await failure(login(DEMO));
    expect(err.code).toBe('DuplicateRequestException');
    clock += 1;
    await expect(login(DEMO)).resolves.toMatchObject({ role: 1 });
  });
});

describe('getFlats', () => {
  it('lists every flat of the account, normalised', async () => {
    const { sid } = await login(DEMO);
    const flats = await getFlats(sid);
    expect(flats.map((f) => f.id)).toEqual([106, 39, 119, 204]);
    expect(flats[1]).toEqual({
      id: 39,
      house: 'Город Москва, улица Партизанская, дом 51 корпус 2',
      number: 'офис 25',
      personalAccount: '',
      enabled: true,
    });
    expect(flats.find((f) => f.id === 204)?.enabled).toBe(false);
  });

  it('shows another account only its own flats', async () => {
    const { sid } = await login(NEIGHBOUR);
    expect((await getFlats(sid)).map((f) => f.id)).toEqual([119]);
  });

  it('rejects an unknown sid with WrongSIDException', async () => {
    const err = await failure(getFlats('00000000-0000-4000-a000-000000000000'));
    expect(err.kind).toBe('service');
    expect(err.code).toBe('WrongSIDException');
    expect(err.serverMessage).toBe('Неверный sid');
    expect(err.message).toBe('Loading flats failed: SAURES said “Неверный sid”.');
  });

  it('rejects a missing sid with WrongSIDException', async () => {
    expect((await failure(getFlats(''))).code).toBe('WrongSIDException');
  });

  it('accepts a sid until 15 minutes after login and rejects it from then on', async () => {
    const { sid } = await login(DEMO);
    clock += 15 * 60_000 - 1000;
    await expect(getFlats(sid)).resolves.toHaveLength(4);
    clock += 1000;
    expect((await failure(getFlats(sid))).code).toBe('WrongSIDException');
  });

  it('rejects every sid after the fake expires sessions', async () => {
    const { sid } = await login(DEMO);
    apply(sauresSessionExpired());
    expect((await failure(getFlats(sid))).code).toBe('WrongSIDException');
  });

  it('refuses an identical request within a second and answers it after one', async () => {
    const { sid } = await login(DEMO);
    await getFlats(sid);
    clock += 500;
    const err = await failure(getFlats(sid));
    expect(err.kind).toBe('service');
    expect(err.code).toBe('DuplicateRequestException');
    expect(err.message).toMatch(/^Loading flats failed: SAURES said “.+”\.$/);
    clock += 500;
    await expect(getFlats(sid)).resolves.toHaveLength(4);
  });

  it('turns a maintenance HTML page into a parse error', async () => {
    const { sid } = await login(DEMO);
    apply(sauresAnswersHtml());
    const err = await failure(getFlats(sid));
    expect(err.kind).toBe('parse');
    expect(err.message).toBe(
      'Loading flats failed: SAURES sent an answer the app cannot read (a web page came back instead of data).',
    );
    apply(sauresRecovers());
    clock += 1000;
    await expect(getFlats(sid)).resolves.toHaveLength(4);
  });

  it('reports a proxy error status as an http error', async () => {
    server.use(
      http.get(
        'http://localhost/saures/api/company/flats',
        () => new HttpResponse('Bad gateway', { status: 502, headers: { 'content-type': 'text/plain' } }),
      ),
    );
    const err = await failure(getFlats('x'));
    expect(err.kind).toBe('http');
    expect(err.status).toBe(502);
    expect(err.message).toBe('Loading flats failed: SAURES answered 502 — Bad gateway.');
  });

  it('gives the proxy’s own words for its 502 and 504 (problem+json)', async () => {
    const detail = 'The upstream service could not be reached.';
    server.use(
      http.get('http://localhost/saures/api/company/flats', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Bad Gateway', status: 502, detail },
          { status: 502, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const err = await failure(getFlats('x'));
    expect(err.message).toContain(`SAURES answered 502 — ${detail}`);
  });
});

describe('getMeters', () => {
  it('returns the controllers of a flat with their meters', async () => {
    const { sid } = await login(DEMO);
    const sensors = await getMeters(sid, 106);
    expect(sensors.map((s) => s.sn)).toEqual(['692083', '692084']);
    const [first] = sensors;
    expect(first?.batteryPercent).toBe(100);
    expect(first?.rssiDb).toBe(-45);
    // dd.mm.yyyy hh:mm has minute precision: 4 minutes ago, Moscow time, as UTC ms.
    expect(first?.lastConnection?.epochMs).toBe(START - 4 * 60_000);
    expect(sensors[1]?.batteryPercent).toBe(87);
    expect(sensors[1]?.lastConnection?.raw).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(sensors[1]?.lastConnection?.epochMs).toBe(START - 12 * 60_000);
    const cold = first?.meters.find((m) => m.sn === '13-04-26051-AB');
    // Water is sent in litres, electricity in Wh (the SAURES reference's units).
    expect(cold).toMatchObject({ name: '', value: 135494, tariffs: [], type: { number: 1, name: 'Холодная вода' } });
    const electricity = first?.meters.find((m) => m.type.number === 8);
    expect(electricity?.tariffs.map((t) => t.tariff)).toEqual(['T1', 'T2']);
    expect(electricity?.value).toBeCloseTo(
      (electricity?.tariffs ?? []).reduce((a, t) => a + t.value, 0),
      2,
    );
  });

  it('keeps the quirks of flat 39: a stale controller, an "a/b" tariff string, an error state, a leak, unknown types', async () => {
    const { sid } = await login(DEMO);
    const sensors = await getMeters(sid, 39);
    const stale = sensors.find((s) => s.sn === '10-123456');
    expect(stale?.lastConnection?.epochMs).toBe(START - 3 * 24 * 60 * 60_000);
    expect(stale?.batteryPercent).toBe(5);
    expect(stale?.rssiDb).toBe(-95);
    const meters = sensors.flatMap((s) => s.meters);
    expect(meters.find((m) => m.sn === 'EL-55810')?.tariffs).toEqual([
      { tariff: 'T1', value: 4803080 },
      { tariff: 'T2', value: 1774580 },
    ]);
    expect(meters.find((m) => m.sn === 'CW-33001')?.state).toEqual({ number: 1, name: 'Обрыв' });
    expect(meters.find((m) => m.type.number === 4)?.value).toBe(1);
    expect(meters.map((m) => m.type.number)).toEqual(expect.arrayContaining([11, 14]));
  });

  it('reads a meters answer that starts with a UTF-8 BOM', async () => {
    const { sid } = await login(DEMO);
    const sensors = await getMeters(sid, 119);
    expect(sensors.map((s) => s.sn)).toEqual(['227714', '227715']);
    expect(sensors[1]).toMatchObject({ hardware: null, ssid: null, rssiDb: null });
  });

  it('gives a meter that sends its reading only in vals the sum of its tariffs', async () => {
    const { sid } = await login(DEMO);
    const meters = (await getMeters(sid, 119)).flatMap((s) => s.meters);
    expect(meters.find((m) => m.sn === 'EL-77120')).toMatchObject({
      value: 1_234_500 + 567_800,
      valueRaw: null,
      tariffs: [
        { tariff: 'T1', value: 1_234_500 },
        { tariff: 'T2', value: 567_800 },
      ],
    });
  });

  it('rejects a flat of another account with the server’s string error', async () => {
    const { sid } = await login(NEIGHBOUR);
    const err = await failure(getMeters(sid, 106));
    expect(err.kind).toBe('service');
    expect(err.code).toBeUndefined();
    expect(err.serverMessage).toBe('Недостаточно прав!');
    expect(err.message).toBe('Loading meters of flat 106 failed: SAURES said “Недостаточно прав!”.');
  });

  it('rejects an unknown sid and an expired one with WrongSIDException', async () => {
    expect((await failure(getMeters('nope', 106))).code).toBe('WrongSIDException');
    const { sid } = await login(DEMO);
    clock += 16 * 60_000;
    const err = await failure(getMeters(sid, 106));
    expect(err.code).toBe('WrongSIDException');
    expect(err.what).toBe('Loading meters of flat 106');
  });

  it('refuses an identical request within a second, but not one for another flat', async () => {
    const { sid } = await login(DEMO);
    await getMeters(sid, 106);
    await expect(getMeters(sid, 39)).resolves.toHaveLength(2);
    clock += 300;
    expect((await failure(getMeters(sid, 106))).code).toBe('DuplicateRequestException');
    clock += 700;
    await expect(getMeters(sid, 106)).resolves.toHaveLength(2);
  });

  it('turns a maintenance HTML page into a parse error', async () => {
    const { sid } = await login(DEMO);
    apply(sauresAnswersHtml());
    const err = await failure(getMeters(sid, 106));
    expect(err.kind).toBe('parse');
    expect(err.what).toBe('Loading meters of flat 106');
  });

  it('turns a maintenance HTML page on login into a parse error', async () => {
    apply(sauresAnswersHtml());
    expect((await failure(login(DEMO))).kind).toBe('parse');
  });
});

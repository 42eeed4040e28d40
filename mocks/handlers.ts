import { http, HttpResponse } from 'msw';
import type { FakeRequest, FakeService } from './types.ts';

async function toFakeRequest(request: Request, prefix: string): Promise<FakeRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    headers[k.toLowerCase()] = v;
  });
  return {
    method: request.method.toUpperCase(),
    path: url.pathname.slice(prefix.length) || '/',
    query: url.searchParams,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
  };
}

/**
 * msw handlers that route the app's same-origin calls (/saures/*, /besmart/*)
 * straight to the fakes — the proxy's job, minus the network. For unit tests.
 */
export function createHandlers(fakes: { saures?: FakeService; besmart?: FakeService }, origin = 'http://localhost') {
  const services = (['saures', 'besmart'] as const).flatMap((service) => {
    const fake = fakes[service];
    return fake ? [{ service, fake }] : [];
  });
  return services.map(({ service, fake }) =>
    http.all(`${origin}/${service}/*`, async ({ request }) => {
      const req = await toFakeRequest(request, `/${service}`);
      const control = /^\/__control\/([a-z-]+)$/.exec(req.path);
      const res = control?.[1] ? fake.control(control[1], req.query) : await fake.handle(req);
      return new HttpResponse(res.body === '' ? null : res.body, {
        status: res.status,
        headers: res.headers,
      });
    }),
  );
}

// The proxy's memory under 40 concurrent 16 MiB uploads (issue 14: at most a
// few bodies are held at once, so the peak stays under 400 MB). Starts the
// production server as `npm run serve` does (dist-server/serve.mjs, after
// `npm run build`) in front of an upstream in this process that reads and
// drops each body (as a real service, it is not the server's memory), and
// reads the server's peak resident memory (VmHWM, Linux) after the uploads.
// Prints the figures; asserts nothing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createInterface } from 'node:readline';
import { report } from './lib.mjs';

const UPLOADS = 40;
const SIZE = 16 * 1024 * 1024 - 1024;

function kb(pid, field) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN);
}

function upload(url, body) {
  return new Promise((resolve) => {
    const req = request(
      `${url}/besmart/sensors/signals/data`,
      { method: 'PUT', headers: { 'content-type': 'application/json', 'content-length': String(body.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

export async function benchProxyMemory() {
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(401, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const address = sink.address();
  const upstream = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const child = spawn(process.execPath, ['dist-server/serve.mjs'], {
    env: { ...process.env, PORT: '0', SAURES_URL: upstream, BESMART_URL: `${upstream}/api` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/[^"\s]+)/.exec(line);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const before = kb(child.pid, 'VmRSS');
  const body = Buffer.alloc(SIZE, 0x20);
  const started = Date.now();
  const statuses = await Promise.all(Array.from({ length: UPLOADS }, () => upload(url, body)));
  const ms = Date.now() - started;
  const peak = kb(child.pid, 'VmHWM');
  child.kill('SIGTERM');
  sink.close();
  const counts = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  const result = {
    uploads: UPLOADS,
    uploadMiB: Math.round(SIZE / 1024 / 1024),
    rssBeforeMB: Math.round(before / 1024),
    peakRssMB: Math.round(peak / 1024),
    ms,
    statuses: counts,
  };
  report('proxy-memory', {
    uploads: UPLOADS,
    uploadMiB: result.uploadMiB,
    peakRssMB: result.peakRssMB,
    idleRssMB: result.rssBeforeMB,
    ms,
    refused503: counts[503] ?? 0,
  });
  return result;
}

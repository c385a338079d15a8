// `npm run keys:rotate -- --url …` as an operator runs it: the key from PLATFORM_KEY as a Bearer
// header to POST /api/platform/keys/rotate, the answer printed, a refusal or a missing argument
// ending with a non-zero exit. A small HTTP server stands in for the deployed Worker here; the
// route itself is tested in tests/http/platform-keys.test.ts.

import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const KEY = 'operator-key-0123456789abcdefghijklmnopqrstuv';
const seen: { method?: string; url?: string; authorization?: string }[] = [];
let origin = '';

const server = createServer((req: IncomingMessage, res) => {
  seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
  res.setHeader('content-type', 'application/json');
  if (req.headers.authorization !== `Bearer ${KEY}`) {
    res.statusCode = 401;
    res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'Send the platform key.' } }));
    return;
  }
  res.end(
    JSON.stringify({
      masterKeyVersion: 2,
      regions: { eu: { tenants: 4, rewrapped: 3 }, us: { tenants: 2, rewrapped: 0 } },
    }),
  );
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function runScript(args: string[], key?: string): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, PLATFORM_KEY: key };
  if (key === undefined) delete env.PLATFORM_KEY;
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/keys-rotate.ts', ...args], {
    cwd: ROOT,
    env,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out, err })));
}

describe('npm run keys:rotate', () => {
  it('posts with the key from PLATFORM_KEY and prints what each region re-wrapped', async () => {
    seen.length = 0;
    const run = await runScript(['--url', `${origin}/some/path?x=1`], KEY);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(seen).toEqual([
      { method: 'POST', url: '/api/platform/keys/rotate', authorization: `Bearer ${KEY}` },
    ]);
    expect(run.out.split('\n')).toEqual([
      'every tenant key is now wrapped by master key version 2',
      'eu\t4 tenants\t3 re-wrapped now',
      'us\t2 tenants\t0 re-wrapped now',
      '',
    ]);
  });

  it('ends with exit code 1 and the reason when the Worker refuses', async () => {
    const run = await runScript(['--url', origin], 'not-the-key');
    expect(run.code).toBe(1);
    expect(run.err).toContain('401 unauthorized');
    expect(run.out).toBe('');
  });

  it.each([
    ['no --url', [], KEY],
    ['a URL that is not http(s)', ['--url', 'ftp://privacy.example.com'], KEY],
    ['no PLATFORM_KEY', ['--url', 'http://127.0.0.1:9'], undefined],
  ])('asks for what is missing (%s) with exit code 2, sending nothing', async (_name, args, key) => {
    seen.length = 0;
    const run = await runScript(args, key);
    expect(run.code).toBe(2);
    expect(run.err).toContain('usage: PLATFORM_KEY=… npm run keys:rotate -- --url');
    expect(seen).toEqual([]);
  });
});

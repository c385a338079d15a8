// A local webhook receiver for tests and benches: a plain Node HTTP server on 127.0.0.1 that
// records every request under a key and answers as the path asks, so each test scripts its own
// behaviour: POST /hook/<key>/<script>, where the script is a comma-separated list of answers
// taken one per attempt of the same `webhook-id` (the last repeats): `200`, `500`, `410`, `redirect` (302 to
// /hook/<key>-redirected/200), `hang` (never answers), `slow<ms>` (200 after a delay), `big`
// (200 with a 5 MB body), `big500` (500 with a 5 MB body). GET /log/<key> returns the recorded
// requests, each with the status it was answered (none while or if it hangs); GET /count/<key>
// their number.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type ReceivedWebhook = {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
  /** The status answered, once answered. */
  answered?: number;
};

export type WebhookReceiver = {
  url: string;
  received: Map<string, ReceivedWebhook[]>;
  close: () => Promise<void>;
};

const BIG = Buffer.alloc(5 * 1024 * 1024, 'x');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(
  res: ServerResponse,
  action: string,
  key: string,
  hanging: Set<ServerResponse>,
  entry: ReceivedWebhook,
): void {
  if (action === 'hang') {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    return;
  }
  if (action === 'redirect') {
    entry.answered = 302;
    res.writeHead(302, { location: `/hook/${key}-redirected/200` }).end();
    return;
  }
  if (action === 'big' || action === 'big500') {
    entry.answered = action === 'big' ? 200 : 500;
    res.writeHead(entry.answered, { 'content-type': 'text/plain' });
    res.end(BIG);
    return;
  }
  const slow = /^slow(\d+)$/.exec(action);
  if (slow) {
    setTimeout(() => {
      entry.answered = 200;
      res.writeHead(200).end('ok');
    }, Number(slow[1]));
    return;
  }
  const status = Number(action);
  entry.answered = Number.isInteger(status) && status >= 200 && status < 600 ? status : 400;
  res.writeHead(entry.answered).end('ok');
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const received = new Map<string, ReceivedWebhook[]>();
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const parts = (req.url ?? '/').split('/').filter(Boolean);
    if (req.method === 'GET' && (parts[0] === 'log' || parts[0] === 'count') && parts[1]) {
      const log = received.get(parts[1]) ?? [];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(parts[0] === 'log' ? log : { count: log.length }));
      return;
    }
    if (parts[0] !== 'hook' || !parts[1]) {
      res.writeHead(404).end();
      return;
    }
    const key = parts[1];
    const body = await readBody(req);
    const log = received.get(key) ?? [];
    received.set(key, log);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers[name] = value;
    const entry: ReceivedWebhook = { path: req.url ?? '', headers, body, receivedAt: Date.now() };
    log.push(entry);
    const attempt = log.filter((r) => r.headers['webhook-id'] === headers['webhook-id']).length;
    const script = (parts[2] ?? '200').split(',');
    answer(res, script[Math.min(attempt, script.length) - 1]!, key, hanging, entry);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

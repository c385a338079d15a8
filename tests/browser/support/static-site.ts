// A client's website on another origin: a tiny static HTTP server on its own port serving the
// pages a test hands it, so embed scripts are exercised cross-origin as on a real site.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `pages` may be filled in after start (the origin is known only once the server listens). */
export type StaticSite = { origin: string; pages: Record<string, string>; stop: () => Promise<void> };

export async function startStaticSite(pages: Record<string, string> = {}): Promise<StaticSite> {
  const server: Server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// Mail sent by a `wrangler dev` Worker: the local send_email binding writes every message as an
// `.eml` file (under the project's `.wrangler/tmp` or miniflare's temp folder). This finds the
// newest one addressed to someone and parses it with postal-mime, as a mail client would.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { ROOT } from '../../../scripts/lib/local-worker';

function emlFiles(dir: string, since: number, depth = 0, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory() && depth < 8) emlFiles(full, since, depth + 1, out);
    else if (name.endsWith('.eml') && st.mtimeMs >= since) out.push(full);
  }
  return out;
}

function mailRoots(): string[] {
  const roots = [path.join(ROOT, '.wrangler', 'tmp')];
  for (const name of readdirSync(tmpdir()))
    if (name.startsWith('miniflare-')) roots.push(path.join(tmpdir(), name));
  return roots;
}

/** Waits until a message to `to` written after `since` (epoch ms) appears; returns it parsed. */
export async function waitForMail(to: string, since: number, timeoutMs = 15_000): Promise<Email> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const file of mailRoots().flatMap((r) => emlFiles(r, since - 1000))) {
      const raw = readFileSync(file, 'utf8');
      const parsed = await PostalMime.parse(raw);
      if (parsed.to?.some((a) => a.address?.toLowerCase() === to.toLowerCase())) return parsed;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} appeared within ${timeoutMs} ms`);
}

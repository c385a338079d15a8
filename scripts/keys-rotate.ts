// CLI behind `npm run keys:rotate -- --url <origin>`: asks a deployed Worker to re-wrap every
// tenant key under the newest MASTER_KEY version (POST /api/platform/keys/rotate) and prints what
// it did. The operator's key comes from the PLATFORM_KEY environment variable, never an argument
// (arguments end up in shell history and process lists).

import { parseArgs } from 'node:util';

const USAGE = 'usage: PLATFORM_KEY=… npm run keys:rotate -- --url https://privacy.example.com';

type Report = { masterKeyVersion: number; regions: Record<string, { tenants: number; rewrapped: number }> };

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function origin(url: string | undefined): string {
  if (!url) fail(USAGE);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail(`--url is not a URL. ${USAGE}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') fail(`--url must be http(s). ${USAGE}`);
  return parsed.origin;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const base = origin(values.url);
  const key = process.env.PLATFORM_KEY;
  if (!key) fail(`PLATFORM_KEY is not set. ${USAGE}`);
  const res = await fetch(`${base}/api/platform/keys/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
  });
  const body = (await res.json().catch(() => null)) as
    | (Report & { error?: undefined })
    | { error: { code: string; message: string } }
    | null;
  if (!res.ok || !body || body.error) {
    fail(
      `rotation refused: ${res.status} ${body?.error ? `${body.error.code}: ${body.error.message}` : ''}`,
      1,
    );
  }
  console.log(`every tenant key is now wrapped by master key version ${body.masterKeyVersion}`);
  for (const [region, r] of Object.entries(body.regions)) {
    console.log(`${region}\t${r.tenants} tenants\t${r.rewrapped} re-wrapped now`);
  }
}

await main();

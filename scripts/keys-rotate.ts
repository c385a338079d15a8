// CLI behind `npm run keys:rotate -- --url <origin>`: asks a deployed Worker to re-wrap every
// tenant key under the newest MASTER_KEY version (POST /api/platform/keys/rotate) and prints what
// it did (the operator's key from PLATFORM_KEY, see lib/platform-call.ts).

import { parseArgs } from 'node:util';
import { callPlatform } from './lib/platform-call';

const USAGE = 'usage: PLATFORM_KEY=… npm run keys:rotate -- --url https://privacy.example.com';

type Report = { masterKeyVersion: number; regions: Record<string, { tenants: number; rewrapped: number }> };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const body = await callPlatform<Report>(values.url, 'keys/rotate', USAGE, 'rotation');
  console.log(`every tenant key is now wrapped by master key version ${body.masterKeyVersion}`);
  for (const [region, r] of Object.entries(body.regions)) {
    console.log(`${region}\t${r.tenants} tenants\t${r.rewrapped} re-wrapped now`);
  }
}

await main();

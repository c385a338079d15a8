// `npm run dev`: local databases migrated, demo tenants seeded, credentials written to
// .dev/credentials.json, the dashboard built when stale, and the whole Worker served by
// `wrangler dev` on http://127.0.0.1:8787 (the dashboard at /admin/). `npm run dev:sso` (`--sso`)
// also starts a local OpenID provider as the demo workspaces' SSO.

import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDashboardBuilt } from './lib/dashboard-build';
import { startDevSso } from './lib/dev-sso';
import {
  applyLocalMigrations,
  newMasterKey,
  newPlatformKey,
  ROOT,
  seedDemo,
  startLocalWorker,
  type DemoTenant,
} from './lib/local-worker';

/** `npm run dev -- --port 8800` (or `PORT=8800 npm run dev`); 8787 otherwise. */
function chosenPort(): number {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const flag = at < 0 ? undefined : args[at];
  const raw = flag === undefined ? process.env.PORT : flag.includes('=') ? flag.split('=')[1] : args[at + 1];
  const port = Number(raw ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`npm run dev: --port wants a number from 1 to 65535, not "${raw}"`);
    process.exit(2);
  }
  return port;
}
const PORT = chosenPort();
const devDir = path.join(ROOT, '.dev');
const credentialsFile = path.join(devDir, 'credentials.json');
const devVars = path.join(ROOT, '.dev.vars');

mkdirSync(devDir, { recursive: true });
// The local secrets, kept across runs: a random master key (so local data stays readable) and a
// random operator key for `/api/platform/*` (`PLATFORM_KEY=… npm run keys:rotate -- --url …`).
const secrets = existsSync(devVars) ? readFileSync(devVars, 'utf8') : '';
if (secrets && !secrets.endsWith('\n')) appendFileSync(devVars, '\n');
if (!/^MASTER_KEY=/m.test(secrets)) appendFileSync(devVars, `MASTER_KEY="${newMasterKey()}"\n`);
if (!/^PLATFORM_KEY=/m.test(secrets)) appendFileSync(devVars, `PLATFORM_KEY="${newPlatformKey()}"\n`);
// Local-only settings, given on the command line because wrangler loads from .dev.vars only the
// names wrangler.toml declares: the local runtime (no jurisdiction pinning), the x-dev-geo
// override and webhooks to http://127.0.0.1:<port>. Production configuration sets none of them.
const LOCAL_VARS = {
  RUNTIME: 'local',
  ALLOW_DEV_GEO: '1',
  ALLOW_DEV_WEBHOOK_HOSTS: '1',
  PUBLIC_ORIGIN: `http://127.0.0.1:${PORT}`,
};
if (!existsSync(credentialsFile)) {
  // Without the credentials the demo API keys are lost (only hashes are stored): start afresh.
  rmSync(path.join(ROOT, '.wrangler', 'state'), { recursive: true, force: true });
}

applyLocalMigrations();
ensureDashboardBuilt();
const worker = await startLocalWorker({ port: PORT, inheritOutput: true, vars: LOCAL_VARS });
const created = await seedDemo(worker.url);
const previous: { tenants: DemoTenant[] } = existsSync(credentialsFile)
  ? JSON.parse(readFileSync(credentialsFile, 'utf8'))
  : { tenants: [] };
const tenants = [...previous.tenants.filter((t) => !created.some((c) => c.slug === t.slug)), ...created];
writeFileSync(credentialsFile, `${JSON.stringify({ url: worker.url, tenants }, null, 2)}\n`);
console.log(
  `\nTailoredMail Privacy is running on ${worker.url}\nDemo credentials: ${path.relative(ROOT, credentialsFile)} (${tenants.map((t) => t.slug).join(', ')})\n`,
);
const sso = process.argv.includes('--sso') ? await startDevSso(worker.url, tenants) : null;
if (sso)
  console.log(
    `Local OpenID provider: ${sso.issuer} (the SSO of ${tenants.map((t) => t.admin.workspace).join(', ')})\n` +
      tenants
        .map(
          (t) =>
            `  open ${worker.url}/auth/sso/${t.admin.workspace} and choose "Owner of ${t.admin.workspace}"`,
        )
        .join('\n') +
      '\n  ("Someone no workspace knows" shows the refusal)\n',
  );

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.all([worker.stop(), sso?.close()]).then(() => process.exit(0)));
}
worker.process.on('exit', (code) => process.exit(code ?? 0));

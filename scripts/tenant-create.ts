// CLI behind `npm run tenant:create -- --url <origin> --region eu --slug acme --name "Acme" --owner a@acme.example`:
// asks a Worker to create a workspace with its first owner (POST /api/platform/tenants), who is
// mailed an invitation. The operator's key comes from the PLATFORM_KEY environment variable,
// never an argument (arguments end up in shell history and process lists).

import { parseArgs } from 'node:util';

const USAGE =
  'usage: PLATFORM_KEY=… npm run tenant:create -- --url https://privacy.example.com --region eu|us --slug acme --name "Acme GmbH" --owner owner@acme.example [--language de]';

type Created = {
  tenant: { id: string; workspace: string; region: string };
  owner: { id: string; email: string };
  invitation: { sent: boolean; expiresAt: string | null };
};

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
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      region: { type: 'string' },
      slug: { type: 'string' },
      name: { type: 'string' },
      owner: { type: 'string' },
      language: { type: 'string' },
    },
  });
  const base = origin(values.url);
  if (!values.region || !values.slug || !values.name || !values.owner) fail(USAGE);
  const key = process.env.PLATFORM_KEY;
  if (!key) fail(`PLATFORM_KEY is not set. ${USAGE}`);
  const res = await fetch(`${base}/api/platform/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      region: values.region,
      slug: values.slug,
      name: values.name,
      ownerEmail: values.owner,
      ...(values.language ? { language: values.language } : {}),
    }),
  });
  const body = (await res.json().catch(() => null)) as
    | (Created & { error?: undefined })
    | { error: { code: string; message: string } }
    | null;
  if (!res.ok || !body || body.error) {
    fail(`refused: ${res.status} ${body?.error ? `${body.error.code}: ${body.error.message}` : ''}`, 1);
  }
  console.log(`workspace ${body.tenant.workspace} (${body.tenant.id}) created in ${body.tenant.region}`);
  console.log(
    body.invitation.sent
      ? `owner ${body.owner.email} invited; the link works until ${body.invitation.expiresAt}`
      : `owner ${body.owner.email} created, but the invitation mail could not be sent: ask for a reset with "Forgot password"`,
  );
}

await main();

// CLI behind `npm run tenant:create -- --url <origin> --region eu --slug acme --name "Acme" --owner a@acme.example`:
// asks a Worker to create a workspace with its first owner (POST /api/platform/tenants), who is
// mailed an invitation (the operator's key from PLATFORM_KEY, see lib/platform-call.ts).

import { parseArgs } from 'node:util';
import { callPlatform, fail } from './lib/platform-call';

const USAGE =
  'usage: PLATFORM_KEY=… npm run tenant:create -- --url https://privacy.example.com --region eu|us --slug acme --name "Acme GmbH" --owner owner@acme.example [--language de]';

type Created = {
  tenant: { id: string; workspace: string; region: string };
  owner: { id: string; email: string };
  invitation: { sent: boolean; expiresAt: string | null };
};

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
  if (!values.region || !values.slug || !values.name || !values.owner) fail(USAGE);
  const body = await callPlatform<Created>(values.url, 'tenants', USAGE, 'creation', {
    region: values.region,
    slug: values.slug,
    name: values.name,
    ownerEmail: values.owner,
    ...(values.language ? { language: values.language } : {}),
  });
  console.log(`workspace ${body.tenant.workspace} (${body.tenant.id}) created in ${body.tenant.region}`);
  console.log(
    body.invitation.sent
      ? `owner ${body.owner.email} invited; the link works until ${body.invitation.expiresAt}`
      : `owner ${body.owner.email} created, but the invitation mail could not be sent: ask for a reset with "Forgot password"`,
  );
}

await main();

// Tests run inside workerd through the Cloudflare vitest plugin, with real D1, Durable Objects,
// Queues and email bindings from wrangler.toml. Migrations reach the setup file as a binding; a
// local webhook receiver runs in Node for the whole run.

import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export const TEST_MASTER_KEY = 'v1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
const TEST_PLATFORM_KEY = 'test-platform-key-0123456789abcdefghijklmnop';

// wrangler reads required secrets from the environment and warns once per test file without them.
process.env.MASTER_KEY ??= TEST_MASTER_KEY;
process.env.PLATFORM_KEY ??= TEST_PLATFORM_KEY;

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            RUNTIME: 'local',
            MASTER_KEY: TEST_MASTER_KEY,
            PLATFORM_KEY: TEST_PLATFORM_KEY,
            PUBLIC_ORIGIN: 'https://privacy.test',
            // Webhooks reach the local receiver of tests/setup/webhook-receiver.ts on 127.0.0.1.
            ALLOW_DEV_WEBHOOK_HOSTS: '1',
          },
        },
      }),
    ],
    test: {
      include: ['tests/{unit,http,queue,durable,email,scheduled}/**/*.test.ts'],
      setupFiles: ['./tests/support/apply-migrations.ts'],
      // Local servers the tests talk to over real HTTP on free ports: the webhook receiver and the
      // OpenID provider the SSO tests sign in at.
      globalSetup: ['./tests/setup/webhook-receiver.ts', './tests/node/support/oidc-issuer.ts'],
      testTimeout: 20_000,
      // The Worker's own JSON log lines (tests that check them spy on console) would bury the
      // report; set TEST_LOGS=1 to see them.
      onConsoleLog: (line: string) =>
        process.env.TEST_LOGS || !line.startsWith('{"level":') ? undefined : false,
    },
  };
});

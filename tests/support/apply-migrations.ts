// Applies the D1 migrations to both regional databases before each test file.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB_EU, env.TEST_MIGRATIONS);
await applyD1Migrations(env.DB_US, env.TEST_MIGRATIONS);

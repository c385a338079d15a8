// drizzle-kit: the schema generates SQL migrations into the folder wrangler applies from.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './migrations',
});

// Browser flows: real Chromium (CHROMIUM_PATH, the system's, or the build inside
// @sparticuz/chromium; see tests/browser/support/chromium.ts), driven by playwright-core against
// `wrangler dev` on 127.0.0.1. Runs in Node, one file at a time (each starts its own server).

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 150_000,
  },
});

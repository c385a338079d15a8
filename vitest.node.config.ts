// Node-side tests of what workerd cannot do itself: starting other programs (independent readers
// of the archives we write, the operator scripts). Fast: no Worker, no browser.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});

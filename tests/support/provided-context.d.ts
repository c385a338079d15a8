// What the globalSetup of vitest.config.ts provides to the tests (tests/node/support/oidc-issuer.ts).

import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    oidcIssuerOrigin: string;
  }
}

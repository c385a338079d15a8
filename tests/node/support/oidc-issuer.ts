// The local OpenID provider of the workerd tests (vitest globalSetup, in Node): the provider of
// scripts/lib/oidc-provider.ts on a free loopback port, which the Worker under test reaches like
// any provider. Each test makes its own scripted realm (`/<realm>` is the issuer) by PUT
// `/<realm>/setup` with the JWKS to publish and the id token to answer; the token request it last
// received is read back from `/<realm>/last-token-request`. The test holds the keys (jose).

import type { TestProject } from 'vitest/node';
import { startOidcProvider } from '../../../scripts/lib/oidc-provider';

declare module 'vitest' {
  export interface ProvidedContext {
    oidcIssuerOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  const provider = await startOidcProvider();
  project.provide('oidcIssuerOrigin', provider.origin);
  return provider.close;
}

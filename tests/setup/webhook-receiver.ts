// Global setup of the workerd tests: one local webhook receiver (scripts/lib/webhook-receiver.ts)
// for the whole run, in Node; its URL reaches the tests through `inject('webhookReceiver')`.

import type { TestProject } from 'vitest/node';
import { startWebhookReceiver } from '../../scripts/lib/webhook-receiver';

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}

export default async function setup(project: TestProject) {
  const receiver = await startWebhookReceiver();
  project.provide('webhookReceiver', receiver.url);
  return () => receiver.close();
}

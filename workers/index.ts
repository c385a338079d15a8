// The Worker: a table of contents. Every entry point is wired to its module here and nowhere else.

import { handleEmail } from './email/inbound';
import type { Bindings } from './env';
import { routeRequest } from './http/app';
import { handleQueue } from './queue/consumer';
import { handleScheduled } from './scheduled';

export { ErasureClock } from './durable/erasure-clock';

export default {
  fetch: routeRequest,
  email: (message, env, ctx) => handleEmail(message, env, ctx),
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
  scheduled: (controller, env, ctx) => handleScheduled(controller, env, ctx),
} satisfies ExportedHandler<Bindings>;

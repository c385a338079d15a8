// `GET /c/:token`: the double opt-in link. One click confirms (no second button, as the law of
// evidence wants the click itself recorded) and records a `confirmation` event with the click's
// own time, place, IP and user agent. A second click says it is already done.

import { Hono } from 'hono';
import { confirmSubscriptions } from '../../db/double-opt-in';
import { regionalForToken } from '../../db/regions';
import { findTenant, tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { confirmationPageWords } from '../../shared/forms/confirmation-page';
import { openToken } from '../../shared/tokens';
import type { AppEnv } from '../env';
import { messagePage } from './pages';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { clientIp, requestGeo } from './request-context';

type ConfirmPayload = { t: string; s: string; l: string[]; f: string | null };

function readPayload(payload: Record<string, unknown>): ConfirmPayload {
  const { t, s, l, f } = payload;
  if (
    typeof t !== 'string' ||
    typeof s !== 'string' ||
    !Array.isArray(l) ||
    !l.every((x) => typeof x === 'string')
  ) {
    throw new AppError('invalid_token', 'This link is not valid or has expired.');
  }
  return { t, s, l, f: typeof f === 'string' ? f : null };
}

export const confirmRoutes = new Hono<AppEnv>().get('/:token', async (c) => {
  const token = c.req.param('token');
  const store = regionalForToken(c.env, token);
  const { payload } = await openToken(await masterKeyring(c.env.MASTER_KEY), token, 'confirm');
  const p = readPayload(payload);
  const tenant = await findTenant(store.db, p.t);
  if (!tenant) throw new AppError('gone', 'This sign-up has expired or was removed. Please subscribe again.');
  const outcome = await confirmSubscriptions(store.db, await tenantKeys(c.env.MASTER_KEY, tenant), p.s, p.l, {
    occurredAt: new Date(),
    geo: requestGeo(c),
    ip: clientIp(c),
    userAgent: c.req.header('user-agent') ?? null,
    formId: p.f,
  });
  dispatchEventsAfterResponse(c, store.region, outcome.outbox);
  const words = confirmationPageWords(outcome.subscriber.language);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.html(
    messagePage({
      title: outcome.alreadyConfirmed ? words.alreadyTitle : words.title,
      body: outcome.alreadyConfirmed ? words.alreadyBody : words.body(tenant.name),
      lang: words.lang,
    }),
  );
});

// Fixtures for the pages people see: a double opt-in sign-up with its `/c/` link, a browser's
// press of a page's button, a privacy request with its `/v/` and `/x/` links, and the parts of a
// page tests read (headings, document language, security headers).

import { env } from 'cloudflare:workers';
import { expect, vi } from 'vitest';
import { findPrivacyRequest } from '../../db/privacy-requests';
import { regional } from '../../db/regions';
import type { Tenant } from '../../db/tenants';
import { exportLink, verificationLink } from '../../workers/privacy/service';
import { confirmationLinkIn, formFixture, postJson } from './consent';
import { BROWSER_UA } from './intercept';
import { captureMail, type SentMail } from './mail';
import { api, call } from './seed';

/** The first mail sent, waiting for it: a form sends the double opt-in mail after its answer. */
export function firstMail(mail: ReturnType<typeof captureMail>): Promise<SentMail> {
  return vi.waitFor(
    async () => {
      const [sent] = await mail.messages();
      if (!sent) throw new Error('no mail sent yet');
      return sent;
    },
    { timeout: 5000, interval: 20 },
  );
}

/** A sign-up on a double opt-in form, and the path of the link its mail carries. */
export async function signUp(opts: { language?: string; email?: string } = {}) {
  const f = await formFixture('eu', { language: opts.language ?? 'en' });
  const mail = captureMail();
  const email = opts.email ?? `p-${crypto.randomUUID().slice(0, 8)}@example.org`;
  expect((await postJson(f.formId, { email })).status).toBe(200);
  const sent = await firstMail(mail);
  return { f, mail, sent, link: new URL(confirmationLinkIn(sent.parsed.text)).pathname };
}

/**
 * A person's press of a page's button: a browser posting the form from our own origin. Headers
 * given as null are left out (a post without Origin).
 */
export function press(
  path: string,
  headers: Record<string, string | null> = {},
  init: { body?: string; cf?: Record<string, unknown>; redirect?: 'follow' | 'manual' } = {},
) {
  const all: Record<string, string | null> = {
    origin: 'https://privacy.test',
    'user-agent': BROWSER_UA,
    'cf-connecting-ip': '192.0.2.99',
    'content-type': 'application/x-www-form-urlencoded',
    ...headers,
  };
  return call(path, {
    method: 'POST',
    headers: Object.entries(all).filter((h): h is [string, string] => h[1] !== null),
    body: init.body ?? '',
    cf: init.cf ?? { country: 'AT', isEUCountry: '1', region: 'Vienna' },
    redirect: init.redirect ?? 'follow',
  });
}

/** An unverified privacy request filed through the API, with the paths of its `/v/` and `/x/` links. */
export async function requestWithLinks(
  tenant: Tenant,
  apiKey: string,
  body: { kind?: string; language?: string } = {},
) {
  captureMail();
  const res = await api(apiKey, '/privacy-requests', {
    method: 'POST',
    json: {
      kind: 'access',
      email: `r-${crypto.randomUUID().slice(0, 8)}@example.org`,
      verified: false,
      ...body,
    },
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const store = regional(env, tenant.region);
  const request = (await findPrivacyRequest(store.db, tenant.id, id))!;
  const ctx = { env, store, tenant };
  return {
    id,
    verifyPath: new URL(await verificationLink(ctx, request)).pathname,
    exportPath: new URL((await exportLink(ctx, request)).url).pathname,
  };
}

/** The text of every h1 of a page. */
export const headingsOf = (html: string) => [...html.matchAll(/<h1>([^<]*)<\/h1>/g)].map((m) => m[1]);

/** The document language a page declares. */
export const documentLanguage = (html: string) => /<html lang="([^"]+)">/.exec(html)?.[1];

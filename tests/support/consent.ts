// Fixtures for the consent tests: a tenant with lists and a form, aged fill-time tokens (a
// person takes more than two seconds), and form posts as a browser would send them. A post
// returns once the work it left for after its answer (the confirmation mail) is done too.

import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../workers/index';
import { masterKeyring } from '../../shared/crypto/keyring';
import { mintFillToken } from '../../shared/forms/fill-time';
import type { Region } from '../../shared/regions';
import { api, seedTenant, type SeededTenant } from './seed';

export const SITE = 'https://shop.example.com';

export type FormFixture = SeededTenant & {
  formId: string;
  doiList: string;
  singleList: string;
  noticeText: string;
};

export async function createList(apiKey: string, body: Record<string, unknown>): Promise<string> {
  const res = await api(apiKey, '/lists', {
    method: 'POST',
    json: { name: 'News', purpose: 'Monthly newsletter', ...body },
  });
  if (res.status !== 201) throw new Error(`list: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A tenant with a double opt-in list, a single opt-in list and a form subscribing to `lists`. */
export async function formFixture(
  region: Region = 'eu',
  opts: { lists?: 'doi' | 'single' | 'both'; language?: string; fields?: string[] } = {},
): Promise<FormFixture> {
  const seeded = await seedTenant(region);
  const doiList = await createList(seeded.apiKey, { name: 'Newsletter', doubleOptIn: true });
  const singleList = await createList(seeded.apiKey, { name: 'Product updates', doubleOptIn: false });
  const which = opts.lists ?? 'doi';
  const listIds = which === 'both' ? [doiList, singleList] : which === 'doi' ? [doiList] : [singleList];
  const noticeText = 'I agree to receive the monthly newsletter. I can unsubscribe at any time.';
  const res = await api(seeded.apiKey, '/forms', {
    method: 'POST',
    json: {
      name: 'Footer',
      listIds,
      fields: opts.fields ?? [],
      notice: { text: noticeText, language: opts.language ?? 'en' },
      thankYouUrl: `${SITE}/thanks`,
      errorUrl: null,
      allowedOrigins: [SITE],
    },
  });
  if (res.status !== 201) throw new Error(`form: ${res.status} ${await res.text()}`);
  const form = (await res.json()) as { id: string };
  return { ...seeded, formId: form.id, doiList, singleList, noticeText };
}

/** A fill token minted `ageMs` ago, as if the page had been open that long. */
export async function agedToken(formId: string, region: Region = 'eu', ageMs = 10_000): Promise<string> {
  return mintFillToken(await masterKeyring(env.MASTER_KEY), region, formId, Date.now() - ageMs);
}

export const EU_CF = { country: 'DE', isEUCountry: '1', region: 'Bavaria' };
export const US_CF = { country: 'US', region: 'California' };

/** A request into the Worker, answered and with its `waitUntil` work (mail, outbox) finished. */
export async function callSettled(
  path: string,
  init: RequestInit & { cf?: Record<string, unknown> } = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`https://privacy.test${path}`, init as RequestInit);
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The embed script's JSON post from an allowed origin. */
export async function postJson(
  formId: string,
  body: Record<string, unknown>,
  init: {
    origin?: string;
    cf?: Record<string, unknown>;
    region?: Region;
    headers?: Record<string, string>;
  } = {},
) {
  const token = body.tm_t ?? (await agedToken(formId, init.region ?? 'eu'));
  return callSettled(`/f/${formId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      origin: init.origin ?? SITE,
      'cf-connecting-ip': '203.0.113.7',
      'user-agent': 'Mozilla/5.0 TestBrowser',
      ...init.headers,
    },
    body: JSON.stringify({ consent: true, pageUrl: `${SITE}/blog/post?utm=x`, ...body, tm_t: token }),
    cf: init.cf ?? EU_CF,
  });
}

/** A plain HTML form post (urlencoded), as a browser sends it without the script. */
export function postForm(
  formId: string,
  fields: Record<string, string>,
  init: { origin?: string | null; cf?: Record<string, unknown>; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'cf-connecting-ip': '198.51.100.23',
    'user-agent': 'Mozilla/5.0 FormBrowser',
    referer: `${SITE}/signup`,
    ...init.headers,
  };
  if (init.origin !== null) headers.origin = init.origin ?? SITE;
  return callSettled(`/f/${formId}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
    cf: init.cf ?? EU_CF,
  });
}

/** The link of a confirmation mail's text part. */
export function confirmationLinkIn(text: string | undefined): string {
  const m = /https?:\/\/\S+\/c\/[A-Za-z0-9._-]+/.exec(text ?? '');
  if (!m) throw new Error('no confirmation link in the mail');
  return m[0];
}

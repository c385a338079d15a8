// The app's requests the benches send: forms (created through the API, with the embed script's fill
// token), form sign-ups from a crowd (one visitor and address each, spread over a pool of forms
// within FORM_LIMIT), API inserts with evidence, intercept links and their clicks.

export const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
/** The origin the bench forms allow (any site of the tenant's would do). */
const SITE = 'http://localhost:8000';

type Headers = Record<string, string>;
export type Form = { id: string; token: string };

/** A single opt-in list of the API key's tenant, for the sign-ups that send no confirmation mail. */
export async function createSingleOptInList(url: string, api: Headers): Promise<string> {
  const res = await fetch(`${url}/api/v1/lists`, {
    method: 'POST',
    headers: api,
    body: JSON.stringify({ name: 'Updates', purpose: 'Product updates', doubleOptIn: false }),
  });
  if (!res.ok) throw new Error(`creating a list: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** `count` forms on one list, each with a fill token from its embed script. */
export async function createForms(url: string, api: Headers, listId: string, count = 10): Promise<Form[]> {
  const forms: Form[] = [];
  for (let n = 0; n < count; n++) {
    const res = await fetch(`${url}/api/v1/forms`, {
      method: 'POST',
      headers: api,
      body: JSON.stringify({
        name: `Bench ${listId} ${n}`,
        listIds: [listId],
        notice: { text: 'Yes, send me the newsletter.', language: 'en' },
        thankYouUrl: `${SITE}/thanks`,
        allowedOrigins: [SITE],
      }),
    });
    if (res.status !== 201) throw new Error(`form: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const script = await (await fetch(`${url}/f/${id}/embed.js`)).text();
    const token = /"token":"([^"]+)"/.exec(script)?.[1];
    if (!token) throw new Error('no fill token in the embed script');
    forms.push({ id, token });
  }
  return forms;
}

/** One sign-up from visitor `i` (an address and a client IP of its own), on form i mod pool. */
export function formPost(url: string, pool: Form[], prefix: string, i: number): Promise<Response> {
  const form = pool[i % pool.length]!;
  const v = i + 1;
  return fetch(`${url}/f/${form.id}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      origin: SITE,
      'user-agent': BROWSER,
      'cf-connecting-ip': `10.${(v >> 16) & 255}.${(v >> 8) & 255}.${v & 255}`,
      'x-dev-geo': 'NL',
    },
    body: JSON.stringify({
      email: `${prefix}.${i}@example.org`,
      consent: true,
      tm_t: form.token,
      pageUrl: `${SITE}/`,
    }),
  });
}

/** `POST /api/v1/subscribers`: one person with the evidence a client collected (confirmed). */
export function subscriberPost(url: string, api: Headers, listId: string, local: string): Promise<Response> {
  return fetch(`${url}/api/v1/subscribers`, {
    method: 'POST',
    headers: api,
    body: JSON.stringify({
      email: `${local}@example.org`,
      listIds: [listId],
      evidence: {
        occurredAt: '2026-11-01T10:00:00Z',
        ip: '203.0.113.9',
        userAgent: 'Shop checkout',
        country: 'NL',
        notice: { key: 'newsletter', language: 'en', version: 1 },
        confirmedAt: '2026-11-01T10:05:00Z',
      },
    }),
  });
}

/** An intercept link for a new EU subscriber of `listId`. */
export async function mintLink(url: string, api: Headers, listId: string): Promise<string> {
  const sub = await fetch(`${url}/__dev/intercept/subscriber?region=eu`, { method: 'POST' });
  const { subscriberId } = (await sub.json()) as { subscriberId: string };
  const res = await fetch(`${url}/api/v1/links`, {
    method: 'POST',
    headers: api,
    body: JSON.stringify({
      subscriberId,
      listId,
      messageId: 'msg_bench',
      destination: 'https://shop.example.com/spring',
    }),
  });
  if (res.status !== 201) throw new Error(`minting failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { links: { url: string }[] }).links[0]!.url;
}

/** A US clicker: no consent question, a 302 to the destination. */
export const directRedirectRequest = (link: string) =>
  fetch(link, { headers: { 'x-dev-geo': 'US', 'user-agent': BROWSER }, redirect: 'manual' });

/** An EU clicker without consent: the consent page, in German. */
export const consentPageRequest = (link: string) =>
  fetch(link, {
    headers: { 'x-dev-geo': 'DE', 'user-agent': BROWSER, 'accept-language': 'de' },
    redirect: 'manual',
  });

/** `n` bulk import rows, each with confirmed evidence and its own address. */
export function importRows(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    email: `${prefix}.${i}@example.org`,
    evidence: {
      occurredAt: '2026-11-01T10:00:00Z',
      ip: '203.0.113.9',
      userAgent: 'Legacy CRM',
      country: 'NL',
      notice: { key: 'newsletter', language: 'en', version: 1 },
      confirmedAt: '2026-11-01T10:05:00Z',
    },
  }));
}

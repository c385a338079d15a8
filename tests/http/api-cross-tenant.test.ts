// Another tenant's ids: every `{id}` route of the client API answers 404 to a key of another
// tenant, of the same region and of the other one, and the owner's resource stays as it was
// (webhook endpoints and deliveries included).

import { describe, expect, it } from 'vitest';
import type { Region } from '../../shared/regions';
import { formFixture } from '../support/consent';
import { seedSubscriber } from '../support/privacy';
import { api, seedTenant } from '../support/seed';
import { createEndpoint, receiverUrl } from '../support/webhooks';

type Call = { method: string; path: string; json?: unknown };

/** Every route that takes an id of the tenant's own, with a body it would accept. */
function idRoutes(ids: {
  list: string;
  form: string;
  subscriber: string;
  request: string;
  message: string;
  endpoint: string;
  delivery: string;
  user: string;
  key: string;
}): Call[] {
  const req = (action: string, json: unknown): Call => ({
    method: 'POST',
    path: `/privacy-requests/${ids.request}/${action}`,
    json,
  });
  return [
    { method: 'GET', path: `/lists/${ids.list}` },
    { method: 'PATCH', path: `/lists/${ids.list}`, json: { name: 'Taken over' } },
    { method: 'GET', path: `/forms/${ids.form}` },
    { method: 'PATCH', path: `/forms/${ids.form}`, json: { name: 'Taken over' } },
    { method: 'GET', path: `/subscribers/${ids.subscriber}` },
    { method: 'PATCH', path: `/subscribers/${ids.subscriber}`, json: { homeRegion: 'non_eu' } },
    { method: 'GET', path: `/subscribers/${ids.subscriber}/consent` },
    { method: 'GET', path: `/subscribers/${ids.subscriber}/consent-chain` },
    { method: 'GET', path: `/subscribers/${ids.subscriber}/consent-record` },
    { method: 'GET', path: `/privacy-requests/${ids.request}` },
    req('confirm', {}),
    req('reject', { reason: 'manifestly_unfounded' }),
    req('extend', { days: 30, reason: 'Many requests at once' }),
    req('pause', { note: 'Waiting' }),
    req('resume', {}),
    req('complete', {}),
    { method: 'GET', path: `/messages/${ids.message}` },
    { method: 'GET', path: `/messages/${ids.message}/recipients` },
    { method: 'POST', path: `/messages/${ids.message}/cancel` },
    // A message to another tenant's list.
    { method: 'POST', path: '/messages', json: { listId: ids.list, subject: 'Taken over', text: 'Hello' } },
    { method: 'GET', path: `/webhook-endpoints/${ids.endpoint}` },
    { method: 'PATCH', path: `/webhook-endpoints/${ids.endpoint}`, json: { description: 'Taken over' } },
    { method: 'POST', path: `/webhook-endpoints/${ids.endpoint}/rotate-secret`, json: {} },
    { method: 'POST', path: `/webhook-endpoints/${ids.endpoint}/test` },
    {
      method: 'POST',
      path: `/webhook-endpoints/${ids.endpoint}/replay`,
      json: { since: '2020-01-01T00:00:00Z' },
    },
    { method: 'DELETE', path: `/webhook-endpoints/${ids.endpoint}` },
    { method: 'GET', path: `/webhook-deliveries/${ids.delivery}` },
    { method: 'POST', path: `/webhook-deliveries/${ids.delivery}/replay` },
    { method: 'PATCH', path: `/users/${ids.user}`, json: { role: 'owner' } },
    { method: 'DELETE', path: `/users/${ids.user}` },
    { method: 'DELETE', path: `/api-keys/${ids.key}` },
    // Ids in a body: a link for another tenant's subscriber and list.
    {
      method: 'POST',
      path: '/links',
      json: {
        subscriberId: ids.subscriber,
        listId: ids.list,
        messageId: 'msg_1',
        destination: 'https://shop.example.com/',
      },
    },
  ];
}

async function ownerWithEverything(region: Region) {
  const owner = await formFixture(region);
  const sub = await seedSubscriber(owner.tenant, { email: `owner-${region}@example.org` });
  const filed = await api(owner.apiKey, '/privacy-requests', {
    method: 'POST',
    json: { kind: 'erasure', subscriberId: sub.id },
  });
  expect(filed.status).toBe(201);
  const request = ((await filed.json()) as { id: string }).id;
  const sendAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const created = await api(owner.apiKey, '/messages', {
    method: 'POST',
    json: { listId: owner.doiList, subject: 'Later', text: 'Hello', sendAt },
  });
  expect(created.status).toBe(201);
  const message = ((await created.json()) as { id: string }).id;
  const endpoint = (await createEndpoint(owner.apiKey, { url: receiverUrl().url })).id;
  const tested = await api(owner.apiKey, `/webhook-endpoints/${endpoint}/test`, { method: 'POST' });
  expect(tested.status).toBe(202);
  const delivery = ((await tested.json()) as { deliveryId: string }).deliveryId;
  const invited = await api(owner.apiKey, '/users', {
    method: 'POST',
    json: { email: `marketer-${region}@example.org`, role: 'marketer' },
  });
  expect(invited.status).toBe(201);
  const user = ((await invited.json()) as { id: string }).id;
  const made = await api(owner.apiKey, '/api-keys', {
    method: 'POST',
    json: { name: 'CRM', scopes: ['consent'] },
  });
  expect(made.status).toBe(201);
  const key = ((await made.json()) as { id: string }).id;
  return {
    owner,
    ids: {
      list: owner.doiList,
      form: owner.formId,
      subscriber: sub.id,
      request,
      message,
      endpoint,
      delivery,
      user,
      key,
    },
  };
}

/** What the owner sees of each resource, to show that nothing changed. */
async function ownerView(
  apiKey: string,
  ids: { list: string; form: string; request: string; message: string; endpoint: string },
) {
  const read = async (path: string) => {
    const res = await api(apiKey, path);
    expect(res.status, path).toBe(200);
    return res.json();
  };
  return {
    list: await read(`/lists/${ids.list}`),
    form: await read(`/forms/${ids.form}`),
    request: await read(`/privacy-requests/${ids.request}`),
    message: await read(`/messages/${ids.message}`),
    endpoint: await read(`/webhook-endpoints/${ids.endpoint}`),
    users: await read('/users'),
    keys: await read('/api-keys'),
  };
}

describe.each(['eu', 'us'] as const)('ids of a %s tenant', (region) => {
  const other: Region = region === 'eu' ? 'us' : 'eu';

  it(`answer 404 to keys of another ${region} tenant and of a ${other} tenant, and change nothing`, async () => {
    const { owner, ids } = await ownerWithEverything(region);
    const before = await ownerView(owner.apiKey, ids);
    const strangers = [await seedTenant(region), await seedTenant(other)];
    const leaks: string[] = [];
    for (const stranger of strangers) {
      for (const c of idRoutes(ids)) {
        const res = await api(stranger.apiKey, c.path, { method: c.method, json: c.json });
        const body = (await res.json()) as { error?: { code: string } };
        if (res.status !== 404 || body.error?.code !== 'not_found') {
          leaks.push(`${stranger.tenant.region} ${c.method} ${c.path}: ${res.status}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await ownerView(owner.apiKey, ids)).toEqual(before);
  });

  it('the same ids answer 200 on every GET route for their own tenant', async () => {
    const { owner, ids } = await ownerWithEverything(region);
    for (const c of idRoutes(ids).filter((r) => r.method === 'GET')) {
      expect((await api(owner.apiKey, c.path)).status, c.path).toBe(200);
    }
  });
});

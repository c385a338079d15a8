// Bad links: garbage of any length and alphabet, tampered, expired, other-region and
// other-tenant tokens. Always a plain page with a 4xx status, never a redirect, never a write.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { masterKeyring } from '../../shared/crypto/keyring';
import { sealToken } from '../../shared/tokens';
import { call, seedTenant } from '../support/seed';
import {
  BROWSER_UA,
  EU_CF,
  US_CF,
  captureQueue,
  mintLink,
  rowCounts,
  seedList,
  seedSubscriber,
} from '../support/intercept';

async function expectRefused(path: string, tenantId: string, status?: number) {
  const before = await rowCounts(tenantId);
  for (const cf of [EU_CF, US_CF]) {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const res = await call(path, {
        method,
        cf,
        redirect: 'manual',
        headers: {
          'user-agent': BROWSER_UA,
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://privacy.test',
        },
        body: method === 'POST' ? 'answer=yes&answer_token=x' : undefined,
      });
      expect(res.status, `${method} ${path.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      if (status) expect(res.status).toBe(status);
      expect(res.headers.get('location')).toBeNull();
      if (method === 'GET' && res.status !== 404)
        expect(await res.text()).toContain('This link is not valid');
    }
  }
  expect(await rowCounts(tenantId)).toBe(before);
}

describe('bad links', () => {
  it.each([
    ['empty-ish', 'x'],
    ['2000 letters', 'a'.repeat(2000)],
    ['a 5000-char token shape', `e1.${'A'.repeat(5000)}`],
    ['unicode', encodeURIComponent('ë1.🙂'.repeat(40))],
    ['path traversal', encodeURIComponent('../../etc/passwd')],
    ['traversal in token shape', `e1.${encodeURIComponent('../')}${'A'.repeat(60)}`],
    ['percent garbage', '%E0%A4%A'],
    ['null byte', `e1.${'A'.repeat(50)}%00`],
    ['right shape, random bytes', `e1.${'Q'.repeat(120)}`],
    ['unknown key version', `e9.${'Q'.repeat(120)}`],
    ['a URL as token', encodeURIComponent('https://evil.example/')],
  ])('refuses %s', async (_name, token) => {
    const { tenant } = await seedTenant('eu');
    const queued = captureQueue();
    await expectRefused(`/l/${token}`, tenant.id, 400);
    expect(queued).toHaveLength(0);
  });

  async function validLink() {
    const { tenant } = await seedTenant('eu');
    const subscriber = await seedSubscriber(tenant);
    const list = await seedList(tenant);
    return {
      tenant,
      subscriber,
      list,
      token: await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id }),
    };
  }

  it('refuses a tampered token (every position of its body)', async () => {
    const { tenant, token } = await validLink();
    const body = token.slice(token.indexOf('.') + 1);
    for (const at of [0, 7, Math.floor(body.length / 2), body.length - 2]) {
      const flipped = body[at] === 'A' ? 'B' : 'A';
      const tampered = `${token.slice(0, token.indexOf('.') + 1)}${body.slice(0, at)}${flipped}${body.slice(at + 1)}`;
      await expectRefused(`/l/${tampered}`, tenant.id, 400);
    }
    await expectRefused(`/l/${token.slice(0, -4)}`, tenant.id, 400);
  });

  it('opens only the canonical spelling of a token: its last character cannot be varied', async () => {
    const { tenant, token } = await validLink();
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.at(-1)!;
    const unusedBits = [0, 0, 4, 2][(token.length - token.indexOf('.') - 1) % 4]!;
    // The characters that differ from the last one only in its unused low bits.
    const variants = [...B64URL].filter(
      (ch) => ch !== last && B64URL.indexOf(ch) >> unusedBits === B64URL.indexOf(last) >> unusedBits,
    );
    expect(unusedBits).toBeGreaterThan(0);
    expect(variants.length).toBe(2 ** unusedBits - 1);
    for (const ch of variants) await expectRefused(`/l/${token.slice(0, -1)}${ch}`, tenant.id, 400);
  });

  it('refuses an expired token', async () => {
    const { tenant, subscriber, list } = await validLink();
    const long = Date.now() - 10 * 86_400_000;
    const token = await mintLink(
      { tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id },
      { now: long, expiresAt: long + 86_400_000 },
    );
    await expectRefused(`/l/${token}`, tenant.id, 400);
  });

  it('refuses a token whose region mark was switched to the other region', async () => {
    const { tenant, token } = await validLink();
    await expectRefused(`/l/u${token.slice(1)}`, tenant.id, 400);
  });

  it('refuses a token of another purpose carrying the same fields', async () => {
    const { tenant, subscriber, list } = await validLink();
    const ring = await masterKeyring(env.MASTER_KEY);
    const payload = {
      t: tenant.id.slice(-20),
      s: subscriber.id.slice(4),
      l: list.id,
      d: 'https://evil.example/',
    };
    const token = await sealToken(ring, 'eu', 'confirm', payload, 3600);
    await expectRefused(`/l/${token}`, tenant.id, 400);
  });

  it('refuses a token of a tenant that does not exist with 404', async () => {
    const { tenant, subscriber, list } = await validLink();
    const token = await mintLink({
      tenantId: 'ten_eu_0000000000000000000z',
      subscriberId: subscriber.id,
      listId: list.id,
    });
    await expectRefused(`/l/${token}`, tenant.id, 404);
  });

  it("refuses, where the decision reads the subscriber, a token naming another tenant's subscriber or list", async () => {
    const a = await validLink();
    const b = await validLink();
    const crossed = [
      await mintLink({ tenantId: a.tenant.id, subscriberId: b.subscriber.id, listId: a.list.id }),
      await mintLink({ tenantId: a.tenant.id, subscriberId: a.subscriber.id, listId: b.list.id }),
    ];
    for (const token of crossed) {
      const before = await rowCounts(a.tenant.id);
      const res = await call(`/l/${token}`, {
        cf: EU_CF,
        headers: { 'user-agent': BROWSER_UA },
        redirect: 'manual',
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      expect(await rowCounts(a.tenant.id)).toBe(before);
    }
  });

  it('answers an oversized POST body with 413 and writes nothing', async () => {
    const { tenant, token } = await validLink();
    const before = await rowCounts(tenant.id);
    const res = await call(`/l/${token}`, {
      method: 'POST',
      cf: EU_CF,
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://privacy.test',
        'user-agent': BROWSER_UA,
      },
      body: `answer=yes&answer_token=${'A'.repeat(40_000)}`,
    });
    expect(res.status).toBe(413);
    expect(await rowCounts(tenant.id)).toBe(before);
  });

  it('treats a JSON POST as no answer at all', async () => {
    const { tenant, token } = await validLink();
    const before = await rowCounts(tenant.id);
    const res = await call(`/l/${token}`, {
      method: 'POST',
      cf: EU_CF,
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        origin: 'https://privacy.test',
        'user-agent': BROWSER_UA,
      },
      body: JSON.stringify({ answer: 'yes', answer_token: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(await rowCounts(tenant.id)).toBe(before);
  });
});

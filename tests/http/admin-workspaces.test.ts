// Workspaces, users, keys and the audit log: the operator creates a workspace whose owner is
// invited by mail and sets a password through the link; the owner invites, re-roles and removes
// users and makes and revokes API keys through the dashboard session; the audit log is searched,
// exported as CSV and verified, keeps verifying after an erasure redacted a person, and reports
// a row edited in place.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { asSession, seedWorkspace, signIn, signInRequest } from '../support/admin';
import { captureMail } from '../support/mail';
import { seedSubscriber } from '../support/privacy';
import { api, call, countRows } from '../support/seed';

const PLATFORM = { authorization: `Bearer ${env.PLATFORM_KEY}`, 'content-type': 'application/json' };

function createTenant(json: unknown, headers: Record<string, string> = PLATFORM) {
  return call('/api/platform/tenants', { method: 'POST', headers, body: JSON.stringify(json) });
}

const linkIn = (text: string | undefined) =>
  /https:\/\/privacy\.test(\/auth\/password\/\S+)/.exec(text ?? '')?.[1];

describe('tenant provisioning', () => {
  it('creates a workspace in its region with an owner who is invited and sets a password by the link', async () => {
    const mail = captureMail();
    const slug = `acme-${crypto.randomUUID().slice(0, 8)}`;
    const input = { region: 'us', slug, name: 'Acme Inc', ownerEmail: 'Owner@Acme.example', language: 'de' };
    expect((await createTenant(input, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await createTenant({ ...input, slug: 'Not A Slug' })).status).toBe(400);
    const res = await createTenant(input);
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      tenant: { id: string; workspace: string };
      invitation: { sent: boolean };
    };
    expect(created.tenant.workspace).toBe(`${slug}.us`);
    expect(created.invitation.sent).toBe(true);
    expect((await createTenant(input)).status).toBe(409);
    const { d1 } = regional(env, 'us');
    expect(await countRows(d1, 'tenants', 'slug = ?', slug)).toBe(1);
    expect(await countRows(regional(env, 'eu').d1, 'tenants', 'slug = ?', slug)).toBe(0);

    const [invitation] = await mail.messages();
    expect(invitation!.to).toBe('owner@acme.example');
    expect(invitation!.parsed.subject).toBe('Ihr Zugang zu Acme Inc');
    const path = linkIn(invitation!.parsed.text)!;
    const form = (password: string, repeat = password) =>
      call(path, {
        method: 'POST',
        headers: {
          origin: 'https://privacy.test',
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'de',
        },
        body: new URLSearchParams({ password, repeat }),
      });
    const forged = await call(path, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: 'owner passphrase 2026', repeat: 'owner passphrase 2026' }),
    });
    expect(forged.status).toBe(403);
    const short = await form('short');
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('kürzer als 12 Zeichen');
    expect((await form('owner passphrase 2026', 'something else entirely')).status).toBe(400);
    expect((await form('owner passphrase 2026')).status).toBe(200);
    const signedIn = await signInRequest(
      created.tenant.workspace,
      'owner@acme.example',
      'owner passphrase 2026',
    );
    expect(signedIn.status).toBe(200);
    const verdict = await d1
      .prepare(
        "select count(*) as n from audit_log where tenant_id = ? and action in ('tenant.created', 'user.password_set', 'session.signed_in')",
      )
      .bind(created.tenant.id)
      .first<{ n: number }>();
    expect(verdict!.n).toBe(3);
  });
});

describe('users and keys through the dashboard session', () => {
  it('invites, re-roles and removes users, and keeps one enabled owner', async () => {
    const mail = captureMail();
    const ws = await seedWorkspace();
    const owner = await signIn(ws, 'owner');
    const invited = await asSession(owner, '/api/v1/users', {
      method: 'POST',
      json: { email: 'new.analyst@example.org', role: 'analyst' },
    });
    expect(invited.status).toBe(201);
    const user = (await invited.json()) as { id: string; status: string; invitationSent: boolean };
    expect(user).toMatchObject({ status: 'invited', invitationSent: true });
    expect((await mail.messages()).map((m) => m.to)).toEqual(['new.analyst@example.org']);
    const again = await asSession(owner, '/api/v1/users', {
      method: 'POST',
      json: { email: 'NEW.analyst@example.org', role: 'owner' },
    });
    expect(again.status).toBe(409);

    const users = (await (await asSession(owner, '/api/v1/users')).json()) as {
      data: { id: string; role: string }[];
    };
    const ownerId = users.data.find((u) => u.role === 'owner')!.id;
    expect(
      (await asSession(owner, `/api/v1/users/${ownerId}`, { method: 'PATCH', json: { role: 'auditor' } }))
        .status,
    ).toBe(409);
    expect((await asSession(owner, `/api/v1/users/${ownerId}`, { method: 'DELETE' })).status).toBe(409);
    expect((await asSession(owner, `/api/v1/users/${user.id}`, { method: 'DELETE' })).status).toBe(204);
    const { d1 } = regional(env, 'eu');
    expect(await countRows(d1, 'admin_users', 'id = ?', user.id)).toBe(0);
    expect(
      await countRows(
        d1,
        'audit_log',
        "tenant_id = ? and action in ('user.invited', 'user.removed')",
        ws.tenant.id,
      ),
    ).toBe(2);
  });

  it('disabling a user ends their sessions and their sign-ins', async () => {
    const ws = await seedWorkspace();
    const owner = await signIn(ws, 'owner');
    const marketer = await signIn(ws, 'marketer');
    const users = (await (await asSession(owner, '/api/v1/users')).json()) as {
      data: { id: string; role: string }[];
    };
    const id = users.data.find((u) => u.role === 'marketer')!.id;
    const res = await asSession(owner, `/api/v1/users/${id}`, { method: 'PATCH', json: { disabled: true } });
    expect(((await res.json()) as { status: string }).status).toBe('disabled');
    expect((await asSession(marketer, '/api/v1/lists')).status).toBe(401);
    expect(
      (await signInRequest(ws.workspace, ws.emails.marketer, 'correct horse battery staple 7')).status,
    ).toBe(401);
  });

  it('creates a key shown once with its scopes, lists it with its last use, and revokes it', async () => {
    const ws = await seedWorkspace();
    const owner = await signIn(ws, 'owner');
    const made = await asSession(owner, '/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'CRM sync', scopes: ['consent'] },
    });
    expect(made.status).toBe(201);
    const key = (await made.json()) as { id: string; key: string; scopes: string[] };
    expect(key.scopes).toEqual(['consent']);
    expect((await api(key.key, '/consent-events')).status).toBe(200);
    expect((await api(key.key, '/lists')).status).toBe(403);
    await expect
      .poll(async () => {
        const list = (await (await asSession(owner, '/api/v1/api-keys')).json()) as {
          data: Record<string, unknown>[];
        };
        return list.data.find((k) => k.id === key.id);
      })
      .toMatchObject({ name: 'CRM sync', lastUsedAt: expect.any(String), revokedAt: null });
    const list = await (await asSession(owner, '/api/v1/api-keys')).text();
    expect(list).not.toContain(key.key);
    expect((await asSession(owner, `/api/v1/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(key.key, '/consent-events')).status).toBe(401);
    const bad = await asSession(owner, '/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'x', scopes: ['root'] },
    });
    expect(bad.status).toBe(400);
  });
});

describe('audit log', () => {
  it('is searched, exported and verified by owner and auditor; an erasure redacts the person and the chain holds', async () => {
    const ws = await seedWorkspace();
    const sub = await seedSubscriber(ws.tenant, { email: 'audited.person@example.org' });
    const officer = await signIn(ws, 'privacy_officer');
    expect((await asSession(officer, `/api/v1/subscribers/${sub.id}`)).status).toBe(200);
    const marketer = await signIn(ws, 'marketer');
    expect((await asSession(marketer, `/api/v1/subscribers/${sub.id}`)).status).toBe(403);

    const auditor = await signIn(ws, 'auditor');
    const found = (await (await asSession(auditor, `/api/v1/audit-log?targetId=${sub.id}`)).json()) as {
      data: { action: string; actor: { type: string }; ip: string | null; redacted: boolean }[];
    };
    expect(found.data.map((r) => r.action).sort()).toEqual(['GET /subscribers/{id}', 'access.refused']);
    expect(found.data[0]!.ip).toBe('198.51.100.7');

    const filed = await api(ws.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', subscriberId: sub.id },
    });
    const requestId = ((await filed.json()) as { id: string }).id;
    expect(
      (await api(ws.apiKey, `/privacy-requests/${requestId}/confirm`, { method: 'POST', json: {} })).status,
    ).toBe(200);

    const after = (await (await asSession(auditor, `/api/v1/audit-log?targetId=${sub.id}`)).json()) as {
      data: unknown[];
    };
    expect(after.data).toEqual([]);
    const verdict = (await (await asSession(auditor, '/api/v1/audit-log/verify')).json()) as {
      ok: boolean;
      redacted: number;
    };
    expect(verdict.ok).toBe(true);
    expect(verdict.redacted).toBeGreaterThanOrEqual(2);

    const csv = await asSession(auditor, '/api/v1/audit-log/export');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'seq,at,actor_type,actor_id,action,target_type,target_id,subject_id,details,country,ip,redacted,hash',
    );
    expect(text).not.toContain(sub.id);
    expect(text).toContain('session.signed_in');
  });

  it('reports a row edited in place', async () => {
    const ws = await seedWorkspace();
    const owner = await signIn(ws, 'owner');
    const { d1 } = regional(env, 'eu');
    await d1
      .prepare("update audit_log set actor_id = 'someone-else' where tenant_id = ? and seq = 1")
      .bind(ws.tenant.id)
      .run();
    const verdict = (await (await asSession(owner, '/api/v1/audit-log/verify')).json()) as {
      ok: boolean;
      brokenAt: number;
      reason: string;
    };
    expect(verdict).toMatchObject({ ok: false, brokenAt: 1, reason: 'edited' });
  });
});

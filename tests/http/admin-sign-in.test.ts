// Password sign-in and sessions: right and wrong passwords, unknown workspaces and addresses
// answered alike, the lock-out, expired passwords, reuse, SSO-only workspaces, CSRF, sign-out,
// idle and absolute expiry, and sessions ended by a role change or a password reset.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import {
  asSession,
  seedWorkspace,
  sessionCookieOf,
  signIn,
  signInRequest,
  TEST_PASSWORD,
} from '../support/admin';
import { captureMail } from '../support/mail';
import { call, countRows } from '../support/seed';

const d1 = () => regional(env, 'eu').d1;

describe('password sign-in', () => {
  it('opens a session whose cookie and CSRF token reach the client API with the role', async () => {
    const ws = await seedWorkspace();
    const res = await signInRequest(ws.workspace, ws.emails.marketer, TEST_PASSWORD);
    expect(res.status).toBe(200);
    const set = res.headers.getSetCookie().join('\n');
    expect(set).toMatch(
      /__Host-tm_session=tms_e_[\w-]{43}; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Strict/,
    );
    const body = (await res.json()) as { user: { role: string }; csrfToken: string; permissions: string[] };
    expect(body.user.role).toBe('marketer');
    expect(body.permissions).toContain('marketing.write');
    const session = { cookie: sessionCookieOf(res), csrf: body.csrfToken, body };
    expect((await asSession(session, '/api/v1/lists')).status).toBe(200);
    expect((await asSession(session, '/api/v1/subscribers')).status).toBe(403);
    expect(
      await countRows(d1(), 'audit_log', "tenant_id = ? and action = 'session.signed_in'", ws.tenant.id),
    ).toBe(1);
  });

  it('answers a wrong password, an unknown address and an unknown workspace the same way', async () => {
    const ws = await seedWorkspace();
    const answers = await Promise.all([
      signInRequest(ws.workspace, ws.emails.owner, 'not the password at all'),
      signInRequest(ws.workspace, 'nobody@example.com', TEST_PASSWORD),
      signInRequest('no-such-workspace.eu', ws.emails.owner, TEST_PASSWORD),
      signInRequest(`${ws.tenant.slug}.us`, ws.emails.owner, TEST_PASSWORD),
    ]);
    const bodies = await Promise.all(
      answers.map(async (r) => ((await r.json()) as { error: { code: string; message: string } }).error),
    );
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(new Set(bodies.map((b) => `${b.code} ${b.message}`)).size).toBe(1);
    for (const r of answers) expect(r.headers.getSetCookie()).toEqual([]);
    expect(await countRows(d1(), 'admin_sessions', 'tenant_id = ?', ws.tenant.id)).toBe(0);
  });

  it('locks an address after 10 failures in 15 minutes, known or unknown, even for the right password', async () => {
    const ws = await seedWorkspace();
    for (const email of [ws.emails.owner, 'ghost@example.com']) {
      for (let i = 0; i < 10; i++) {
        const res = await signInRequest(ws.workspace, email, `wrong password ${i}`, `203.0.113.${i}`);
        expect(res.status).toBe(401);
      }
      const locked = await signInRequest(ws.workspace, email, TEST_PASSWORD, '203.0.113.99');
      expect(locked.status).toBe(429);
      expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    }
    expect(await countRows(d1(), 'admin_sessions', 'tenant_id = ?', ws.tenant.id)).toBe(0);
    // Another address of the workspace is not locked.
    expect((await signInRequest(ws.workspace, ws.emails.auditor, TEST_PASSWORD)).status).toBe(200);
  });

  it('turns an expired password into a one-time link and no session; the link refuses reuse and sets a new one', async () => {
    const ws = await seedWorkspace();
    await d1()
      .prepare('update admin_users set password_changed_at = ? where tenant_id = ? and role = ?')
      .bind(Date.now() - 91 * 86_400_000, ws.tenant.id, 'owner')
      .run();
    const res = await signInRequest(ws.workspace, ws.emails.owner, TEST_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    const body = (await res.json()) as { error: { code: string; details: { token: string } } };
    expect(body.error.code).toBe('password_expired');
    const setPassword = (password: string) =>
      call('/api/auth/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: body.error.details.token, password }),
      });
    const reuse = await setPassword(TEST_PASSWORD);
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error: { details: { problem: string } } }).error.details.problem).toBe(
      'reused',
    );
    const common = await setPassword('password1234');
    expect(((await common.json()) as { error: { details: { problem: string } } }).error.details.problem).toBe(
      'too_common',
    );
    expect((await setPassword('a brand new passphrase 42')).status).toBe(204);
    expect((await setPassword('another new passphrase 43')).status).toBe(400);
    expect((await signInRequest(ws.workspace, ws.emails.owner, TEST_PASSWORD)).status).toBe(401);
    expect((await signInRequest(ws.workspace, ws.emails.owner, 'a brand new passphrase 42')).status).toBe(
      200,
    );
  });

  it('refuses any of the last five passwords', async () => {
    const ws = await seedWorkspace();
    let current = TEST_PASSWORD;
    const used = [current];
    for (let i = 1; i <= 5; i++) {
      const session = await signIn(ws, 'analyst', current);
      const next = `rotating passphrase number ${i}`;
      const res = await asSession(session, '/api/auth/password/change', {
        method: 'POST',
        json: { currentPassword: current, newPassword: next },
      });
      expect(res.status).toBe(204);
      current = next;
      used.push(next);
    }
    const session = await signIn(ws, 'analyst', current);
    const again = await asSession(session, '/api/auth/password/change', {
      method: 'POST',
      json: { currentPassword: current, newPassword: used[2] },
    });
    expect(again.status).toBe(400);
    // The oldest (sixth back) is out of the history.
    const oldest = await asSession(session, '/api/auth/password/change', {
      method: 'POST',
      json: { currentPassword: current, newPassword: used[0] },
    });
    expect(oldest.status).toBe(204);
  });

  it('refuses passwords in a workspace that signs in by SSO only', async () => {
    const ws = await seedWorkspace();
    await d1()
      .prepare(
        "insert into sign_in_policies (tenant_id, password_max_age_days, passwords_allowed, oidc_issuer, oidc_client_id, updated_at) values (?, 90, 0, 'https://idp.example', 'client', ?)",
      )
      .bind(ws.tenant.id, Date.now())
      .run();
    const res = await signInRequest(ws.workspace, ws.emails.owner, TEST_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('sessions', () => {
  it('refuses a change without the CSRF token or with a forged one, and changes nothing', async () => {
    const ws = await seedWorkspace();
    const session = await signIn(ws, 'marketer');
    for (const csrf of [false, 'f'.repeat(64)] as const) {
      const res = await asSession(session, '/api/v1/lists', {
        method: 'POST',
        json: { name: 'News', purpose: 'Monthly news' },
        csrf,
      });
      expect(res.status).toBe(403);
    }
    expect(await countRows(d1(), 'lists', 'tenant_id = ?', ws.tenant.id)).toBe(0);
    expect(
      (
        await asSession(session, '/api/v1/lists', {
          method: 'POST',
          json: { name: 'News', purpose: 'Monthly news' },
        })
      ).status,
    ).toBe(201);
  });

  it('opens only the session routes once the password expires during the session, until it is changed', async () => {
    const ws = await seedWorkspace();
    const session = await signIn(ws, 'owner');
    const age = (days: number) =>
      d1()
        .prepare('update admin_users set password_changed_at = ? where tenant_id = ? and role = ?')
        .bind(Date.now() - days * 86_400_000, ws.tenant.id, 'owner')
        .run();
    await age(91);
    const read = await asSession(session, '/api/v1/users');
    expect(read.status).toBe(403);
    expect(((await read.json()) as { error: { code: string } }).error.code).toBe('password_expired');
    const write = await asSession(session, '/api/v1/lists', {
      method: 'POST',
      json: { name: 'News', purpose: 'Monthly news' },
    });
    expect(write.status).toBe(403);
    expect(await countRows(d1(), 'lists', 'tenant_id = ?', ws.tenant.id)).toBe(0);
    expect(
      await countRows(d1(), 'audit_log', "tenant_id = ? and action = 'access.refused'", ws.tenant.id),
    ).toBe(2);
    const seen = await asSession(session, '/api/auth/session');
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as { passwordExpired: boolean }).passwordExpired).toBe(true);
    // The tenant's own maximum age decides: 120 days lets the 91-day-old password through.
    await d1()
      .prepare(
        'insert into sign_in_policies (tenant_id, password_max_age_days, passwords_allowed, updated_at) values (?, 120, 1, ?)',
      )
      .bind(ws.tenant.id, Date.now())
      .run();
    expect((await asSession(session, '/api/v1/users')).status).toBe(200);
    await age(121);
    expect((await asSession(session, '/api/v1/users')).status).toBe(403);
    const changed = await asSession(session, '/api/auth/password/change', {
      method: 'POST',
      json: { currentPassword: TEST_PASSWORD, newPassword: 'a fresh passphrase for today' },
    });
    expect(changed.status).toBe(204);
    const fresh = await signIn(ws, 'owner', 'a fresh passphrase for today');
    expect(fresh.body.passwordExpired).toBe(false);
    expect((await asSession(fresh, '/api/v1/users')).status).toBe(200);
  });

  it('lets a session whose password expired sign out', async () => {
    const ws = await seedWorkspace();
    const session = await signIn(ws, 'marketer');
    await d1()
      .prepare('update admin_users set password_changed_at = ? where tenant_id = ? and role = ?')
      .bind(Date.now() - 91 * 86_400_000, ws.tenant.id, 'marketer')
      .run();
    expect((await asSession(session, '/api/auth/sign-out', { method: 'POST' })).status).toBe(204);
    expect(await countRows(d1(), 'admin_sessions', 'tenant_id = ?', ws.tenant.id)).toBe(0);
  });

  it('refuses a forged session cookie', async () => {
    const res = await call('/api/auth/session', {
      headers: { cookie: `__Host-tm_session=tms_e_${'A'.repeat(43)}` },
    });
    expect(res.status).toBe(401);
    const api = await call('/api/v1/lists', { headers: { cookie: '__Host-tm_session=nonsense' } });
    expect(api.status).toBe(401);
  });

  it('ends after 8 idle hours and 24 hours at most', async () => {
    const ws = await seedWorkspace();
    const idle = await signIn(ws, 'owner');
    const capped = await signIn(ws, 'auditor');
    await d1()
      .prepare(
        'update admin_sessions set last_seen_at = ? where user_id = (select id from admin_users where tenant_id = ? and role = ?)',
      )
      .bind(Date.now() - 8 * 3_600_000 - 1000, ws.tenant.id, 'owner')
      .run();
    await d1()
      .prepare(
        'update admin_sessions set expires_at = ? where user_id = (select id from admin_users where tenant_id = ? and role = ?)',
      )
      .bind(Date.now() - 1000, ws.tenant.id, 'auditor')
      .run();
    expect((await asSession(idle, '/api/auth/session')).status).toBe(401);
    expect((await asSession(capped, '/api/auth/session')).status).toBe(401);
    expect(await countRows(d1(), 'admin_sessions', 'tenant_id = ?', ws.tenant.id)).toBe(0);
  });

  it('signs out: the session opens nothing afterwards', async () => {
    const ws = await seedWorkspace();
    const session = await signIn(ws, 'owner');
    expect((await asSession(session, '/api/auth/sign-out', { method: 'POST', csrf: false })).status).toBe(
      403,
    );
    expect((await asSession(session, '/api/auth/sign-out', { method: 'POST' })).status).toBe(204);
    expect((await asSession(session, '/api/auth/session')).status).toBe(401);
    expect((await asSession(session, '/api/v1/users')).status).toBe(401);
  });

  it('ends every session of a user when an owner changes their role', async () => {
    const ws = await seedWorkspace();
    const owner = await signIn(ws, 'owner');
    const marketer = await signIn(ws, 'marketer');
    const users = (await (await asSession(owner, '/api/v1/users')).json()) as {
      data: { id: string; role: string }[];
    };
    const target = users.data.find((u) => u.role === 'marketer')!;
    const res = await asSession(owner, `/api/v1/users/${target.id}`, {
      method: 'PATCH',
      json: { role: 'analyst' },
    });
    expect(res.status).toBe(200);
    expect((await asSession(marketer, '/api/auth/session')).status).toBe(401);
    const row = await d1()
      .prepare("select details from audit_log where tenant_id = ? and action = 'user.changed'")
      .bind(ws.tenant.id)
      .first<{ details: string }>();
    expect(JSON.parse(row!.details)).toMatchObject({
      before: { role: 'marketer' },
      after: { role: 'analyst' },
    });
  });

  it('ends every session of a user whose password is reset by the mailed link', async () => {
    const mail = captureMail();
    const ws = await seedWorkspace();
    const session = await signIn(ws, 'privacy_officer');
    const asked = await call('/api/auth/password/forgot', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: ws.workspace, email: ws.emails.privacy_officer }),
    });
    expect(asked.status).toBe(202);
    const unknown = await call('/api/auth/password/forgot', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: ws.workspace, email: 'ghost@example.com' }),
    });
    expect(unknown.status).toBe(202);
    await expect.poll(async () => (await mail.messages()).length).toBe(1);
    const [sent] = await mail.messages();
    expect(sent!.to).toBe(ws.emails.privacy_officer);
    const path = /https:\/\/privacy\.test(\/auth\/password\/\S+)/.exec(sent!.parsed.text ?? '')![1]!;
    const page = await call(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
    const form = new URLSearchParams({ password: 'reset passphrase 2026', repeat: 'reset passphrase 2026' });
    const done = await call(path, {
      method: 'POST',
      headers: { origin: 'https://privacy.test', 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(done.status).toBe(200);
    expect((await asSession(session, '/api/auth/session')).status).toBe(401);
    expect(
      (await signInRequest(ws.workspace, ws.emails.privacy_officer, 'reset passphrase 2026')).status,
    ).toBe(200);
    // The link worked once.
    expect((await call(path)).status).toBe(400);
  });
});

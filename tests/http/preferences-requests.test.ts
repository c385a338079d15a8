// Requests filed from the preference centre (channel preference_centre, verified by the link):
// a download is an access or portability request carried out at once and handed to the `/x/`
// export; "forget me" files an erasure whose page shows its clock and due date and can be
// cancelled while it is open (the requester's withdrawal, status `withdrawn`, its event).

import { describe, expect, it, vi } from 'vitest';
import { formatDate } from '../../shared/i18n/language';
import { captureQueue, rowCounts } from '../support/intercept';
import { captureMail } from '../support/mail';
import { press } from '../support/pages';
import { api, call } from '../support/seed';
import { eventTypesOf, open, requestsOf, selfService } from '../support/self-service';

const act = (path: string, body: string, headers: Record<string, string> = {}) =>
  press(path, headers, { body, redirect: 'manual' });

describe('download my data', () => {
  it('JSON: an access request completed at once, the browser sent to its /x/ export', async () => {
    captureQueue();
    const s = await selfService();
    const res = await act(s.centre, 'action=download&format=json');
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toMatch(/^\/x\//);
    const [request] = await requestsOf(s.tenant.id);
    expect(request).toMatchObject({ kind: 'access', status: 'completed', channel: 'preference_centre' });
    expect(request!.verified_at).not.toBeNull();
    expect(await eventTypesOf(s.tenant.id)).toEqual([
      'privacy_request.completed',
      'privacy_request.created',
      'privacy_request.executing',
    ]);
    const file = await call(location.pathname);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/json');
    expect(await file.text()).toContain(s.person.email);
  });

  it('ZIP: a portability request, its export a zip file', async () => {
    captureQueue();
    const s = await selfService();
    const res = await act(s.centre, 'action=download&format=zip');
    const [request] = await requestsOf(s.tenant.id);
    expect(request).toMatchObject({ kind: 'portability', status: 'completed' });
    const file = await call(new URL(res.headers.get('location')!).pathname);
    expect(file.headers.get('content-type')).toBe('application/zip');
  });
});

describe('forget me', () => {
  it('files a verified erasure; the page explains the clock, shows the due date and offers to cancel', async () => {
    captureQueue();
    const mail = captureMail();
    const s = await selfService();
    const before = await (await open(s.centre, 'de')).text();
    expect(before).toContain('45 Tage');
    const res = await act(s.centre, 'action=erase', { 'accept-language': 'de' });
    expect(res.headers.get('location')).toBe(`${s.centre}?done=erasure_filed`);
    const [request] = await requestsOf(s.tenant.id);
    expect(request).toMatchObject({ kind: 'erasure', status: 'open', channel: 'preference_centre' });
    expect(request!.verified_at).not.toBeNull();
    expect(await eventTypesOf(s.tenant.id)).toContain('privacy_request.created');
    const promised = new Date(Math.min(request!.due_at as number, request!.month_due_at as number));
    const page = await (await open(`${s.centre}?done=erasure_filed`, 'de')).text();
    expect(page).toContain('Ihr Antrag auf Löschung Ihrer Daten ist eingegangen.');
    expect(page).toContain(formatDate(promised, 'de'));
    expect(page).toContain(formatDate(new Date(request!.due_at as number), 'de'));
    expect(page).toContain(`name="request" value="${request!.id}"`);
    expect(page).not.toContain('value="erase"');
    // The receipt mail (with the same date) goes to the person as for any erasure request.
    await vi.waitFor(async () => expect((await mail.messages()).map((m) => m.to)).toEqual([s.person.email]));
    expect((await mail.messages())[0]!.parsed.text).toContain(formatDate(promised, 'de'));
  });

  it('pressed twice (or ten times at once) is one request', async () => {
    captureQueue();
    const s = await selfService();
    await Promise.all(Array.from({ length: 10 }, () => act(s.centre, 'action=erase')));
    await act(s.centre, 'action=erase');
    expect((await requestsOf(s.tenant.id)).map((r) => r.kind)).toEqual(['erasure']);
  });

  it('cancel: the erasure is withdrawn with its event and off the page; a closed request cannot be cancelled', async () => {
    captureQueue();
    const s = await selfService();
    await act(s.centre, 'action=erase');
    const [filed] = await requestsOf(s.tenant.id);
    const res = await act(s.centre, `action=cancel&request=${filed!.id}`);
    expect(res.headers.get('location')).toBe(`${s.centre}?done=cancelled`);
    const [withdrawn] = await requestsOf(s.tenant.id);
    expect(withdrawn).toMatchObject({ id: filed!.id, status: 'withdrawn' });
    expect(await eventTypesOf(s.tenant.id)).toContain('privacy_request.withdrawn');
    const page = await (await open(`${s.centre}?done=cancelled`)).text();
    expect(page).toContain('Your request is cancelled.');
    expect(page).toContain('value="erase"');
    const before = await rowCounts(s.tenant.id);
    const again = await act(s.centre, `action=cancel&request=${filed!.id}`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This request can no longer be cancelled.');
    expect(await rowCounts(s.tenant.id)).toBe(before);
  });

  it('cannot cancel another subscriber’s request', async () => {
    captureQueue();
    const a = await selfService();
    const other = await api(a.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', email: 'someone@example.org', verified: true },
    });
    const { id } = (await other.json()) as { id: string };
    const res = await act(a.centre, `action=cancel&request=${id}`);
    expect(res.status).toBe(409);
    expect((await requestsOf(a.tenant.id)).find((r) => r.id === id)).toMatchObject({ status: 'open' });
  });
});

import { describe, expect, it } from 'vitest';
import { deliver, inboundMessage, rawMail } from '../support/inbound';
import { inboundSetup, requestsOf } from './helpers';

const reply = (s: { email: string; reply: string }, body: string) =>
  inboundMessage(
    rawMail({
      from: s.email,
      to: s.reply,
      subject: 'Re: Our November newsletter',
      body: `${body}\n\nOn Mon, 2 Nov 2026 at 10:00, Shop <news@shop.example> wrote:\n> Our November newsletter\n> Unsubscribe: https://shop.example/u`,
    }),
    { from: s.email, to: s.reply },
  );

describe('email: replies to a newsletter that ask for no right', () => {
  it.each([
    ['en', 'Thanks, great newsletter as always!'],
    ['de', 'Danke, toller Newsletter wie immer!'],
    ['ro', 'Mulțumesc, un newsletter excelent ca de obicei!'],
  ])('[%s] a thank-you is a review item, never an unsubscribe', async (_lang, body) => {
    const s = await inboundSetup('eu', {});
    await deliver(reply(s, body));
    const [request, ...rest] = await requestsOf(s.tenant);
    expect(rest).toHaveLength(0);
    expect(request).toMatchObject({ kind: 'review' });
    expect(request!.ev.classifiedAs).toBe('review');
  });

  it('a misspelt name with its right spelling is filed as a rectification', async () => {
    const s = await inboundSetup('eu', {});
    await deliver(reply(s, 'My name is spelled wrong in your records, it should be Jansen not Janssen.'));
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'rectification', status: 'open', subscriber_id: s.subscriber.id });
    expect(JSON.stringify(request!.ev)).not.toMatch(/jans/i);
  });
});

// The mail to a tenant's owners when one of their webhook endpoints was disabled: which one, why,
// and how to take it back into use. Written to the client's administrators, in English.

import type { OutboundMail } from '../schemas/mail';

export type DisabledNotice = {
  endpointId: string;
  /** Host of the endpoint's URL (not the whole URL: its path may hold a token). */
  host: string;
  reason: 'gone' | 'failing';
  failingSince: Date | null;
};

export function endpointDisabledMail(n: DisabledNotice): Pick<OutboundMail, 'subject' | 'text'> {
  const why =
    n.reason === 'gone'
      ? 'it answered 410 Gone, which asks us to stop sending.'
      : `every attempt to reach it has failed since ${n.failingSince?.toISOString() ?? 'five days ago'} (5 days).`;
  return {
    subject: `Webhook endpoint disabled: ${n.host}`,
    text: [
      `We have stopped sending webhooks to your endpoint ${n.endpointId} at ${n.host}: ${why}`,
      '',
      'Events that could not be delivered are kept. Once the endpoint works again:',
      `  1. enable it:  PATCH /api/v1/webhook-endpoints/${n.endpointId}  {"enabled": true}`,
      `  2. replay:     POST /api/v1/webhook-endpoints/${n.endpointId}/replay  {"since": "<ISO date>"}`,
      '',
      'The delivery log (GET /api/v1/webhook-deliveries) shows every attempt and its answer.',
    ].join('\n'),
  };
}

// Inbound mail fixtures: a ForwardableEmailMessage built from raw RFC 5322 text that records what
// the Worker did with it (setReject, forward, reply), a raw-message builder, a subscriber seed,
// and the call into the Worker's own `email` entry point.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { runBatch } from '../../db/client';
import { regional } from '../../db/regions';
import { addressIndex, prepareSubscriber } from '../../db/subscribers';
import { tenantKeys, type Tenant } from '../../db/tenants';
import worker from '../../workers/index';

export type RecordedMessage = ForwardableEmailMessage & {
  rejected: string | null;
  forwardedTo: string[];
  replies: number;
};

/** A message as the Email Routing runtime hands it to the Worker, recording the Worker's calls. */
export function inboundMessage(
  raw: string | Uint8Array,
  envelope: { from: string; to: string; rawSize?: number },
): RecordedMessage {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const recorded = {
    from: envelope.from,
    to: envelope.to,
    headers: new Headers(),
    rawSize: envelope.rawSize ?? bytes.byteLength,
    rejected: null as string | null,
    forwardedTo: [] as string[],
    replies: 0,
    get raw() {
      return new Response(bytes).body!;
    },
    setReject(reason: string) {
      recorded.rejected = reason;
    },
    async forward(rcptTo: string) {
      recorded.forwardedTo.push(rcptTo);
      return { messageId: '<forwarded@test>' };
    },
    async reply() {
      recorded.replies++;
      return { messageId: '<reply@test>' };
    },
  };
  return recorded as unknown as RecordedMessage;
}

/** Delivers a message to the Worker's `email` handler, as Email Routing would. */
export async function deliver(message: RecordedMessage): Promise<void> {
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
}

export type RawMail = {
  from: string;
  to: string;
  subject: string;
  body?: string;
  messageId?: string;
  headers?: Record<string, string>;
  /** Replaces the default text/plain body part (headers + body), for multipart fixtures. */
  mime?: string;
};

/** A raw RFC 5322 message with CRLF line ends. */
export function rawMail(m: RawMail): string {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    'Date: Tue, 03 Nov 2026 09:15:00 +0100',
    `Message-ID: ${m.messageId ?? `<${crypto.randomUUID()}@mail.example.org>`}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const body =
    m.mime ??
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${m.body ?? ''}`;
  return `${lines.join('\r\n')}\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/** `Authentication-Results` as our receiving edge stamps it, passing DMARC for the From domain. */
export function passingAuth(domain: string, authserv = 'mx.cloudflare.net'): Record<string, string> {
  return {
    'Authentication-Results': `${authserv}; dkim=pass header.d=${domain} header.s=s1; spf=pass smtp.mailfrom=${domain}; dmarc=pass header.from=${domain}`,
  };
}

/** A subscriber of the tenant with this address. */
export async function seedSubscriber(
  tenant: Tenant,
  email: string,
  extra: { language?: string; status?: 'active' | 'pending' } = {},
) {
  const { db } = regional(env, tenant.region);
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const { email: normalised, index } = await addressIndex(keys, email);
  const prepared = await prepareSubscriber(db, keys, {
    email: normalised,
    emailIndex: index,
    status: extra.status ?? 'active',
    language: extra.language ?? null,
  });
  await runBatch(db, prepared.queries);
  return prepared.row;
}

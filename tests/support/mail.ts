// Captures the mail the Worker sends through the MAILER binding during a test, parsed with
// postal-mime, so tests assert on what the recipient would read.

import { env } from 'cloudflare:workers';
import PostalMime, { type Email } from 'postal-mime';
import { afterEach } from 'vitest';

export type SentMail = { from: string; to: string; raw: string; parsed: Email };

type Recorder = { send: (message: EmailMessage) => Promise<void> };

/** Replaces MAILER with a recorder until the end of the test; returns the list it fills. */
export function captureMail(): { messages: () => Promise<SentMail[]> } {
  const original = env.MAILER;
  const sent: { from: string; to: string; raw: string }[] = [];
  const recorder: Recorder = {
    async send(message) {
      // The test runtime's EmailMessage keeps the raw text under this key.
      const raw = Reflect.get(message, 'EmailMessage::raw') as unknown;
      if (typeof raw !== 'string') throw new Error('captureMail: raw message not readable');
      sent.push({ from: message.from, to: message.to, raw });
    },
  };
  (env as { MAILER: unknown }).MAILER = recorder;
  afterEach(() => {
    (env as { MAILER: unknown }).MAILER = original;
  });
  return {
    messages: () => Promise.all(sent.map(async (m) => ({ ...m, parsed: await PostalMime.parse(m.raw) }))),
  };
}

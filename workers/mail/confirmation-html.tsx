// The HTML part of the double opt-in mail, rendered with hono/jsx (every value escaped): the
// words of shared/mail/confirmation.ts, and a button in the tenant's accent colour with a text
// colour readable on it. Mail clients ignore stylesheets, so styles are inline here.

import { raw } from 'hono/html';
import type { Branding } from '../../shared/branding';
import type { ConfirmationMail } from '../../shared/mail/confirmation';

const DEFAULT_ACCENT = { background: '#1b5fd1', text: '#ffffff' } as const;

export async function confirmationHtml(mail: ConfirmationMail, branding: Branding): Promise<string> {
  const accent = branding.accent ?? DEFAULT_ACCENT;
  const button = `display:inline-block;padding:.6rem 1.2rem;background:${accent.background};color:${accent.text};border-radius:8px;text-decoration:none`;
  const page = (
    <>
      {raw('<!doctype html>')}
      <html lang={mail.language}>
        <body style="font:16px/1.5 system-ui,sans-serif;color:#1b1f24">
          <p>{mail.intro}</p>
          <p>
            <a href={mail.link} style={button}>
              {mail.action}
            </a>
          </p>
          <p style="color:#4f5862;font-size:.9rem">{mail.ignore}</p>
        </body>
      </html>
    </>
  );
  return page.toString();
}

// The one layout of every page a person sees, and `renderPage`, the one way to answer with a
// page: `<html lang>` in the negotiated language, the tenant's branding (logo, name, accent) when
// the tenant is known, exactly one h1, and a footer naming who is responsible for the data.
// Security headers are added by `pageSecurity` (./security.ts) from what the page declares here.

import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child, FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { BrandContact, Branding } from '../../../shared/branding';
import { commonCopy } from '../../../shared/pages/common-copy';
import type { PageLanguage } from '../../../shared/pages/languages';
import type { AppEnv } from '../../env';
import { allowInPage, styleNonce } from './security';

type PageFrame = {
  lang: PageLanguage;
  /** The page's one heading, also its document title. */
  title: string;
  /** The tenant's branding; null when the tenant is unknown (no branding is shown). */
  branding: Branding | null;
  /** Origins the page's form may lead to after posting (the intercept's destination). */
  formTargets?: string[];
};

const BrandHeader: FC<{ branding: Branding }> = ({ branding }) => (
  <header class="brand">
    <div class="brand-inner">
      {branding.logoUrl ? <img src={branding.logoUrl} alt="" /> : null}
      <span>{branding.name}</span>
    </div>
  </header>
);

const ContactDetails: FC<{ contact: BrandContact }> = ({ contact }) => (
  <dd>
    {contact.name}
    {contact.email ? (
      <>
        <br />
        <a href={`mailto:${contact.email}`}>{contact.email}</a>
      </>
    ) : null}
    {contact.address ? <address>{contact.address}</address> : null}
    {contact.note ? (
      <>
        <br />
        {contact.note}
      </>
    ) : null}
  </dd>
);

const BrandFooter: FC<{ branding: Branding; lang: PageLanguage }> = ({ branding, lang }) => {
  const words = commonCopy(lang).footer;
  if (branding.contacts.length === 0 && !branding.privacyPolicyUrl) return null;
  return (
    <footer>
      {branding.contacts.length > 0 ? (
        <>
          <h2>{words.label}</h2>
          <dl>
            {branding.contacts.map((contact) => (
              <>
                <dt>{words[contact.role]}</dt>
                <ContactDetails contact={contact} />
              </>
            ))}
          </dl>
        </>
      ) : null}
      {branding.privacyPolicyUrl ? (
        <p>
          <a href={branding.privacyPolicyUrl}>{words.privacyPolicy}</a>
        </p>
      ) : null}
    </footer>
  );
};

const Layout: FC<PageFrame & { nonce?: string; children?: Child }> = (props) => {
  const { lang, title, branding, nonce } = props;
  const accent = branding?.accent;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title>{branding ? `${title} – ${branding.name}` : title}</title>
          <link rel="stylesheet" href="/static/pages.css" />
          {accent && nonce ? (
            <style nonce={nonce}>{`:root{--accent:${accent.background};--on-accent:${accent.text}}`}</style>
          ) : null}
        </head>
        <body>
          {branding ? <BrandHeader branding={branding} /> : null}
          <main>
            <h1>{title}</h1>
            {props.children}
          </main>
          {branding ? <BrandFooter branding={branding} lang={lang} /> : null}
        </body>
      </html>
    </>
  );
};

/** Answers with `body` inside the layout; the page's CSP allows exactly what the frame loads. */
export function renderPage(
  c: Context<AppEnv>,
  frame: PageFrame,
  body: Child,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  const nonce = frame.branding?.accent ? styleNonce() : undefined;
  const logo = frame.branding?.logoUrl;
  allowInPage(c, {
    styleNonce: nonce,
    imageOrigin: logo ? new URL(logo).origin : undefined,
    formTargets: frame.formTargets,
  });
  c.header('content-language', frame.lang);
  return c.html(
    <Layout {...frame} nonce={nonce}>
      {body}
    </Layout>,
    status,
  );
}

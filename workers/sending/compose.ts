// Composing one recipient's copy of a message: merge values put in (HTML-escaped in the HTML),
// every http(s) `href` of `a` and `area` found by HTMLRewriter and every http(s) link of the text
// body turned into an intercept link; `javascript:`, relative and malformed links, and our own
// self-service links, are left as they are. Plain personal data exists here only in memory.

import { escapeHtml, fillMergeFields, type MergeValues } from '../../shared/mail/merge-fields';
import { parseDestination } from '../../shared/link-tokens';

export type Template = { subject: string; html: string | null; text: string | null };

/** The intercept URL of a destination (the caller mints one per distinct destination). */
export type TrackLink = (destination: string) => Promise<string>;

export type Composed = { subject: string; html: string | null; text: string };

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

/** HTMLRewriter hands attribute values and text over as written, entities and all (lol-html #131). */
function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|quot|apos|lt|gt|nbsp));/gi,
    (m, dec, hex, name) => {
      if (name) return ENTITIES[name.toLowerCase()] ?? m;
      const code = dec ? Number(dec) : Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    },
  );
}

/** A link we rewrite: an absolute http(s) URL we would redirect to, not on our own origin. */
function trackable(url: string, ownOrigin: string): string | null {
  const destination = parseDestination(url.trim());
  if (!destination || new URL(destination).origin === ownOrigin) return null;
  return destination;
}

/** Text body links: http(s) up to whitespace or a bracket, without trailing punctuation. */
const TEXT_LINK = /\bhttps?:\/\/[^\s<>"'()[\]{}]+/gi;

async function rewriteText(text: string, track: TrackLink, ownOrigin: string): Promise<string> {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(TEXT_LINK)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const destination = trackable(url, ownOrigin);
    if (!destination) continue;
    parts.push(text.slice(last, match.index), await track(destination));
    last = match.index + url.length;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

async function rewriteHtml(html: string, track: TrackLink, ownOrigin: string): Promise<string> {
  const rewriter = new HTMLRewriter().on('a[href], area[href]', {
    async element(el) {
      const destination = trackable(decodeEntities(el.getAttribute('href') ?? ''), ownOrigin);
      if (destination) el.setAttribute('href', await track(destination));
    },
  });
  return rewriter.transform(new Response(html)).text();
}

const BLOCKS = 'p, div, br, li, tr, h1, h2, h3, h4, h5, h6, table, ul, ol, blockquote, hr';

/**
 * A plain-text alternative of composed HTML, for a message without a text body: its text, a
 * line per block, and each link's target after its words.
 */
async function textOf(html: string): Promise<string> {
  const parts: string[] = [];
  let hidden = 0;
  const rewriter = new HTMLRewriter()
    .on('head, script, style, title', {
      element(el) {
        hidden++;
        el.onEndTag(() => {
          hidden--;
        });
      },
    })
    .on(BLOCKS, { element: () => void parts.push('\n') })
    .on('a[href]', {
      element(el) {
        const href = decodeEntities(el.getAttribute('href') ?? '');
        if (/^https?:\/\//i.test(href)) el.onEndTag(() => void parts.push(` <${href}>`));
      },
    })
    .onDocument({ text: (chunk) => void (hidden === 0 && parts.push(chunk.text)) });
  await rewriter.transform(new Response(html)).arrayBuffer();
  const text = decodeEntities(parts.join(''))
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text || ' ';
}

/** One line: a value in the subject never breaks it (no header injection through a profile). */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');

/** One recipient's subject and bodies. `ownOrigin` is the origin of our self-service links. */
export async function composeMessage(
  template: Template,
  values: MergeValues,
  track: TrackLink,
  ownOrigin: string,
): Promise<Composed> {
  const subject = fillMergeFields(template.subject, values, oneLine);
  const html =
    template.html === null
      ? null
      : await rewriteHtml(fillMergeFields(template.html, values, escapeHtml), track, ownOrigin);
  const text =
    template.text === null
      ? await textOf(html ?? '')
      : await rewriteText(fillMergeFields(template.text, values), track, ownOrigin);
  return { subject, html, text };
}

/** A `track` that mints at most one link per distinct destination. */
export function oncePerDestination(mint: TrackLink): TrackLink {
  const minted = new Map<string, Promise<string>>();
  return (destination) => {
    let url = minted.get(destination);
    if (!url) {
      url = mint(destination);
      minted.set(destination, url);
    }
    return url;
  };
}

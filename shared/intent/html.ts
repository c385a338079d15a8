// Turns an HTML mail body into plain text for the classifier when a message has no text part.
// Drops scripts, styles and <blockquote> (quoted earlier messages); decodes common entities.
// Pure string function; safe in Cloudflare Workers.

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote>/gi, '\n')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos);/gi, (_, name: string) => ENTITIES[name.toLowerCase()] ?? ' ')
    .replace(/&#(\d+);/g, (_, n: string) => fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => fromCodePoint(parseInt(n, 16)))
    .replace(/[ \t]+/g, ' ');
}

function fromCodePoint(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
}

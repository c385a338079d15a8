// The HTML shell of every page a person sees (errors, consent, preference centre): small,
// accessible, no external assets, and safe from injection because all text is escaped.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:38rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}button,.button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #1b5fd1;background:#1b5fd1;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#1b5fd1}form.inline{display:inline}.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.5rem}
.notice{white-space:pre-wrap;background:#f1f4f8;padding:1rem;border-radius:8px}label{display:block;margin:.75rem 0 .25rem}input,select,textarea{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
.muted{color:#5b6470;font-size:.9rem}`;

/** A complete page; `bodyHtml` must already be escaped where it holds text. */
export function page(opts: { title: string; lang?: string; bodyHtml: string }): string {
  return `<!doctype html><html lang="${escapeHtml(opts.lang ?? 'en')}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(opts.title)}</title><style>${STYLE}</style></head><body><main>${opts.bodyHtml}</main></body></html>`;
}

/** A page with a heading and one paragraph of plain text. */
export function messagePage(opts: { title: string; body: string; lang?: string }): string {
  return page({
    title: opts.title,
    lang: opts.lang,
    bodyHtml: `<h1>${escapeHtml(opts.title)}</h1><p>${escapeHtml(opts.body)}</p>`,
  });
}

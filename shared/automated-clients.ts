// Requests that no person made: browser prefetches and the link scanners of mail security
// gateways, which fetch every link of a message before (or instead of) its reader. They may see
// pages and follow redirects, but they never answer a consent question and never set a home region.

/** User-agent fragments of mail security scanners, link unfurlers and generic HTTP clients. */
const SCANNER_AGENTS = [
  'spider',
  'crawl',
  'slurp',
  'scanner',
  'preview',
  'fetcher',
  'monitor',
  'barracuda',
  'mimecast',
  'proofpoint',
  'ppops',
  'symantec',
  'messagelabs',
  'forcepoint',
  'trendmicro',
  'trend micro',
  'sophos',
  'fireeye',
  'trellix',
  'cisco',
  'ironport',
  'zscaler',
  'checkpoint',
  'vadesecure',
  'hornetsecurity',
  'safelinks',
  'microsoft office',
  'ms-office',
  'outlook-ios',
  'google-safety',
  'googleimageproxy',
  'yahoomailproxy',
  'slackbot',
  'discordbot',
  'whatsapp',
  'telegrambot',
  'skypeuripreview',
  'linkedinbot',
  'facebookexternalhit',
  'curl/',
  'wget/',
  'python-requests',
  'python-urllib',
  'aiohttp',
  'go-http-client',
  'java/',
  'okhttp',
  'libwww-perl',
  'node-fetch',
  'undici',
  'axios/',
  'httpclient',
  'postmanruntime',
];

/**
 * A crawler's self-naming token ("Googlebot/2.1", "bingbot;", "AdsBot-Google", "MJ12bot)") or
 * its info address ("+http://…"). A bare substring would also match phone models (CUBOT X30).
 */
const BOT_TOKEN = /bot(?:[/;)-]|$)|\+https?:\/\//;

type HeaderReader = { get(name: string): string | null };

const isPrefetchHint = (value: string | null) =>
  value !== null && /\b(prefetch|prerender|preview)\b/i.test(value);

/** Whether a user agent names a scanner, bot or scripted client (an empty one counts). */
export function isScannerAgent(userAgent: string | null | undefined): boolean {
  const ua = (userAgent ?? '').trim().toLowerCase();
  if (!ua) return true;
  return BOT_TOKEN.test(ua) || SCANNER_AGENTS.some((fragment) => ua.includes(fragment));
}

/**
 * Whether a request was made by software on its own: HEAD, a prefetch or prerender hint
 * (`Purpose`, `Sec-Purpose`, `X-Purpose`, `X-Moz`), or a scanner's user agent.
 */
export function isAutomatedRequest(method: string, headers: HeaderReader): boolean {
  if (method.toUpperCase() === 'HEAD') return true;
  if (isPrefetchHint(headers.get('sec-purpose')) || isPrefetchHint(headers.get('purpose'))) return true;
  if (isPrefetchHint(headers.get('x-purpose')) || isPrefetchHint(headers.get('x-moz'))) return true;
  return isScannerAgent(headers.get('user-agent'));
}

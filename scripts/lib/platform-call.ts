// The operators' command-line scripts (keys:rotate, tenant:create) call one route of
// `/api/platform` on a Worker: the origin from `--url`, the key from the PLATFORM_KEY environment
// variable (never an argument: arguments end up in shell history and process lists), a JSON answer
// or a refusal printed with its code.

export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function originOf(url: string | undefined, usage: string): string {
  if (!url) fail(usage);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail(`--url is not a URL. ${usage}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') fail(`--url must be http(s). ${usage}`);
  return parsed.origin;
}

/** POSTs to `/api/platform/<path>` and answers the parsed body, or exits 1 naming the refusal. */
export async function callPlatform<T>(
  url: string | undefined,
  path: string,
  usage: string,
  what: string,
  json?: unknown,
): Promise<T> {
  const base = originOf(url, usage);
  const key = process.env.PLATFORM_KEY;
  if (!key) fail(`PLATFORM_KEY is not set. ${usage}`);
  const res = await fetch(`${base}/api/platform/${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = (await res.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error: { code: string; message: string } }
    | null;
  if (!res.ok || !body || body.error) {
    fail(
      `${what} refused: ${res.status} ${body?.error ? `${body.error.code}: ${body.error.message}` : ''}`,
      1,
    );
  }
  return body;
}

// Dashboard session ids: `tms_<region mark>_<43 base64url chars>` (256 random bits), so a cookie
// finds its database without a global lookup. The CSRF token is derived from the id under its own
// label: the browser's script learns it from the API, the database never holds it.

import { sha256Hex, toBase64Url } from '../encoding';
import { regionFromMark, regionMark, type Region } from '../regions';

const SESSION_ID = /^tms_([eu])_([A-Za-z0-9_-]{43})$/;

export function newSessionId(region: Region): string {
  return `tms_${regionMark(region)}_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** The region a session id names; null when it is not a session id. */
export function sessionRegion(id: string): Region | null {
  const m = SESSION_ID.exec(id);
  return m ? regionFromMark(m[1]!) : null;
}

/** The CSRF token of a session: sent back in `X-CSRF-Token` on every change. */
export function csrfTokenFor(sessionId: string): Promise<string> {
  return sha256Hex(`tm/csrf/${sessionId}`);
}

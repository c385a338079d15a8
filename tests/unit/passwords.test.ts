// Admin password hashes as `db/admin-users.ts` stores them (PBKDF2-SHA-256, a salt per hash) and
// their check, which the sign-in uses.

import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../shared/crypto/passwords';

describe('admin password hashes', () => {
  it('store a salted PBKDF2 hash that only the same password opens', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^pbkdf2\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(stored);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('refuse a stored value that is not a whole PBKDF2 hash', async () => {
    const stored = await hashPassword('pässwörd');
    const [scheme, iterations, salt, hash] = stored.split('$') as [string, string, string, string];
    for (const broken of [
      `sha1$${iterations}$${salt}$${hash}`,
      `${scheme}$${iterations}$${salt}`,
      `${scheme}$${iterations}$${salt}$${hash.slice(0, 20)}=`,
      `${scheme}$${iterations}$${salt}$`,
      `${scheme}$many$${salt}$${hash}`,
      `${scheme}$1000000$${salt}$${hash}`,
      `${scheme}$${iterations}$not base64!$${hash}`,
      '',
    ]) {
      expect(await verifyPassword('pässwörd', broken), broken).toBe(false);
    }
    expect(await verifyPassword('pässwörd', stored)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { blindIndex, normaliseEmail, pseudonymFor } from '../../shared/crypto/blind-index';
import { createTenantKey, unwrapTenantKey } from '../../shared/crypto/envelope';
import { importMasterKeyring } from '../../shared/crypto/keyring';

describe('normaliseEmail', () => {
  it.each([
    ['Anna@Example.org', 'anna@example.org'],
    ['  anna@example.org \n', 'anna@example.org'],
    ['ANNA.B+news@EXAMPLE.ORG', 'anna.b+news@example.org'],
    ['jörg@bücher.de', 'jörg@xn--bcher-kva.de'],
    ['info@MÜNCHEN.de', 'info@xn--mnchen-3ya.de'],
    ['a@xn--bcher-kva.de', 'a@xn--bcher-kva.de'],
    ['anna@example.org.', 'anna@example.org'],
    // NFC: "é" written as e + combining accent equals the precomposed one.
    ['rene\u0301@example.fr', 'ren\u00e9@example.fr'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it.each([
    '',
    'anna',
    'anna@',
    '@example.org',
    'a b@example.org',
    'anna@exa mple.org',
    'anna@@example.org',
    'anna@localhost',
    '.anna@example.org',
    'an..na@example.org',
    `${'a'.repeat(65)}@example.org`,
    'anna@example.org<script>',
    'anna@-example.org',
  ])('refuses %j', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });
});

describe('blind index and pseudonym', () => {
  it('is deterministic per tenant, differs across tenants, and hides the address', async () => {
    const ring = await importMasterKeyring(btoa(String.fromCharCode(...new Uint8Array(32).fill(7))));
    const a = await unwrapTenantKey(ring, 'ten_eu_a', await createTenantKey(ring, 'ten_eu_a'));
    const b = await unwrapTenantKey(ring, 'ten_eu_b', await createTenantKey(ring, 'ten_eu_b'));
    const one = await blindIndex(a.indexKey, normaliseEmail(' Anna@Example.org')!);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(await blindIndex(a.indexKey, normaliseEmail('anna@example.ORG')!)).toBe(one);
    expect(await blindIndex(b.indexKey, 'anna@example.org')).not.toBe(one);
    expect(one).not.toContain('anna');
    const p = await pseudonymFor(a.pseudonymKey, 'sub_1');
    expect(p).toMatch(/^anon-[2-9a-z]{8}$/);
    expect(await pseudonymFor(a.pseudonymKey, 'sub_1')).toBe(p);
    expect(await pseudonymFor(a.pseudonymKey, 'sub_2')).not.toBe(p);
  });
});

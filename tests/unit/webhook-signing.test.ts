// Webhook signatures: the Standard Webhooks specification's test vectors (restated here as data),
// the reference `standardwebhooks` verifier as an independent check, rotation's two signatures,
// and the shape of a generated secret.

import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../shared/encoding';
import { newSigningSecret, secretBytes, signatureV1, webhookHeaders } from '../../shared/webhooks/signing';

/** Symmetric `v1` vectors of the specification's reference libraries. */
const VECTORS = [
  {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  },
  {
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    id: 'msg_27UH4WbU6Z5A5EzD8u03UvzRbpk',
    timestamp: 1649367553,
    body: '{"email":"test@example.com","username":"test_user"}',
    signature: 'v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=',
  },
];

/** Signatures of vector A the specification's verifiers refuse. */
const WRONG_FOR_A = [
  'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
  'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=',
  'v1,dawfeoifkpqwoekfpqoekf',
  'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd',
  'v1,',
];

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Standard Webhooks signatures', () => {
  it.each(VECTORS)('match the specification vector for $id', async (v) => {
    expect(await signatureV1(v.secret, v.id, v.timestamp, v.body)).toBe(v.signature);
  });

  it('are none of the signatures the specification marks wrong', async () => {
    const [a] = VECTORS;
    const ours = await signatureV1(a!.secret, a!.id, a!.timestamp, a!.body);
    for (const wrong of WRONG_FOR_A) expect(ours).not.toBe(wrong);
  });

  it('are accepted by the reference verifier, and refused once the body or the id changes', async () => {
    const secret = newSigningSecret();
    const body = JSON.stringify({
      type: 'privacy_request.created',
      timestamp: new Date().toISOString(),
      data: {},
    });
    const headers = await webhookHeaders([secret], 'evt_01', nowSeconds(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'evt_02' })).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
  });

  it('during a rotation carry one signature per secret, each verifying on its own', async () => {
    const [previous, next] = [newSigningSecret(), newSigningSecret()];
    const body = '{"type":"tenant.settings_changed"}';
    const headers = await webhookHeaders([next, previous], 'evt_rot', nowSeconds(), body);
    const parts = headers['webhook-signature'].split(' ');
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.startsWith('v1,'))).toBe(true);
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
    expect(new Webhook(next).verify(body, headers)).toBeTruthy();
  });
});

describe('signing secrets', () => {
  it('are whsec_ and base64 of 32 random bytes, different each time', () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(fromBase64(a.slice('whsec_'.length))).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(a);
  });

  it.each([
    '',
    'whsec_',
    'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    'whsec_c2hvcnQ=',
    `whsec_${btoa('x'.repeat(65))}`,
    'whsec_not base64!',
  ])('refuse %j as a key', (secret) => {
    expect(() => secretBytes(secret)).toThrow();
  });
});

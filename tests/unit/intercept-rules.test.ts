// The pure rules of the intercept: automated clients, when to ask, and
// what counts as valid consent.

import { describe, expect, it } from 'vitest';
import { isConsentValid } from '../../db/consent-validity';
import { isAutomatedRequest, isScannerAgent } from '../../shared/automated-clients';
import { interceptApplies } from '../../shared/intercept-answer';

describe('automated clients', () => {
  const h = (headers: Record<string, string>) => new Headers(headers);
  const chrome =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
  it.each([
    ['GET', { 'user-agent': chrome }, false],
    [
      'POST',
      {
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
      },
      false,
    ],
    ['HEAD', { 'user-agent': chrome }, true],
    ['GET', { 'user-agent': chrome, 'sec-purpose': 'prefetch' }, true],
    ['GET', { 'user-agent': chrome, 'sec-purpose': 'prefetch;prerender' }, true],
    ['GET', { 'user-agent': chrome, purpose: 'prefetch' }, true],
    ['GET', { 'user-agent': chrome, 'x-moz': 'prefetch' }, true],
    ['GET', { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel (EE))' }, true],
    ['GET', { 'user-agent': 'Mimecast-URL-Protect/2.0' }, true],
    ['GET', { 'user-agent': 'python-requests/2.31' }, true],
    ['GET', { 'user-agent': 'curl/8.5.0' }, true],
    ['GET', {}, true],
  ])('%s %j → automated %s', (method, headers, expected) => {
    expect(isAutomatedRequest(method, h(headers))).toBe(expected);
  });

  it('does not take ordinary browsers for scanners', () => {
    expect(
      isScannerAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      ),
    ).toBe(false);
    expect(isScannerAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      false,
    );
  });

  it('lets people on phones whose model name contains "bot" confirm', () => {
    for (const phone of ['CUBOT X30 Build/QP1A.190711.020', 'CUBOT_P30', 'Cubot KingKong 5 Pro']) {
      const ua = `Mozilla/5.0 (Linux; Android 10; ${phone}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36`;
      expect(isScannerAgent(ua), phone).toBe(false);
    }
  });

  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'AdsBot-Google (+http://www.google.com/adsbot.html)',
    'Mozilla/5.0 (compatible; MJ12bot)',
    'Twitterbot',
    'Mozilla/5.0 (compatible; SomeLinkChecker; +https://checker.example/about)',
  ])('takes the crawler %s for automated', (ua) => {
    expect(isScannerAgent(ua)).toBe(true);
  });
});

describe('when to ask', () => {
  it.each([
    [undefined, true, true],
    [undefined, false, false],
    [undefined, null, false],
    ['eu', true, true],
    ['eu', false, false],
    ['all', false, true],
    ['all', null, true],
    ['off', true, false],
  ] as const)('mode %s, EU %s → %s', (mode, isEU, expected) => {
    expect(interceptApplies(mode, { isEU })).toBe(expected);
  });
});

describe('valid consent', () => {
  it.each([
    ['confirmed with consent given', { status: 'confirmed', consent: 'given' }, true],
    ['pending double opt-in (not confirmed yet)', { status: 'pending', consent: 'unknown' }, false],
    ['pending written before consent became unknown', { status: 'pending', consent: 'given' }, false],
    ['imported, consent unknown', { status: 'confirmed', consent: 'unknown' }, false],
    ['refused on the consent page', { status: 'unsubscribed', consent: 'refused' }, false],
    ['withdrawn', { status: 'unsubscribed', consent: 'withdrawn' }, false],
    ['unsubscribed though consent once given', { status: 'unsubscribed', consent: 'given' }, false],
    ['no subscription to the list', undefined, false],
  ] as const)('%s → %s', (_name, subscription, expected) => {
    expect(isConsentValid(subscription)).toBe(expected);
  });
});

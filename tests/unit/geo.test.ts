import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { geolocate } from '../../shared/geo';
import { devGeoAllowed } from '../../workers/http/request-context';

describe('geolocate', () => {
  it.each([
    [
      { country: 'DE', region: 'Bavaria', isEUCountry: '1' },
      { country: 'DE', region: 'Bavaria', isEU: true, source: 'cf' },
    ],
    [
      { country: 'US', region: 'Oregon' },
      { country: 'US', region: 'Oregon', isEU: false, source: 'cf' },
    ],
    [{ country: 'FR' }, { country: 'FR', region: null, isEU: true, source: 'cf' }],
    [{ country: 'CH' }, { country: 'CH', region: null, isEU: false, source: 'cf' }],
    [{ country: 'T1' }, { country: null, region: null, isEU: null, source: 'none' }],
    [undefined, { country: null, region: null, isEU: null, source: 'none' }],
  ])('reads %j', (cf, expected) => {
    expect(geolocate(cf, null, false)).toEqual(expected);
  });

  it('in local development only x-dev-geo locates a request: request.cf there is a stand-in', () => {
    // What wrangler dev puts into request.cf offline, for every request alike.
    const placeholder = { country: 'US', region: 'Texas', regionCode: 'TX', city: 'Austin', colo: 'DFW' };
    const unknown = { country: null, region: null, isEU: null, source: 'none' };
    expect(geolocate(placeholder, 'nl', true)).toEqual({
      country: 'NL',
      region: null,
      isEU: true,
      source: 'dev-override',
    });
    expect(geolocate(placeholder, null, true)).toEqual(unknown);
    expect(geolocate(placeholder, 'not-a-country', true)).toEqual(unknown);
    expect(geolocate({ country: 'DE', isEUCountry: '1' }, undefined, true)).toEqual(unknown);
    // Production: request.cf is the evidence and the header means nothing.
    expect(geolocate(placeholder, 'NL', false)).toEqual({
      country: 'US',
      region: 'Texas',
      isEU: false,
      source: 'cf',
    });
  });

  it('ignores the header under the shipped configuration, which never sets ALLOW_DEV_GEO', () => {
    expect(devGeoAllowed(env)).toBe(false);
    expect(devGeoAllowed({ ...env, ALLOW_DEV_GEO: '1' })).toBe(true);
  });
});

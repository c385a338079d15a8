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

  it('lets x-dev-geo override only when development allows it', () => {
    const cf = { country: 'US', isEUCountry: '0' };
    expect(geolocate(cf, 'nl', true)).toEqual({
      country: 'NL',
      region: null,
      isEU: true,
      source: 'dev-override',
    });
    expect(geolocate(cf, 'NL', false)).toMatchObject({ country: 'US', isEU: false, source: 'cf' });
    expect(geolocate(cf, 'not-a-country', true)).toMatchObject({ country: 'US', source: 'cf' });
  });

  it('ignores the header under the shipped configuration, which never sets ALLOW_DEV_GEO', () => {
    expect(devGeoAllowed(env)).toBe(false);
    expect(devGeoAllowed({ ...env, ALLOW_DEV_GEO: '1' })).toBe(true);
  });
});

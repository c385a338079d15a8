// Geolocation of a request: country, region and EU membership from `request.cf`, or, in local
// development only (a variable production never sets), from the `x-dev-geo: <ISO country>`
// header. Locally `request.cf` is not the visitor's: it is one object for every request, the
// placeholder wrangler falls back to offline (US, Texas). There, without the header, the
// location is unknown, never the placeholder.

export type Geo = {
  country: string | null;
  region: string | null;
  isEU: boolean | null;
  source: 'cf' | 'dev-override' | 'none';
};

/** EU member states (ISO 3166-1 alpha-2), for the override, where `cf.isEUCountry` is absent. */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);

type CfLike =
  | { country?: unknown; region?: unknown; regionCode?: unknown; isEUCountry?: unknown }
  | undefined;

const COUNTRY = /^[A-Z]{2}$/;

const UNKNOWN: Geo = { country: null, region: null, isEU: null, source: 'none' };

/**
 * Where a request comes from. `localDevelopment` (the `ALLOW_DEV_GEO` variable) means `cf` is the
 * local runtime's stand-in, not evidence: only a valid `x-dev-geo` header locates the request.
 */
export function geolocate(cf: CfLike, devHeader: string | null | undefined, localDevelopment: boolean): Geo {
  if (localDevelopment) {
    const country = devHeader?.trim().toUpperCase() ?? '';
    if (!COUNTRY.test(country)) return UNKNOWN;
    return { country, region: null, isEU: EU_COUNTRIES.has(country), source: 'dev-override' };
  }
  const country = typeof cf?.country === 'string' && COUNTRY.test(cf.country) ? cf.country : null;
  if (!country) return UNKNOWN;
  const region = typeof cf?.region === 'string' && cf.region ? cf.region : null;
  const isEU = cf?.isEUCountry === '1' || cf?.isEUCountry === true ? true : EU_COUNTRIES.has(country);
  return { country, region, isEU, source: 'cf' };
}

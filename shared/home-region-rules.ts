// A tenant's home-region rules, applied to an address: its domain or one of its parent domains
// on the tenant's list, else an EU member state's ccTLD (or .eu) when the tenant turned that on.
// And what a rule may change: it fills an unknown region, revises a region a rule set, and may
// move a person into the EU, but never takes a region out of the EU that anything else set.

import { EU_COUNTRIES } from './geo';
import type { HomeRegionRules } from './schemas/tenant-settings';

type Region = 'eu' | 'non_eu' | 'unknown';
export type RuleVerdict = { region: 'eu' | 'non_eu'; rule: string };

/** ccTLDs of the EU member states (Greece's is .gr) and .eu. */
export const EU_COUNTRY_DOMAINS: ReadonlySet<string> = new Set([
  ...[...EU_COUNTRIES].map((c) => c.toLowerCase()),
  'eu',
]);

/** The region the rules give a normalised address (see normaliseEmail), or null when none matches. */
export function regionByRules(rules: HomeRegionRules | undefined, email: string): RuleVerdict | null {
  if (!rules) return null;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  // The most specific domain on the list wins: `shop.example.de` before `example.de`.
  const listed = (rules.domains ?? [])
    .filter((d) => domain === d.domain || domain.endsWith(`.${d.domain}`))
    .sort((a, b) => b.domain.length - a.domain.length)[0];
  if (listed) return { region: listed.region, rule: `domain:${listed.domain}` };
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (rules.euCountryDomains && EU_COUNTRY_DOMAINS.has(tld)) return { region: 'eu', rule: `cctld:${tld}` };
  return null;
}

/**
 * Whether a rule's verdict may replace a subscriber's region: an unknown one always, one a rule
 * set always, a non-EU one only to make it EU. An EU region set by anything but a rule (a
 * geolocation, the client, an import) is never turned into non-EU by a rule.
 */
export function ruleMayChange(
  current: { homeRegion: Region; homeRegionSource: string | null },
  verdict: RuleVerdict,
): boolean {
  if (current.homeRegion === verdict.region) return false;
  if (current.homeRegion === 'unknown' || current.homeRegionSource === 'rule') return true;
  return verdict.region === 'eu';
}

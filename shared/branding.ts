// What a tenant's pages and mails show of the tenant: its name, logo, accent colour with a text
// colour that stays readable on it (WCAG 2 contrast), its privacy policy and the people
// responsible for the person's data. Stored settings are checked again here, so a value that
// does not pass its schema is left out rather than shown.

import {
  AccentColor,
  Controller,
  DisplayName,
  EuRepresentative,
  PrivacyOfficer,
  publicHttpsUrl,
} from './schemas/tenant-settings';

type ContactRole = 'controller' | 'privacyOfficer' | 'euRepresentative';
/** A person or body responsible for the data; `note` is the controller's free-text contact. */
export type BrandContact = {
  role: ContactRole;
  name: string;
  email?: string;
  address?: string;
  note?: string;
};

export type Branding = {
  name: string;
  logoUrl: string | null;
  accent: { background: string; text: '#000000' | '#ffffff' } | null;
  privacyPolicyUrl: string | null;
  contacts: BrandContact[];
};

/** The branding settings as stored (unknown shape: stored JSON is checked, not trusted). */
type BrandingSettings = Partial<
  Record<
    | 'displayName'
    | 'logoUrl'
    | 'accentColor'
    | 'privacyPolicyUrl'
    | 'controller'
    | 'privacyOfficer'
    | 'euRepresentative',
    unknown
  >
>;

const url = (value: unknown) => (typeof value === 'string' ? publicHttpsUrl(value) : null);

const SCHEMAS = {
  controller: Controller,
  privacyOfficer: PrivacyOfficer,
  euRepresentative: EuRepresentative,
};

function contact(role: ContactRole, value: unknown): BrandContact[] {
  const parsed = SCHEMAS[role].safeParse(value);
  if (!parsed.success) return [];
  const c: { name: string; email?: string; address?: string; contact?: string } = parsed.data;
  return [
    {
      role,
      name: c.name,
      ...(c.email ? { email: c.email } : {}),
      ...(c.address ? { address: c.address } : {}),
      ...(c.contact ? { note: c.contact } : {}),
    },
  ];
}

/** The branding of a tenant's pages; `name` is the display name, else the tenant's name. */
export function brandingOf(tenant: { name: string; settings: BrandingSettings }): Branding {
  const s = tenant.settings;
  const accent = AccentColor.safeParse(s.accentColor);
  const displayName = DisplayName.safeParse(s.displayName);
  return {
    name: displayName.success ? displayName.data : tenant.name,
    logoUrl: url(s.logoUrl),
    accent: accent.success ? { background: accent.data, text: readableTextOn(accent.data) } : null,
    privacyPolicyUrl: url(s.privacyPolicyUrl),
    contacts: [
      ...contact('controller', s.controller),
      ...contact('privacyOfficer', s.privacyOfficer),
      ...contact('euRepresentative', s.euRepresentative),
    ],
  };
}

/** WCAG 2 relative luminance of `#rrggbb`. */
function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white, whichever contrasts more with the background. One of the two always reaches
 * at least 4.58:1, so text on any accent meets WCAG AA for normal text (4.5:1).
 */
export function readableTextOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

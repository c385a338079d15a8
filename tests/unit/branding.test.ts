// Tenant branding as pages show it: text on the accent colour stays readable (WCAG 2 contrast),
// and stored values that do not pass their schema are left out instead of shown.

import { describe, expect, it } from 'vitest';
import { brandingOf, contrastRatio, readableTextOn } from '../../shared/branding';

describe('text on the accent colour', () => {
  it.each([
    ['#ffffff', '#000000'],
    ['#000000', '#ffffff'],
    ['#1b5fd1', '#ffffff'],
    ['#ffcc00', '#000000'],
    ['#0a7d4f', '#ffffff'],
    ['#e30613', '#ffffff'],
    ['#757575', '#ffffff'],
    ['#767676', '#000000'],
  ])('on %s is %s', (background, text) => {
    expect(readableTextOn(background)).toBe(text);
  });

  it('always reaches WCAG AA (4.5:1) for normal text, over the whole colour cube', () => {
    let worst = 21;
    for (let r = 0; r < 256; r += 15)
      for (let g = 0; g < 256; g += 15)
        for (let b = 0; b < 256; b += 15) {
          const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
          worst = Math.min(worst, contrastRatio(hex, readableTextOn(hex)));
        }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });

  it('measures contrast as WCAG 2 defines it', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('brandingOf', () => {
  it('shows the display name, logo, accent, policy and every contact that is set', () => {
    const branding = brandingOf({
      name: 'shop-legal-name',
      settings: {
        displayName: 'Shop',
        logoUrl: 'https://cdn.shop.example/logo.png',
        accentColor: '#ffcc00',
        privacyPolicyUrl: 'https://shop.example/privacy',
        controller: { name: 'Shop BV', contact: 'Call us', country: 'NL' },
        privacyOfficer: { name: 'Dana', email: 'dpo@shop.example' },
        euRepresentative: { name: 'Rep BV', address: 'Kade 2\n3011 AB Rotterdam' },
      },
    });
    expect(branding).toEqual({
      name: 'Shop',
      logoUrl: 'https://cdn.shop.example/logo.png',
      accent: { background: '#ffcc00', text: '#000000' },
      privacyPolicyUrl: 'https://shop.example/privacy',
      contacts: [
        { role: 'controller', name: 'Shop BV', note: 'Call us' },
        { role: 'privacyOfficer', name: 'Dana', email: 'dpo@shop.example' },
        { role: 'euRepresentative', name: 'Rep BV', address: 'Kade 2\n3011 AB Rotterdam' },
      ],
    });
  });

  it('leaves out stored values that are not valid (written around the API), never shows them', () => {
    const branding = brandingOf({
      name: 'Shop',
      settings: {
        displayName: 'Evil\nName',
        logoUrl: 'javascript:alert(1)',
        accentColor: 'red;background:url(https://evil.example)',
        privacyPolicyUrl: 'http://shop.example/privacy',
        privacyOfficer: { name: 'Nobody' },
        euRepresentative: 'Rep BV',
      },
    });
    expect(branding).toEqual({
      name: 'Shop',
      logoUrl: null,
      accent: null,
      privacyPolicyUrl: null,
      contacts: [],
    });
  });
});

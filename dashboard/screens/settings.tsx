// Tenant settings and branding (`/api/v1/tenant/settings`, owner): display name, logo, accent
// colour, privacy policy, the controller, privacy officer and EU representative, the purge of
// unconfirmed sign-ups, k for reports, pseudonymised profiles and the home-region rules. Only what
// changed is sent; an emptied field goes back to the default (null). The server's validation
// messages appear next to their fields.

import { useEffect, useState } from 'preact/hooks';
import { api, fieldErrors, get } from '../api';
import { CheckboxField, FormField, TextareaField } from '../components/form-field';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { strings } from '../strings';

const t = strings.settings;

type ContactView = { name: string; email?: string; address?: string; country?: string } | null;
/**
 * The part of `TenantSettings` (shared/schemas/tenant-settings.ts) this screen edits, written out:
 * importing that module's types would pull its URL and token helpers into the app's type check.
 */
type TenantSettingsView = {
  displayName: string | null;
  logoUrl: string | null;
  accentColor: string | null;
  privacyPolicyUrl: string | null;
  controller: ContactView;
  privacyOfficer: ContactView;
  euRepresentative: ContactView;
  unconfirmedPurgeDays: number | null;
  minAggregate: number | null;
  pseudonymisedProfiles: boolean | null;
  homeRegionRules: { euCountryDomains?: boolean; domains?: { domain: string; region: string }[] } | null;
};

type Contact = { name: string; email: string; address: string; country: string };
type Form = {
  displayName: string;
  logoUrl: string;
  accentColor: string;
  privacyPolicyUrl: string;
  controller: Contact;
  privacyOfficer: Contact;
  euRepresentative: Contact;
  unconfirmedPurgeDays: string;
  minAggregate: string;
  pseudonymisedProfiles: boolean;
  euCountryDomains: boolean;
  domains: string;
};
type ContactKey = 'controller' | 'privacyOfficer' | 'euRepresentative';

const contactOf = (
  c: { name: string; email?: string; address?: string; country?: string } | null,
): Contact => ({
  name: c?.name ?? '',
  email: c?.email ?? '',
  address: c?.address ?? '',
  country: c?.country ?? '',
});

function formOf(s: TenantSettingsView): Form {
  return {
    displayName: s.displayName ?? '',
    logoUrl: s.logoUrl ?? '',
    accentColor: s.accentColor ?? '',
    privacyPolicyUrl: s.privacyPolicyUrl ?? '',
    controller: contactOf(s.controller),
    privacyOfficer: contactOf(s.privacyOfficer),
    euRepresentative: contactOf(s.euRepresentative),
    unconfirmedPurgeDays: s.unconfirmedPurgeDays?.toString() ?? '',
    minAggregate: s.minAggregate?.toString() ?? '',
    pseudonymisedProfiles: s.pseudonymisedProfiles ?? false,
    euCountryDomains: s.homeRegionRules?.euCountryDomains ?? false,
    domains: (s.homeRegionRules?.domains ?? []).map((d) => `${d.domain} ${d.region}`).join('\n'),
  };
}

const text = (v: string) => (v.trim() ? v.trim() : null);
const num = (v: string) => (v.trim() ? Number(v) : null);

function contactValue(c: Contact, withCountry: boolean) {
  if (!c.name.trim()) return null;
  return {
    name: c.name.trim(),
    ...(c.email.trim() ? { email: c.email.trim() } : {}),
    ...(c.address.trim() ? { address: c.address.trim() } : {}),
    ...(withCountry && c.country.trim() ? { country: c.country.trim().toUpperCase() } : {}),
  };
}

/** The settings as the API takes them, from the form. */
function valuesOf(f: Form): Record<string, unknown> {
  const domains = f.domains
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [domain = '', region = ''] = line.split(/\s+/);
      return { domain, region };
    });
  return {
    displayName: text(f.displayName),
    logoUrl: text(f.logoUrl),
    accentColor: text(f.accentColor),
    privacyPolicyUrl: text(f.privacyPolicyUrl),
    controller: contactValue(f.controller, true),
    privacyOfficer: contactValue(f.privacyOfficer, false),
    euRepresentative: contactValue(f.euRepresentative, true),
    unconfirmedPurgeDays: num(f.unconfirmedPurgeDays),
    minAggregate: num(f.minAggregate),
    pseudonymisedProfiles: f.pseudonymisedProfiles || null,
    homeRegionRules:
      f.euCountryDomains || domains.length
        ? {
            ...(f.euCountryDomains ? { euCountryDomains: true } : {}),
            ...(domains.length ? { domains } : {}),
          }
        : null,
  };
}

/** Only the settings whose value differs from what was loaded. */
function changed(before: Form, after: Form): Record<string, unknown> {
  const a = valuesOf(before);
  const b = valuesOf(after);
  return Object.fromEntries(Object.entries(b).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(a[k])));
}

function ContactFields(props: {
  legend: string;
  value: Contact;
  onChange: (c: Contact) => void;
  errors: Record<string, string>;
  prefix: ContactKey;
  country: boolean;
}) {
  const set = (k: keyof Contact) => (v: string) => props.onChange({ ...props.value, [k]: v });
  const err = (k: string) => props.errors[`${props.prefix}.${k}`];
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      <FormField
        label={t.contactName}
        name={`${props.prefix}.name`}
        hint={t.contactHint}
        value={props.value.name}
        onInput={set('name')}
        error={err('name') ?? props.errors[props.prefix]}
      />
      <FormField
        label={t.contactEmail}
        name={`${props.prefix}.email`}
        type="email"
        value={props.value.email}
        onInput={set('email')}
        error={err('email')}
      />
      <TextareaField
        label={t.contactAddress}
        name={`${props.prefix}.address`}
        value={props.value.address}
        onInput={set('address')}
        error={err('address')}
      />
      {props.country && (
        <FormField
          label={t.contactCountry}
          name={`${props.prefix}.country`}
          value={props.value.country}
          onInput={set('country')}
          maxLength={2}
          error={err('country')}
        />
      )}
    </fieldset>
  );
}

export function Settings() {
  const [loaded, setLoaded] = useState<Form>();
  const [form, setForm] = useState<Form>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const { busy, error: saveError, setError: setSaveError, run } = useAction();
  const show = (s: TenantSettingsView) => {
    setLoaded(formOf(s));
    setForm(formOf(s));
  };
  useEffect(() => {
    get<TenantSettingsView>('/api/v1/tenant/settings').then(show, setError);
  }, []);
  if (error) return <ErrorBanner error={error} />;
  if (!form || !loaded) return <Loading />;
  const problems = fieldErrors(saveError);
  const field = (
    name:
      | 'displayName'
      | 'logoUrl'
      | 'accentColor'
      | 'privacyPolicyUrl'
      | 'unconfirmedPurgeDays'
      | 'minAggregate',
  ) => ({
    name,
    value: form[name],
    onInput: (v: string) => setForm({ ...form, [name]: v }),
    error: problems[name],
  });
  const contact = (key: ContactKey) => ({
    prefix: key,
    value: form[key],
    onChange: (c: Contact) => setForm({ ...form, [key]: c }),
    errors: problems,
  });
  const save = (e: Event) => {
    e.preventDefault();
    setMessage('');
    const patch = changed(loaded, form);
    if (Object.keys(patch).length === 0) {
      setSaveError(undefined);
      return setMessage(t.unchanged);
    }
    void run(async () => {
      show(await api<TenantSettingsView>('PATCH', '/api/v1/tenant/settings', patch));
      setMessage(t.saved);
    });
  };
  const domainError = Object.entries(problems).find(([k]) => k.startsWith('homeRegionRules'))?.[1];
  return (
    <form onSubmit={save} noValidate>
      <section aria-labelledby="branding-h">
        <h2 id="branding-h">{t.branding}</h2>
        <FormField label={t.displayName} hint={t.displayNameHint} maxLength={100} {...field('displayName')} />
        <FormField label={t.logoUrl} type="url" hint={t.defaultValue} {...field('logoUrl')} />
        <FormField label={t.accentColor} hint={t.accentHint} {...field('accentColor')} />
        <FormField label={t.privacyPolicyUrl} type="url" {...field('privacyPolicyUrl')} />
      </section>
      <section aria-labelledby="contacts-h">
        <h2 id="contacts-h">{t.contacts}</h2>
        <ContactFields legend={t.controller} country {...contact('controller')} />
        <ContactFields legend={t.privacyOfficer} country={false} {...contact('privacyOfficer')} />
        <ContactFields legend={t.euRepresentative} country {...contact('euRepresentative')} />
      </section>
      <section aria-labelledby="data-h">
        <h2 id="data-h">{t.data}</h2>
        <FormField
          label={t.unconfirmedPurgeDays}
          type="number"
          hint={t.defaultValue}
          {...field('unconfirmedPurgeDays')}
        />
        <FormField
          label={t.minAggregate}
          type="number"
          hint={t.minAggregateHint}
          {...field('minAggregate')}
        />
        <CheckboxField
          label={t.pseudonymisedProfiles}
          name="pseudonymisedProfiles"
          checked={form.pseudonymisedProfiles}
          onChange={(v) => setForm({ ...form, pseudonymisedProfiles: v })}
          error={problems.pseudonymisedProfiles}
        />
        <fieldset class="choices">
          <legend>{t.homeRegion}</legend>
          <CheckboxField
            label={t.euCountryDomains}
            name="euCountryDomains"
            checked={form.euCountryDomains}
            onChange={(v) => setForm({ ...form, euCountryDomains: v })}
          />
          <TextareaField
            label={t.domains}
            name="domains"
            hint={t.domainsHint}
            value={form.domains}
            onInput={(v) => setForm({ ...form, domains: v })}
            error={domainError}
          />
        </fieldset>
      </section>
      {Object.keys(problems).length > 0 ? (
        <p class="error-banner" role="alert">
          {t.fieldProblems}
        </p>
      ) : (
        <ErrorBanner error={saveError} />
      )}
      <div role="status" aria-live="polite">
        {message && <p class="notice">{message}</p>}
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? strings.common.working : t.save}
        </button>
      </div>
    </form>
  );
}

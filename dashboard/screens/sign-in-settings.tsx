// Sign-in settings (`/api/v1/sign-in-settings`, owner): the password maximum age, whether
// passwords are allowed (off: SSO only, only while SSO is set up), the OIDC provider (issuer,
// client id, secret; the stored secret is never shown) and the redirect URI to register there.

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { SignInSettings as SignInSettingsView } from '../../shared/schemas/admin';
import { api, fieldErrors, get } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CheckboxField, FormField } from '../components/form-field';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { strings } from '../strings';

type View = z.infer<typeof SignInSettingsView>;

const t = strings.signInSettings;

export function SignInSettings() {
  const [view, setView] = useState<View>();
  const [form, setForm] = useState({
    maxAge: '',
    passwordsAllowed: true,
    issuer: '',
    clientId: '',
    secret: '',
  });
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const { busy, error: saveError, run } = useAction();
  const [removing, setRemoving] = useState(false);
  const show = (v: View) => {
    setView(v);
    setForm({
      maxAge: String(v.passwordMaxAgeDays),
      passwordsAllowed: v.passwordsAllowed,
      issuer: v.sso?.issuer ?? '',
      clientId: v.sso?.clientId ?? '',
      secret: '',
    });
  };
  useEffect(() => {
    get<View>('/api/v1/sign-in-settings').then(show, setError);
  }, []);
  const send = (body: Record<string, unknown>) => {
    setMessage('');
    return run(async () => {
      show(await api<View>('PATCH', '/api/v1/sign-in-settings', body));
      setMessage(t.saved);
    });
  };
  if (error) return <ErrorBanner error={error} />;
  if (!view) return <Loading />;
  const problems = fieldErrors(saveError);
  const ssoChanged =
    form.issuer.trim() !== (view.sso?.issuer ?? '') ||
    form.clientId.trim() !== (view.sso?.clientId ?? '') ||
    form.secret !== '';
  return (
    <>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send({
            passwordMaxAgeDays: Number(form.maxAge),
            passwordsAllowed: form.passwordsAllowed,
            ...(ssoChanged && form.issuer.trim()
              ? {
                  sso: {
                    issuer: form.issuer.trim(),
                    clientId: form.clientId.trim(),
                    ...(form.secret ? { clientSecret: form.secret } : {}),
                  },
                }
              : {}),
          });
        }}
      >
        <FormField
          label={t.passwordMaxAgeDays}
          name="passwordMaxAgeDays"
          type="number"
          hint={t.passwordMaxAgeHint}
          value={form.maxAge}
          onInput={(maxAge) => setForm({ ...form, maxAge })}
          error={problems.passwordMaxAgeDays}
        />
        <CheckboxField
          label={t.passwordsAllowed}
          name="passwordsAllowed"
          checked={form.passwordsAllowed}
          onChange={(passwordsAllowed) => setForm({ ...form, passwordsAllowed })}
          error={problems.passwordsAllowed}
        />
        <fieldset class="choices">
          <legend>{t.sso}</legend>
          <FormField
            label={t.issuer}
            name="issuer"
            type="url"
            value={form.issuer}
            onInput={(issuer) => setForm({ ...form, issuer })}
            error={problems['sso.issuer']}
          />
          <FormField
            label={t.clientId}
            name="clientId"
            value={form.clientId}
            onInput={(clientId) => setForm({ ...form, clientId })}
            error={problems['sso.clientId']}
          />
          <FormField
            label={t.clientSecret}
            name="clientSecret"
            type="password"
            autocomplete="off"
            hint={view.sso?.clientSecretSet ? t.clientSecretSet : t.clientSecretNone}
            value={form.secret}
            onInput={(secret) => setForm({ ...form, secret })}
            error={problems['sso.clientSecret']}
          />
          <p>
            {t.redirectUri}: <code>{view.ssoRedirectUri}</code>
          </p>
          {view.sso && (
            <button type="button" class="danger" onClick={() => setRemoving(true)}>
              {t.removeSso}
            </button>
          )}
        </fieldset>
        <ErrorBanner error={saveError} />
        <div role="status" aria-live="polite">
          {message && <p class="notice">{message}</p>}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? strings.common.working : t.save}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={removing}
        title={t.removeSsoTitle}
        confirmLabel={t.removeSso}
        danger
        busy={busy}
        error={saveError}
        onConfirm={async () => {
          if (await send({ sso: null, passwordsAllowed: true })) setRemoving(false);
        }}
        onCancel={() => setRemoving(false)}
      />
    </>
  );
}

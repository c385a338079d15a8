// Sign-in: workspace, address, password (`POST /api/auth/sign-in`); SSO through
// `/auth/sso/<workspace>`; an expired password answered 403 `password_expired` leads to choosing a
// new one with the token it carries (`POST /api/auth/password`); the reset mail
// (`POST /api/auth/password/forgot`). Sign-out is the shell's button.

import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { FormField } from '../components/form-field';
import { ErrorBanner } from '../components/status';
import { useAction } from '../components/use-action';
import type { Session } from '../session';
import { strings } from '../strings';

const t = strings.signIn;

type Mode = { name: 'password' } | { name: 'forgot'; sent: boolean } | { name: 'expired'; token: string };

/** `notice`: what to tell the person on arrival (their changed password). */
export function SignIn(props: { onSignedIn: (s: Session) => void; notice?: string }) {
  const [mode, setMode] = useState<Mode>({ name: 'password' });
  const [workspace, setWorkspace] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [notice, setNotice] = useState(props.notice ?? '');
  const [ssoOnly, setSsoOnly] = useState(false);
  const action = useAction();
  const { busy, error } = action;

  const run = (work: () => Promise<void>) => {
    setNotice('');
    return action.run(work);
  };

  const signIn = () =>
    run(async () => {
      try {
        const session = await api<Session>(
          'POST',
          '/api/auth/sign-in',
          { workspace: workspace.trim(), email: email.trim(), password },
          { signInFlow: true },
        );
        props.onSignedIn(session);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'password_expired') {
          const token = (e.details as { token?: string } | undefined)?.token;
          if (token) {
            setPassword('');
            setMode({ name: 'expired', token });
            return;
          }
        }
        if (e instanceof ApiError && (e.details as { sso?: boolean } | undefined)?.sso) setSsoOnly(true);
        throw e;
      }
    });

  const setExpired = (token: string) =>
    run(async () => {
      if (newPassword !== repeat) throw new Error(t.mismatch);
      await api('POST', '/api/auth/password', { token, password: newPassword }, { signInFlow: true });
      setNewPassword('');
      setRepeat('');
      setMode({ name: 'password' });
      setNotice(t.passwordSet);
    });

  const forgot = () =>
    run(async () => {
      await api(
        'POST',
        '/api/auth/password/forgot',
        { workspace: workspace.trim(), email: email.trim() },
        { signInFlow: true },
      );
      setMode({ name: 'forgot', sent: true });
    });

  const ssoHref = `/auth/sso/${encodeURIComponent(workspace.trim())}${
    email.trim() ? `?login_hint=${encodeURIComponent(email.trim())}` : ''
  }`;

  return (
    <main id="main" class="sign-in">
      <h1>{mode.name === 'expired' ? t.expiredTitle : mode.name === 'forgot' ? t.forgotTitle : t.title}</h1>
      <p class="app-name">{strings.app.name}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBanner error={error} />

      {mode.name === 'password' && (
        <>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              signIn();
            }}
          >
            <FormField
              label={t.workspace}
              name="workspace"
              hint={t.workspaceHint}
              value={workspace}
              onInput={setWorkspace}
              autocomplete="organization"
              required
            />
            <FormField
              label={t.email}
              name="email"
              type="email"
              value={email}
              onInput={setEmail}
              autocomplete="username"
              required
            />
            {!ssoOnly && (
              <FormField
                label={t.password}
                name="password"
                type="password"
                value={password}
                onInput={setPassword}
                autocomplete="current-password"
                required
              />
            )}
            <div class="actions">
              {!ssoOnly && (
                <button type="submit" class="primary" disabled={busy}>
                  {busy ? strings.common.working : t.submit}
                </button>
              )}
              {workspace.trim() && (
                <a class={ssoOnly ? 'button primary' : 'button'} href={ssoHref}>
                  {t.sso}
                </a>
              )}
            </div>
          </form>
          {ssoOnly && <p class="hint">{t.ssoHint}</p>}
          <p>
            <button type="button" class="link" onClick={() => setMode({ name: 'forgot', sent: false })}>
              {t.forgot}
            </button>
          </p>
        </>
      )}

      {mode.name === 'forgot' && (
        <>
          {mode.sent ? (
            <p role="status">{t.forgotSent}</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                forgot();
              }}
            >
              <FormField
                label={t.workspace}
                name="workspace"
                hint={t.workspaceHint}
                value={workspace}
                onInput={setWorkspace}
                required
              />
              <FormField
                label={t.email}
                name="email"
                type="email"
                value={email}
                onInput={setEmail}
                autocomplete="username"
                required
              />
              <div class="actions">
                <button type="submit" class="primary" disabled={busy}>
                  {t.forgotSubmit}
                </button>
              </div>
            </form>
          )}
          <p>
            <button type="button" class="link" onClick={() => setMode({ name: 'password' })}>
              {t.back}
            </button>
          </p>
        </>
      )}

      {mode.name === 'expired' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setExpired(mode.token);
          }}
        >
          <p>{t.expiredIntro}</p>
          <FormField
            label={t.newPassword}
            name="new-password"
            type="password"
            hint={t.newPasswordHint}
            value={newPassword}
            onInput={setNewPassword}
            autocomplete="new-password"
            minLength={12}
            required
          />
          <FormField
            label={t.repeatPassword}
            name="repeat-password"
            type="password"
            value={repeat}
            onInput={setRepeat}
            autocomplete="new-password"
            minLength={12}
            required
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t.setSubmit}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}

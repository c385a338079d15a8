// The one screen of a session whose password expired while it was open (`passwordExpired` in
// `GET /api/auth/session`, or a 403 `password_expired` from the API): the current and a new
// password (`POST /api/auth/password/change`); every session of the user then ends, so the app
// goes back to sign-in with a notice.

import { useState } from 'preact/hooks';
import { api, fieldErrors } from '../api';
import { FormField } from '../components/form-field';
import { ErrorBanner } from '../components/status';
import { useAction } from '../components/use-action';
import { strings } from '../strings';

const t = strings.signIn;

export function PasswordChange(props: { onChanged: () => void; onSignOut: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { busy, error, setError, run } = useAction();
  const problems = fieldErrors(error);
  return (
    <main id="main" class="sign-in">
      <h1>{t.expiredTitle}</h1>
      <p class="app-name">{strings.app.name}</p>
      <ErrorBanner error={error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setMismatch(next !== repeat);
          if (next !== repeat) return setError(undefined);
          void run(async () => {
            await api('POST', '/api/auth/password/change', { currentPassword: current, newPassword: next });
            props.onChanged();
          });
        }}
      >
        <p>{t.expiredIntro}</p>
        <FormField
          label={t.currentPassword}
          name="current-password"
          type="password"
          value={current}
          onInput={setCurrent}
          autocomplete="current-password"
          required
          error={problems.currentPassword}
        />
        <FormField
          label={t.newPassword}
          name="new-password"
          type="password"
          hint={t.newPasswordHint}
          value={next}
          onInput={setNext}
          autocomplete="new-password"
          minLength={12}
          required
          error={problems.newPassword}
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
          error={mismatch ? t.mismatch : undefined}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t.setSubmit}
          </button>
          <button type="button" onClick={props.onSignOut}>
            {strings.app.signOut}
          </button>
        </div>
      </form>
    </main>
  );
}

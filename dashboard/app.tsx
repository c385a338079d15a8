// The app: the session decides between sign-in and the shell; the path picks the screen from the
// table (screens.ts), which opens only for a role with its permission. A session whose password
// expired sees only the password change.

import { useEffect, useState } from 'preact/hooks';
import { Loading } from './components/status';
import { matchPath, useLocation } from './router';
import { SCREENS } from './screens';
import { PasswordChange } from './screens/password-change';
import { SignIn } from './screens/sign-in';
import { may, useSession } from './session';
import { Shell } from './shell';
import { strings } from './strings';

export function App() {
  const { session, setSession, signOut } = useSession();
  const { path } = useLocation();
  const [notice, setNotice] = useState('');
  const found = SCREENS.map((s) => ({ screen: s, params: matchPath(s.path, path) })).find((m) => m.params);
  const title = !session
    ? strings.signIn.title
    : session.passwordExpired
      ? strings.signIn.expiredTitle
      : (found?.screen.title ?? strings.app.notFound);
  useEffect(() => {
    document.title = `${title} · ${strings.app.name}`;
  }, [title]);
  if (session === undefined) return <Loading />;
  if (session === null) return <SignIn onSignedIn={setSession} notice={notice} />;
  if (session.passwordExpired)
    return (
      <PasswordChange
        onChanged={() => {
          setNotice(strings.signIn.passwordChanged);
          setSession(null);
        }}
        onSignOut={signOut}
      />
    );
  const allowed = found && may(session, found.screen.permission);
  const Component = found?.screen.component;
  return (
    <Shell session={session} screens={SCREENS} current={found?.screen} title={title} onSignOut={signOut}>
      {!found && <p>{strings.app.notFound}</p>}
      {found && !allowed && (
        <p>{strings.app.notAllowed(strings.roles[session.user.role] ?? session.user.role)}</p>
      )}
      {Component && allowed && <Component key={path} params={found.params!} session={session} />}
    </Shell>
  );
}

// The signed-in session as the app knows it: loaded from `GET /api/auth/session` at start, set
// by the sign-in answer, dropped on sign-out or when the API answers 401. Its CSRF token goes to
// the API client; what the role may do comes from the role table in shared/access.ts. A password
// that expired during the session (`passwordExpired`, or the API's 403 `password_expired`) marks
// the session so the app shows only the password change.

import { useEffect, useState } from 'preact/hooks';
import { roleMay, type Permission, type Role } from '../shared/access';
import { api, useCsrfToken, whenPasswordExpired, whenSignedOut } from './api';

export type Session = {
  user: { id: string; email: string; role: Role };
  tenant: { id: string; name: string; slug: string; region: 'eu' | 'us'; workspace: string };
  permissions: Permission[];
  csrfToken: string;
  expiresAt: string;
  passwordExpired?: boolean;
};

export const may = (session: Session, permission: Permission) => roleMay(session.user.role, permission);

export function useSession() {
  const [session, setSessionState] = useState<Session | null | undefined>(undefined);
  const setSession = (s: Session | null) => {
    useCsrfToken(s?.csrfToken);
    setSessionState(s);
  };
  useEffect(() => {
    whenSignedOut(() => setSession(null));
    whenPasswordExpired(() => setSessionState((s) => s && { ...s, passwordExpired: true }));
    api<Session>('GET', '/api/auth/session', undefined, { signInFlow: true }).then(setSession, () =>
      setSession(null),
    );
  }, []);
  const signOut = async () => {
    await api('POST', '/api/auth/sign-out', undefined, { signInFlow: true }).catch(() => undefined);
    setSession(null);
  };
  return { session, setSession, signOut };
}

// Users (`/api/v1/users`, owner): who may sign in, with role, status and password expiry; invite
// someone (a mail with a one-time link), change a role, disable or enable, remove. Each change is
// audited by the server and ends the person's sessions; the last enabled owner cannot go (409).

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { ROLES } from '../../shared/access';
import type { UserView } from '../../shared/schemas/admin';
import { api, fieldErrors, get } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { FieldRow, FormField, SelectField } from '../components/form-field';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDate, formatDateTime } from '../format';
import type { ScreenProps } from '../screens';
import { strings } from '../strings';

type User = z.infer<typeof UserView>;

const t = strings.users;
const ROLE_OPTIONS: [string, string][] = ROLES.map((r) => [r, strings.roles[r] ?? r]);

function RoleCell(props: { user: User; onChange: (role: string) => void; busy: boolean }) {
  const [role, setRole] = useState<string>(props.user.role);
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        props.onChange(role);
      }}
    >
      <SelectField
        label={t.roleOf(props.user.email)}
        name="role"
        value={role}
        onInput={setRole}
        options={ROLE_OPTIONS}
      />
      <button type="submit" disabled={props.busy || role === props.user.role}>
        {t.changeRole}
      </button>
    </form>
  );
}

export function Users({ session }: ScreenProps) {
  const [users, setUsers] = useState<User[]>();
  const [error, setError] = useState<unknown>();
  const [invite, setInvite] = useState({ email: '', role: 'marketer' });
  const inviting = useAction();
  const acting = useAction();
  const busy = inviting.busy || acting.busy;
  const [done, setDone] = useState('');
  const [removing, setRemoving] = useState<User>();
  const load = () => get<{ data: User[] }>('/api/v1/users').then((r) => setUsers(r.data), setError);
  useEffect(() => {
    load();
  }, []);

  const run = (action: () => Promise<string>, which: ReturnType<typeof useAction>) => {
    setDone('');
    return which.run(async () => {
      setDone(await action());
      await load();
    });
  };
  const path = (u: User) => `/api/v1/users/${encodeURIComponent(u.id)}`;
  const patch = (u: User, body: { role?: string; disabled?: boolean }, message: string) =>
    run(async () => {
      await api('PATCH', path(u), body);
      return message;
    }, acting);
  const problems = fieldErrors(inviting.error);
  return (
    <>
      <section aria-labelledby="invite-h">
        <h2 id="invite-h">{t.inviteTitle}</h2>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await run(async () => {
              const made = await api<User & { invitationSent: boolean }>('POST', '/api/v1/users', invite);
              return t.invited(made.email, made.invitationSent);
            }, inviting);
            if (ok) setInvite({ email: '', role: invite.role });
          }}
        >
          <FieldRow>
            <FormField
              label={t.email}
              name="email"
              type="email"
              required
              value={invite.email}
              onInput={(email) => setInvite({ ...invite, email })}
              error={problems.email}
            />
            <SelectField
              label={t.role}
              name="role"
              value={invite.role}
              onInput={(role) => setInvite({ ...invite, role })}
              options={ROLE_OPTIONS}
              error={problems.role}
            />
          </FieldRow>
          <ErrorBanner error={inviting.error} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? strings.common.working : t.invite}
            </button>
          </div>
        </form>
      </section>
      <div role="status" aria-live="polite">
        {done && <p class="notice">{done}</p>}
      </div>
      <ErrorBanner error={acting.error ?? error} />
      {!users && !error && <Loading />}
      {users && (
        <DataTable
          caption={t.caption}
          rows={users}
          rowKey={(u) => u.id}
          empty={t.empty}
          columns={[
            { header: t.email, cell: (u) => (u.id === session.user.id ? `${u.email} ${t.you}` : u.email) },
            {
              header: t.role,
              cell: (u) => (
                <RoleCell
                  user={u}
                  busy={busy}
                  onChange={(role) => patch(u, { role }, t.roleChanged(u.email, strings.roles[role] ?? role))}
                />
              ),
            },
            { header: t.status, cell: (u) => t.statuses[u.status] ?? u.status },
            { header: t.sso, cell: (u) => (u.sso ? strings.common.yes : strings.common.no) },
            { header: t.lastSignIn, cell: (u) => formatDateTime(u.lastSignInAt) },
            { header: t.passwordExpires, cell: (u) => formatDate(u.passwordExpiresAt) },
            {
              header: t.actions,
              cell: (u) => (
                <div class="actions">
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`${u.status === 'disabled' ? t.enable : t.disable} ${u.email}`}
                    onClick={() =>
                      u.status === 'disabled'
                        ? patch(u, { disabled: false }, t.enabledDone(u.email))
                        : patch(u, { disabled: true }, t.disabledDone(u.email))
                    }
                  >
                    {u.status === 'disabled' ? t.enable : t.disable}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    disabled={busy}
                    aria-label={`${t.remove} ${u.email}`}
                    onClick={() => {
                      acting.setError(undefined);
                      setRemoving(u);
                    }}
                  >
                    {t.remove}
                  </button>
                </div>
              ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={removing ? t.removeTitle(removing.email) : ''}
        confirmLabel={t.remove}
        danger
        busy={busy}
        error={acting.error}
        onConfirm={async () => {
          if (!removing) return;
          const gone = removing;
          const ok = await run(async () => {
            await api('DELETE', path(gone));
            return t.removed(gone.email);
          }, acting);
          if (ok) setRemoving(undefined);
        }}
        onCancel={() => setRemoving(undefined)}
      />
    </>
  );
}

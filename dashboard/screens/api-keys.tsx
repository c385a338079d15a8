// API keys (`/api/v1/api-keys`, owner): the workspace's keys with their scopes and last use,
// a new key with scopes chosen from the API's scopes (shared/access.ts), shown once in a
// secret box, and revoking one, after a confirmation.

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { API_SCOPES } from '../../shared/access';
import type { ApiKeyCreated, ApiKeyView } from '../../shared/schemas/admin';
import { api, fieldErrors, get } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { CheckboxField, FormField } from '../components/form-field';
import { SecretBox } from '../components/secret-box';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime } from '../format';
import { strings } from '../strings';

type ApiKey = z.infer<typeof ApiKeyView>;
type Created = z.infer<typeof ApiKeyCreated>;

const t = strings.apiKeys;

export function ApiKeys() {
  const [keys, setKeys] = useState<ApiKey[]>();
  const [error, setError] = useState<unknown>();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const creation = useAction();
  const [created, setCreated] = useState<Created>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const revocation = useAction();
  const busy = creation.busy || revocation.busy;
  const [done, setDone] = useState('');
  const load = () => get<{ data: ApiKey[] }>('/api/v1/api-keys').then((r) => setKeys(r.data), setError);
  useEffect(() => {
    load();
  }, []);

  const create = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setCreated(undefined);
    void creation.run(async () => {
      setCreated(await api<Created>('POST', '/api/v1/api-keys', { name, scopes }));
      setName('');
      setScopes([]);
      await load();
    });
  };
  const revoke = async () => {
    if (!revoking || busy) return;
    await revocation.run(async () => {
      await api('DELETE', `/api/v1/api-keys/${encodeURIComponent(revoking.id)}`);
      setDone(t.revokedDone(revoking.name));
      setRevoking(undefined);
      await load();
    });
  };
  const problems = fieldErrors(creation.error);
  return (
    <>
      <section aria-labelledby="new-key-h">
        <h2 id="new-key-h">{t.createTitle}</h2>
        <form onSubmit={create}>
          <FormField
            label={t.name}
            name="name"
            value={name}
            onInput={setName}
            required
            maxLength={100}
            error={problems.name}
          />
          <fieldset class="choices">
            <legend>{t.scopes}</legend>
            {API_SCOPES.map((scope) => (
              <CheckboxField
                key={scope}
                label={scope}
                name="scopes"
                checked={scopes.includes(scope)}
                onChange={(on) => setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
              />
            ))}
            {problems.scopes && <p class="field-error">{problems.scopes}</p>}
          </fieldset>
          <ErrorBanner error={creation.error} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? strings.common.working : t.create}
            </button>
          </div>
        </form>
        {created && (
          <div role="status">
            <p class="notice">{t.createdNote(created.name)}</p>
            <SecretBox label={t.key} secret={created.key} />
          </div>
        )}
      </section>
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <ErrorBanner error={error} />
      {!keys && !error && <Loading />}
      {keys && (
        <DataTable
          caption={t.caption}
          rows={keys}
          rowKey={(k) => k.id}
          empty={t.empty}
          columns={[
            { header: t.name, cell: (k) => k.name },
            { header: t.scopes, cell: (k) => k.scopes.join(', ') },
            { header: t.lastUsed, cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t.never) },
            { header: t.created, cell: (k) => formatDateTime(k.createdAt) },
            {
              header: t.status,
              cell: (k) =>
                k.revokedAt ? (
                  t.revoked(formatDateTime(k.revokedAt))
                ) : (
                  <button
                    type="button"
                    class="danger"
                    aria-label={`${t.revoke} ${k.name}`}
                    onClick={() => {
                      revocation.setError(undefined);
                      setRevoking(k);
                    }}
                  >
                    {t.revoke}
                  </button>
                ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        title={revoking ? t.revokeTitle(revoking.name) : ''}
        confirmLabel={t.revoke}
        danger
        busy={busy}
        error={revocation.error}
        onConfirm={revoke}
        onCancel={() => setRevoking(undefined)}
      />
    </>
  );
}

// Profile fields (`/api/v1/profile-fields`): what the workspace collects about a subscriber, with
// key, label, type and description; roles with `marketing.write` define a new one (a field for a
// special category of data is refused by the server, and its answer shown).

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { ProfileField } from '../../shared/schemas/lists';
import { api, fieldErrors, get, type Page } from '../api';
import { DataTable } from '../components/data-table';
import { FieldRow, FormField, SelectField, TextareaField } from '../components/form-field';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime } from '../format';
import type { ScreenProps } from '../screens';
import { may } from '../session';
import { strings } from '../strings';

type FieldView = z.infer<typeof ProfileField>;

const t = strings.profileFields;
const EMPTY = { key: '', label: '', type: 'text', description: '' };

function NewField(props: { onDone: (field: FieldView) => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const { busy, error, run } = useAction();
  const problems = fieldErrors(error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const made = await api<FieldView>('POST', '/api/v1/profile-fields', {
            key: draft.key,
            label: draft.label,
            type: draft.type,
            description: draft.description.trim() ? draft.description : null,
          });
          setDraft(EMPTY);
          props.onDone(made);
        });
      }}
    >
      <FieldRow>
        <FormField
          label={t.key}
          name="key"
          required
          hint={t.keyHint}
          value={draft.key}
          onInput={(key) => setDraft({ ...draft, key })}
          error={problems.key}
        />
        <FormField
          label={t.label}
          name="label"
          required
          value={draft.label}
          onInput={(label) => setDraft({ ...draft, label })}
          error={problems.label}
        />
        <SelectField
          label={t.type}
          name="type"
          value={draft.type}
          onInput={(type) => setDraft({ ...draft, type })}
          options={Object.entries(t.types)}
          error={problems.type}
        />
      </FieldRow>
      <TextareaField
        label={t.description}
        name="description"
        value={draft.description}
        onInput={(description) => setDraft({ ...draft, description })}
        error={problems.description}
      />
      <ErrorBanner error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t.create}
        </button>
      </div>
    </form>
  );
}

export function ProfileFields({ session }: ScreenProps) {
  const [fields, setFields] = useState<FieldView[]>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const load = () =>
    get<Page<FieldView>>('/api/v1/profile-fields', { limit: 100 }).then((r) => setFields(r.data), setError);
  useEffect(() => {
    load();
  }, []);
  return (
    <>
      <div role="status" aria-live="polite">
        {message && <p class="notice">{message}</p>}
      </div>
      {may(session, 'marketing.write') && (
        <section aria-labelledby="new-field-h">
          <h2 id="new-field-h">{t.createTitle}</h2>
          <NewField
            onDone={(f) => {
              setMessage(t.createdDone(f.label));
              load();
            }}
          />
        </section>
      )}
      <ErrorBanner error={error} />
      {!fields && !error && <Loading />}
      {fields && (
        <DataTable
          caption={t.caption}
          rows={fields}
          rowKey={(f) => f.id}
          empty={t.empty}
          columns={[
            { header: t.key, cell: (f) => <code>{f.key}</code> },
            { header: t.label, cell: (f) => f.label },
            { header: t.type, cell: (f) => t.types[f.type as keyof typeof t.types] ?? f.type },
            { header: t.description, cell: (f) => f.description ?? '—' },
            { header: t.created, cell: (f) => formatDateTime(f.createdAt) },
          ]}
        />
      )}
    </>
  );
}

// Messages (`/api/v1/messages`, `messages.manage`): the messages with their totals, and a new one
// to a list (subject, sender name, HTML and plain-text bodies, an optional time to send, an
// optional profile filter built from the workspace's profile fields). Each
// message opens its own screen (message.tsx) with its recipients.

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { List } from '../../shared/schemas/lists';
import type { MessageView } from '../../shared/schemas/messages';
import { api, fieldErrors, get, type Page } from '../api';
import { PagedTable, usePages } from '../components/data-table';
import { FieldRow, FormField, SelectField, TextareaField } from '../components/form-field';
import { Link } from '../components/link';
import { ErrorBanner } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime, formatNumber } from '../format';
import { strings } from '../strings';

export type Message = z.infer<typeof MessageView>;
type ListView = z.infer<typeof List>;

const t = strings.messages;
const EMPTY = { listId: '', subject: '', fromName: '', html: '', text: '', sendAt: '' };

type Condition = { field: string; values: string };

const valuesOf = (c: Condition) =>
  c.values
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** `{ field: value | [values] }` as `POST /api/v1/messages` takes it; undefined without conditions. */
function profileFilterOf(conditions: Condition[]): Record<string, string | string[]> | undefined {
  const filter: Record<string, string | string[]> = {};
  for (const c of conditions) {
    const values = valuesOf(c);
    const all = [...(filter[c.field] ?? []), ...values];
    filter[c.field] = all.length === 1 ? all[0]! : all;
  }
  return Object.keys(filter).length ? filter : undefined;
}

/** The optional audience by profile value: rows of a field and its values. */
function ProfileConditions(props: {
  fields: { key: string; label: string }[];
  conditions: Condition[];
  onChange: (conditions: Condition[]) => void;
  /** Set once a send was tried: a condition without a value is then marked. */
  checked: boolean;
  error?: string;
}) {
  const { conditions, onChange } = props;
  const change = (i: number, c: Partial<Condition>) =>
    onChange(conditions.map((old, j) => (j === i ? { ...old, ...c } : old)));
  return (
    <fieldset class="choices" aria-invalid={props.error ? true : undefined}>
      <legend>{t.audience}</legend>
      <p class="hint">{props.fields.length ? t.audienceHint : t.noProfileFields}</p>
      {conditions.map((c, i) => (
        <FieldRow key={i}>
          <SelectField
            label={`${t.profileField} ${i + 1}`}
            name="profileField"
            value={c.field}
            onInput={(field) => change(i, { field })}
            options={props.fields.map((f) => [f.key, `${f.label} (${f.key})`])}
          />
          <FormField
            label={`${t.profileValues} ${i + 1}`}
            name="profileValues"
            hint={t.profileValuesHint}
            value={c.values}
            onInput={(values) => change(i, { values })}
            error={props.checked && valuesOf(c).length === 0 ? t.profileValuesMissing : undefined}
          />
          <button type="button" onClick={() => onChange(conditions.filter((_, j) => j !== i))}>
            {t.removeCondition(i + 1)}
          </button>
        </FieldRow>
      ))}
      {props.fields.length > 0 && (
        <button
          type="button"
          onClick={() => onChange([...conditions, { field: props.fields[0]!.key, values: '' }])}
        >
          {t.addCondition}
        </button>
      )}
      {props.error && <p class="field-error">{props.error}</p>}
    </fieldset>
  );
}

function NewMessage(props: { onDone: (m: Message) => void }) {
  const [lists, setLists] = useState<ListView[]>([]);
  const [fields, setFields] = useState<{ key: string; label: string }[]>([]);
  const [conditions, setConditions] = useState<Condition[]>([]);
  const [tried, setTried] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    get<Page<ListView>>('/api/v1/lists', { limit: 100 }).then((r) => {
      setLists(r.data);
      setForm((f) => ({ ...f, listId: f.listId || (r.data[0]?.id ?? '') }));
    }, setError);
    get<Page<{ key: string; label: string }>>('/api/v1/profile-fields', { limit: 100 }).then(
      (r) => setFields(r.data),
      setError,
    );
  }, []);
  const problems = fieldErrors(error);
  const profile = profileFilterOf(conditions);
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm({ ...form, [k]: v });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        // A condition left without a value would silently widen the audience: not sent.
        if (conditions.some((c) => valuesOf(c).length === 0)) return;
        void run(async () => {
          const made = await api<Message>('POST', '/api/v1/messages', {
            listId: form.listId,
            subject: form.subject,
            ...(form.fromName.trim() ? { fromName: form.fromName.trim() } : {}),
            ...(form.html.trim() ? { html: form.html } : {}),
            ...(form.text.trim() ? { text: form.text } : {}),
            ...(form.sendAt ? { sendAt: new Date(form.sendAt).toISOString() } : {}),
            ...(profile ? { profile } : {}),
          });
          setForm({ ...EMPTY, listId: form.listId });
          setConditions([]);
          setTried(false);
          props.onDone(made);
        });
      }}
    >
      <SelectField
        label={t.list}
        name="listId"
        required
        value={form.listId}
        onInput={set('listId')}
        options={lists.map((l) => [l.id, l.name])}
        hint={lists.length ? undefined : t.noLists}
        error={problems.listId}
      />
      <FormField
        label={t.subject}
        name="subject"
        required
        value={form.subject}
        onInput={set('subject')}
        error={problems.subject}
      />
      <FormField
        label={t.fromName}
        name="fromName"
        hint={t.fromNameHint}
        value={form.fromName}
        onInput={set('fromName')}
        error={problems.fromName}
      />
      <TextareaField
        label={t.html}
        name="html"
        rows={6}
        hint={t.bodiesHint}
        value={form.html}
        onInput={set('html')}
        error={problems.html}
      />
      <TextareaField
        label={t.text}
        name="text"
        rows={6}
        value={form.text}
        onInput={set('text')}
        error={problems.text}
      />
      <FormField
        label={t.sendAt}
        name="sendAt"
        type="datetime-local"
        hint={t.sendAtHint}
        value={form.sendAt}
        onInput={set('sendAt')}
        error={problems.sendAt}
      />
      <ProfileConditions
        fields={fields}
        conditions={conditions}
        onChange={setConditions}
        checked={tried}
        error={problems.profile ?? Object.entries(problems).find(([p]) => p.startsWith('profile.'))?.[1]}
      />
      <ErrorBanner error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !form.listId}>
          {form.sendAt ? t.schedule : t.create}
        </button>
      </div>
    </form>
  );
}

export function Messages() {
  const [reload, setReload] = useState(0);
  const [message, setMessage] = useState('');
  const pages = usePages<Message>(
    (cursor) => get<Page<Message>>('/api/v1/messages', { cursor }),
    String(reload),
  );
  return (
    <>
      <section aria-labelledby="new-message-h">
        <h2 id="new-message-h">{t.createTitle}</h2>
        <NewMessage
          onDone={(m) => {
            setMessage(t.createdDone(m.subject));
            setReload((r) => r + 1);
          }}
        />
      </section>
      <div role="status" aria-live="polite">
        {message && <p class="notice">{message}</p>}
      </div>
      <PagedTable
        pages={pages}
        caption={t.caption}
        rowKey={(m) => m.id}
        empty={t.empty}
        columns={[
          {
            header: t.subject,
            cell: (m) => <Link to={`/messages/${encodeURIComponent(m.id)}`}>{m.subject}</Link>,
          },
          { header: t.status, cell: (m) => m.status },
          { header: t.recipients, cell: (m) => formatNumber(m.totals.recipients), numeric: true },
          { header: t.sent, cell: (m) => formatNumber(m.totals.sent), numeric: true },
          { header: t.queued, cell: (m) => formatNumber(m.totals.queued), numeric: true },
          { header: t.failed, cell: (m) => formatNumber(m.totals.failed), numeric: true },
          { header: t.skipped, cell: (m) => formatNumber(m.totals.skipped), numeric: true },
          { header: t.sendAt, cell: (m) => formatDateTime(m.sendAt ?? m.createdAt) },
        ]}
      />
    </>
  );
}

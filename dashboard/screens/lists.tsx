// Lists and notice versions (`/api/v1/lists`, `/api/v1/notices`): the lists with purpose, lawful
// basis, double opt-in and retention; the published notice texts by key, language and version.
// Defining a list and publishing a notice version are offered to roles with `marketing.write`.

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { List, Notice } from '../../shared/schemas/lists';
import { api, fieldErrors, get, type Page } from '../api';
import { DataTable, PagedTable, usePages } from '../components/data-table';
import { CheckboxField, FieldRow, FormField, SelectField, TextareaField } from '../components/form-field';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime } from '../format';
import type { ScreenProps } from '../screens';
import { may } from '../session';
import { strings } from '../strings';

type ListView = z.infer<typeof List>;
type NoticeView = z.infer<typeof Notice>;

const t = strings.lists;
const EMPTY_LIST = { name: '', purpose: '', lawfulBasis: 'consent', doubleOptIn: true, retentionDays: '' };

function NewList(props: { onDone: (name: string) => void }) {
  const [form, setForm] = useState(EMPTY_LIST);
  const { busy, error, run } = useAction();
  const problems = fieldErrors(error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const made = await api<ListView>('POST', '/api/v1/lists', {
            name: form.name,
            purpose: form.purpose,
            lawfulBasis: form.lawfulBasis,
            doubleOptIn: form.doubleOptIn,
            ...(form.retentionDays.trim() ? { retentionDays: Number(form.retentionDays) } : {}),
          });
          setForm(EMPTY_LIST);
          props.onDone(made.name);
        });
      }}
    >
      <FieldRow>
        <FormField
          label={t.name}
          name="name"
          required
          value={form.name}
          onInput={(name) => setForm({ ...form, name })}
          error={problems.name}
        />
        <SelectField
          label={t.lawfulBasis}
          name="lawfulBasis"
          value={form.lawfulBasis}
          onInput={(lawfulBasis) => setForm({ ...form, lawfulBasis })}
          options={Object.entries(t.bases)}
        />
        <FormField
          label={t.retentionDays}
          name="retentionDays"
          type="number"
          value={form.retentionDays}
          onInput={(retentionDays) => setForm({ ...form, retentionDays })}
          error={problems.retentionDays}
        />
      </FieldRow>
      <TextareaField
        label={t.purpose}
        name="purpose"
        hint={t.purposeHint}
        value={form.purpose}
        onInput={(purpose) => setForm({ ...form, purpose })}
        error={problems.purpose}
      />
      <CheckboxField
        label={t.doubleOptIn}
        name="doubleOptIn"
        checked={form.doubleOptIn}
        onChange={(doubleOptIn) => setForm({ ...form, doubleOptIn })}
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

function PublishNotice(props: { onDone: (n: NoticeView) => void }) {
  const [form, setForm] = useState({ key: '', language: 'en', text: '' });
  const { busy, error, run } = useAction();
  const problems = fieldErrors(error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          props.onDone(await api<NoticeView>('POST', '/api/v1/notices', form));
          setForm({ ...form, text: '' });
        });
      }}
    >
      <FieldRow>
        <FormField
          label={t.key}
          name="key"
          required
          hint={t.keyHint}
          value={form.key}
          onInput={(key) => setForm({ ...form, key })}
          error={problems.key}
        />
        <FormField
          label={t.language}
          name="language"
          required
          hint={t.languageHint}
          value={form.language}
          onInput={(language) => setForm({ ...form, language })}
          error={problems.language}
        />
      </FieldRow>
      <TextareaField
        label={t.text}
        name="text"
        rows={4}
        value={form.text}
        onInput={(text) => setForm({ ...form, text })}
        error={problems.text}
      />
      <ErrorBanner error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t.publish}
        </button>
      </div>
    </form>
  );
}

export function Lists({ session }: ScreenProps) {
  const [lists, setLists] = useState<ListView[]>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [noticeKey, setNoticeKey] = useState(0);
  const notices = usePages<NoticeView>(
    (cursor) => get<Page<NoticeView>>('/api/v1/notices', { cursor }),
    String(noticeKey),
  );
  const load = () =>
    get<Page<ListView>>('/api/v1/lists', { limit: 100 }).then((r) => setLists(r.data), setError);
  useEffect(() => {
    load();
  }, []);
  const writes = may(session, 'marketing.write');
  return (
    <>
      <div role="status" aria-live="polite">
        {message && <p class="notice">{message}</p>}
      </div>
      {writes && (
        <section aria-labelledby="new-list-h">
          <h2 id="new-list-h">{t.createTitle}</h2>
          <NewList
            onDone={(name) => {
              setMessage(t.createdDone(name));
              load();
            }}
          />
        </section>
      )}
      <ErrorBanner error={error} />
      {!lists && !error && <Loading />}
      {lists && (
        <DataTable
          caption={t.caption}
          rows={lists}
          rowKey={(l) => l.id}
          empty={t.empty}
          columns={[
            { header: t.name, cell: (l) => l.name },
            { header: t.purpose, cell: (l) => l.purpose },
            { header: t.lawfulBasis, cell: (l) => t.bases[l.lawfulBasis] ?? l.lawfulBasis },
            {
              header: t.doubleOptInShort,
              cell: (l) => (l.doubleOptIn ? strings.common.yes : strings.common.no),
            },
            { header: t.retentionDays, cell: (l) => l.retentionDays ?? '—', numeric: true },
            { header: t.created, cell: (l) => formatDateTime(l.createdAt) },
          ]}
        />
      )}
      <section aria-labelledby="notices-h">
        <h2 id="notices-h">{t.notices}</h2>
        {writes && (
          <>
            <h3>{t.publishTitle}</h3>
            <PublishNotice
              onDone={(n) => {
                setMessage(t.published(n.key, n.version));
                setNoticeKey((k) => k + 1);
              }}
            />
          </>
        )}
        <PagedTable
          pages={notices}
          caption={t.noticesCaption}
          rowKey={(n) => n.id}
          empty={t.noNotices}
          columns={[
            { header: t.key, cell: (n) => n.key },
            { header: t.language, cell: (n) => n.language },
            { header: t.version, cell: (n) => n.version, numeric: true },
            { header: t.text, cell: (n) => n.text },
            { header: t.created, cell: (n) => formatDateTime(n.createdAt) },
          ]}
        />
      </section>
    </>
  );
}

// Sign-up forms (`/api/v1/forms`): each form with its lists, and (`/api/v1/forms/{id}`) its
// current notice and embed code to copy: the script that renders it, or the plain HTML form a client site pastes (email,
// the unticked consent box with the exact notice text, the profile fields, the honeypot).
// Roles with `marketing.write` define a form and change one (form-editor.tsx).

import { useEffect, useState } from 'preact/hooks';
import { get, type Page } from '../api';
import { DataTable } from '../components/data-table';
import { ErrorBanner, Loading } from '../components/status';
import { formatDateTime } from '../format';
import type { ScreenProps } from '../screens';
import { may } from '../session';
import { strings } from '../strings';
import { FormEditor, type FormView } from './form-editor';

type FormRow = Pick<FormView, 'id' | 'name' | 'listIds' | 'createdAt'>;

const t = strings.forms;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The two ways a client site embeds a form, as text to paste. */
export function embedSnippets(form: FormView): { script: string; html: string } {
  const script = `<div id="signup"></div>\n<script src="${escapeHtml(form.embedUrl)}" data-target="#signup"></script>`;
  const html = [
    `<form method="post" action="${escapeHtml(form.actionUrl)}">`,
    `  <label>${t.emailLabel} <input type="email" name="email" required></label>`,
    ...form.fields.map((key) => `  <label>${escapeHtml(key)} <input name="${escapeHtml(key)}"></label>`),
    `  <label><input type="checkbox" name="consent" value="yes"> ${escapeHtml(form.notice.text)}</label>`,
    '  <input name="tm_hp" tabindex="-1" autocomplete="off" aria-hidden="true" style="position:absolute;left:-9999px">',
    `  <button type="submit">${t.submitLabel}</button>`,
    '</form>',
  ].join('\n');
  return { script, html };
}

function Snippet(props: { label: string; text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <figure>
      <figcaption>{props.label}</figcaption>
      <pre class="snippet">
        <code>{props.text}</code>
      </pre>
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard?.writeText(props.text).catch(() => undefined);
          setCopied(true);
        }}
      >
        {strings.common.copy}
      </button>
      <span class="hint" role="status" aria-live="polite">
        {copied ? ` ${strings.common.copied}` : ''}
      </span>
    </figure>
  );
}

export function Forms({ session }: ScreenProps) {
  const [forms, setForms] = useState<FormRow[]>();
  const [error, setError] = useState<unknown>();
  const [shown, setShown] = useState<FormView>();
  const [editing, setEditing] = useState<FormView>();
  const [showError, setShowError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const load = () =>
    get<Page<FormRow>>('/api/v1/forms', { limit: 100 }).then((r) => setForms(r.data), setError);
  useEffect(() => {
    load();
  }, []);
  if (error) return <ErrorBanner error={error} />;
  if (!forms) return <Loading />;
  const writes = may(session, 'marketing.write');
  const open = (f: FormRow, then: (form: FormView) => void) => {
    setShowError(undefined);
    get<FormView>(`/api/v1/forms/${encodeURIComponent(f.id)}`).then(then, setShowError);
  };
  const toggle = (f: FormRow) => {
    if (shown?.id === f.id) return setShown(undefined);
    setEditing(undefined);
    open(f, setShown);
  };
  const saved = (form: FormView, done: string) => {
    setMessage(done);
    setEditing(undefined);
    setShown(form);
    load();
  };
  const snippets = shown && embedSnippets(shown);
  return (
    <>
      <div role="status" aria-live="polite">
        {message && <p class="notice">{message}</p>}
      </div>
      {writes && !editing && (
        <section aria-labelledby="new-form-h">
          <h2 id="new-form-h">{t.createTitle}</h2>
          <FormEditor onDone={(form) => saved(form, t.createdDone(form.name))} />
        </section>
      )}
      {editing && (
        <section aria-labelledby="edit-form-h">
          <h2 id="edit-form-h">{t.editTitle(editing.name)}</h2>
          <FormEditor
            key={editing.id}
            saved={editing}
            onDone={(form) => saved(form, t.savedDone(form.name))}
            onCancel={() => setEditing(undefined)}
          />
        </section>
      )}
      <DataTable
        caption={t.caption}
        rows={forms}
        rowKey={(f) => f.id}
        empty={t.empty}
        columns={[
          { header: t.name, cell: (f) => f.name },
          { header: t.lists, cell: (f) => f.listIds.join(', ') },
          { header: t.created, cell: (f) => formatDateTime(f.createdAt) },
          {
            header: t.embed,
            cell: (f) => (
              <button type="button" aria-expanded={shown?.id === f.id} onClick={() => toggle(f)}>
                {shown?.id === f.id ? t.hide : t.show}
              </button>
            ),
          },
          ...(writes
            ? [
                {
                  header: t.change,
                  cell: (f: FormRow) => (
                    <button
                      type="button"
                      aria-label={t.editLabel(f.name)}
                      onClick={() =>
                        open(f, (form) => {
                          setShown(undefined);
                          setEditing(form);
                        })
                      }
                    >
                      {t.edit}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ErrorBanner error={showError} />
      {shown && snippets && (
        <section aria-labelledby="snippet-h">
          <h2 id="snippet-h">{t.snippetTitle(shown.name)}</h2>
          <p>
            {t.notice}: {shown.notice.key} v{shown.notice.version} ({shown.notice.language})
          </p>
          <Snippet label={t.scriptSnippet} text={snippets.script} />
          <Snippet label={t.htmlSnippet} text={snippets.html} />
        </section>
      )}
    </>
  );
}

// Defining and changing a sign-up form (`POST /api/v1/forms`, `PATCH /api/v1/forms/{id}`) with
// every field the API takes: name, lists, profile fields, notice text, language and key, the
// thank-you and error pages, the allowed origins; the server's validation errors beside each field.
// A change sends only what differs, so an untouched notice keeps its version.

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Notice } from '../../shared/schemas/lists';
import { api, fieldErrors, get, type Page } from '../api';
import { CheckboxField, FieldRow, FormField, TextareaField } from '../components/form-field';
import { ErrorBanner } from '../components/status';
import { useAction } from '../components/use-action';
import { strings } from '../strings';

/**
 * A form as `GET /api/v1/forms/{id}` answers it (`Form` in shared/schemas/forms.ts, written out:
 * that module's URL checks would pull the token helpers into the app's type check).
 */
export type FormView = {
  id: string;
  name: string;
  listIds: string[];
  fields: string[];
  notice: z.infer<typeof Notice>;
  thankYouUrl: string;
  errorUrl: string | null;
  allowedOrigins: string[];
  actionUrl: string;
  embedUrl: string;
  createdAt: string;
};

const t = strings.forms;

type Choice = { id: string; label: string };
type Draft = {
  name: string;
  listIds: string[];
  fields: string[];
  noticeText: string;
  language: string;
  noticeKey: string;
  thankYouUrl: string;
  errorUrl: string;
  allowedOrigins: string;
};

const EMPTY: Draft = {
  name: '',
  listIds: [],
  fields: [],
  noticeText: '',
  language: 'en',
  noticeKey: '',
  thankYouUrl: '',
  errorUrl: '',
  allowedOrigins: '',
};

const draftOf = (f: FormView): Draft => ({
  name: f.name,
  listIds: f.listIds,
  fields: f.fields,
  noticeText: f.notice.text,
  language: f.notice.language,
  noticeKey: f.notice.key,
  thankYouUrl: f.thankYouUrl,
  errorUrl: f.errorUrl ?? '',
  allowedOrigins: f.allowedOrigins.join('\n'),
});

const originsOf = (text: string) =>
  text
    .split(/\s+/)
    .map((o) => o.trim())
    .filter(Boolean);

/** The whole definition, as `POST /api/v1/forms` takes it. */
function inputOf(d: Draft) {
  return {
    name: d.name,
    listIds: d.listIds,
    fields: d.fields,
    notice: {
      text: d.noticeText,
      language: d.language,
      ...(d.noticeKey.trim() ? { key: d.noticeKey.trim() } : {}),
    },
    thankYouUrl: d.thankYouUrl,
    errorUrl: d.errorUrl.trim() ? d.errorUrl.trim() : null,
    allowedOrigins: originsOf(d.allowedOrigins),
  };
}

/** Only what changed against the saved form, as `PATCH /api/v1/forms/{id}` takes it. */
function patchOf(d: Draft, saved: FormView): Record<string, unknown> {
  const all = inputOf(d);
  const was = inputOf(draftOf(saved));
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(all) as (keyof typeof all)[])
    if (JSON.stringify(all[key]) !== JSON.stringify(was[key])) patch[key] = all[key];
  return patch;
}

/** The first message under `path` itself or any of its elements (`allowedOrigins.1`). */
const problemAt = (problems: Record<string, string>, path: string) =>
  problems[path] ?? Object.entries(problems).find(([p]) => p.startsWith(`${path}.`))?.[1];

function Choices(props: {
  legend: string;
  name: string;
  choices: Choice[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  empty: string;
  error?: string;
}) {
  return (
    <fieldset class="choices" aria-invalid={props.error ? true : undefined}>
      <legend>{props.legend}</legend>
      {props.choices.length === 0 && <p class="hint">{props.empty}</p>}
      {props.choices.map((c) => (
        <CheckboxField
          key={c.id}
          label={c.label}
          name={props.name}
          checked={props.chosen.includes(c.id)}
          onChange={(on) =>
            props.onChange(on ? [...props.chosen, c.id] : props.chosen.filter((id) => id !== c.id))
          }
        />
      ))}
      {props.error && <p class="field-error">{props.error}</p>}
    </fieldset>
  );
}

export function FormEditor(props: {
  saved?: FormView;
  onDone: (form: FormView) => void;
  onCancel?: () => void;
}) {
  const { saved } = props;
  const [draft, setDraft] = useState<Draft>(saved ? draftOf(saved) : EMPTY);
  const [lists, setLists] = useState<Choice[]>([]);
  const [fields, setFields] = useState<Choice[]>([]);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    get<Page<{ id: string; name: string }>>('/api/v1/lists', { limit: 100 }).then(
      (r) => setLists(r.data.map((l) => ({ id: l.id, label: l.name }))),
      setError,
    );
    get<Page<{ key: string; label: string }>>('/api/v1/profile-fields', { limit: 100 }).then(
      (r) => setFields(r.data.map((f) => ({ id: f.key, label: `${f.label} (${f.key})` }))),
      setError,
    );
  }, []);
  const problems = fieldErrors(error);
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const done = saved
        ? await api<FormView>('PATCH', `/api/v1/forms/${encodeURIComponent(saved.id)}`, patchOf(draft, saved))
        : await api<FormView>('POST', '/api/v1/forms', inputOf(draft));
      if (!saved) setDraft(EMPTY);
      props.onDone(done);
    });
  };
  return (
    <form onSubmit={save} noValidate>
      <FormField
        label={t.name}
        name="name"
        required
        maxLength={200}
        value={draft.name}
        onInput={(name) => set({ name })}
        error={problems.name}
      />
      <Choices
        legend={t.lists}
        name="listIds"
        choices={lists}
        chosen={draft.listIds}
        onChange={(listIds) => set({ listIds })}
        empty={t.noLists}
        error={problemAt(problems, 'listIds')}
      />
      <Choices
        legend={t.fields}
        name="fields"
        choices={fields}
        chosen={draft.fields}
        onChange={(chosen) => set({ fields: chosen })}
        empty={t.noFields}
        error={problemAt(problems, 'fields')}
      />
      <TextareaField
        label={t.noticeText}
        name="noticeText"
        required
        rows={4}
        hint={t.noticeTextHint}
        value={draft.noticeText}
        onInput={(noticeText) => set({ noticeText })}
        error={problems['notice.text'] ?? problems.notice}
      />
      <FieldRow>
        <FormField
          label={t.language}
          name="language"
          required
          hint={t.languageHint}
          value={draft.language}
          onInput={(language) => set({ language })}
          error={problems['notice.language']}
        />
        <FormField
          label={t.noticeKey}
          name="noticeKey"
          hint={t.noticeKeyHint}
          value={draft.noticeKey}
          onInput={(noticeKey) => set({ noticeKey })}
          error={problems['notice.key']}
        />
      </FieldRow>
      <FieldRow>
        <FormField
          label={t.thankYouUrl}
          name="thankYouUrl"
          type="url"
          required
          value={draft.thankYouUrl}
          onInput={(thankYouUrl) => set({ thankYouUrl })}
          error={problems.thankYouUrl}
        />
        <FormField
          label={t.errorUrl}
          name="errorUrl"
          type="url"
          hint={t.errorUrlHint}
          value={draft.errorUrl}
          onInput={(errorUrl) => set({ errorUrl })}
          error={problems.errorUrl}
        />
      </FieldRow>
      <TextareaField
        label={t.allowedOrigins}
        name="allowedOrigins"
        hint={t.allowedOriginsHint}
        value={draft.allowedOrigins}
        onInput={(allowedOrigins) => set({ allowedOrigins })}
        error={problemAt(problems, 'allowedOrigins')}
      />
      <ErrorBanner error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {saved ? t.save : t.create}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {strings.common.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

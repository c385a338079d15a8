// Webhook endpoints (`/api/v1/webhook-endpoints`, owner): the list with each endpoint's state,
// and a new endpoint (URL, description, event types from the catalogue) whose signing secret is
// shown once. Each endpoint opens its own screen (webhook.tsx) with its delivery log.

import { useEffect, useState } from 'preact/hooks';
import type { CreatedWebhookEndpoint, WebhookEndpoint } from '../../shared/schemas/webhooks';
import type { z } from 'zod';
import { api, fieldErrors, get } from '../api';
import { DataTable } from '../components/data-table';
import { CheckboxField, FormField } from '../components/form-field';
import { Link } from '../components/link';
import { SecretBox } from '../components/secret-box';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime } from '../format';
import { strings } from '../strings';

export type Endpoint = z.infer<typeof WebhookEndpoint>;
type Created = z.infer<typeof CreatedWebhookEndpoint>;

const t = strings.webhooks;

export const endpointStatus = (e: Endpoint) =>
  t.statuses[e.enabled ? 'enabled' : (e.disabledReason ?? 'disabled')] ?? '';

let subscribable: Promise<string[]> | undefined;

/** The event types an endpoint may subscribe to: the catalogue as the OpenAPI document lists it. */
function subscribableTypes(): Promise<string[]> {
  subscribable ??= get<{ webhooks?: Record<string, { post?: { 'x-subscribable'?: boolean } }> }>(
    '/api/openapi.json',
  ).then((doc) =>
    Object.entries(doc.webhooks ?? {})
      .filter(([, op]) => op.post?.['x-subscribable'])
      .map(([type]) => type),
  );
  return subscribable;
}

/** The event-type choice: every event, or some of the catalogue's types. */
export function EventTypesField(props: { value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const [types, setTypes] = useState<string[]>([]);
  useEffect(() => {
    subscribableTypes().then(setTypes, () => setTypes([]));
  }, []);
  const all = props.value.includes('*');
  const toggle = (type: string, on: boolean) =>
    props.onChange(
      on ? [...props.value.filter((v) => v !== '*'), type] : props.value.filter((v) => v !== type),
    );
  return (
    <fieldset class="choices">
      <legend>{t.events}</legend>
      <CheckboxField
        label={t.allEvents}
        name="eventTypes"
        checked={all}
        onChange={(on) => props.onChange(on ? ['*'] : [])}
      />
      {!all &&
        [...new Set([...types, ...props.value])].map((type) => (
          <CheckboxField
            key={type}
            label={type}
            name="eventTypes"
            checked={props.value.includes(type)}
            onChange={(on) => toggle(type, on)}
          />
        ))}
      {props.error && <p class="field-error">{props.error}</p>}
    </fieldset>
  );
}

export function Webhooks() {
  const [endpoints, setEndpoints] = useState<Endpoint[]>();
  const [error, setError] = useState<unknown>();
  const [form, setForm] = useState({ url: '', description: '', eventTypes: ['*'] });
  const { busy, error: createError, run } = useAction();
  const [created, setCreated] = useState<Created>();
  const load = () =>
    get<{ data: Endpoint[] }>('/api/v1/webhook-endpoints', { limit: 100 }).then(
      (r) => setEndpoints(r.data),
      setError,
    );
  useEffect(() => {
    load();
  }, []);
  const create = (e: Event) => {
    e.preventDefault();
    setCreated(undefined);
    void run(async () => {
      const made = await api<Created>('POST', '/api/v1/webhook-endpoints', {
        url: form.url.trim(),
        description: form.description.trim() || null,
        eventTypes: form.eventTypes,
      });
      setCreated(made);
      setForm({ url: '', description: '', eventTypes: ['*'] });
      await load();
    });
  };
  const problems = fieldErrors(createError);
  return (
    <>
      <section aria-labelledby="new-endpoint-h">
        <h2 id="new-endpoint-h">{t.createTitle}</h2>
        <form onSubmit={create}>
          <FormField
            label={t.url}
            name="url"
            type="url"
            required
            hint={t.urlHint}
            value={form.url}
            onInput={(url) => setForm({ ...form, url })}
            error={problems.url}
          />
          <FormField
            label={t.description}
            name="description"
            value={form.description}
            onInput={(description) => setForm({ ...form, description })}
            maxLength={500}
            error={problems.description}
          />
          <EventTypesField
            value={form.eventTypes}
            onChange={(eventTypes) => setForm({ ...form, eventTypes })}
            error={problems.eventTypes}
          />
          <ErrorBanner error={createError} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? strings.common.working : t.create}
            </button>
          </div>
        </form>
        {created && (
          <div role="status">
            <p class="notice">{t.createdTitle(created.url)}</p>
            <SecretBox label={t.secret} secret={created.secret} />
            <p>
              <Link to={`/webhooks/${encodeURIComponent(created.id)}`}>{t.toEndpoint}</Link>
            </p>
          </div>
        )}
      </section>
      <ErrorBanner error={error} />
      {!endpoints && !error && <Loading />}
      {endpoints && (
        <DataTable
          caption={t.caption}
          rows={endpoints}
          rowKey={(e) => e.id}
          empty={t.empty}
          columns={[
            { header: t.url, cell: (e) => <Link to={`/webhooks/${encodeURIComponent(e.id)}`}>{e.url}</Link> },
            { header: t.description, cell: (e) => e.description ?? '—' },
            { header: t.events, cell: (e) => e.eventTypes.join(', ') },
            { header: t.status, cell: endpointStatus },
            { header: t.created, cell: (e) => formatDateTime(e.createdAt) },
          ]}
        />
      )}
    </>
  );
}

// The consent log (`GET /api/v1/consent-events`, newest first, cursor paging) with its filters,
// and finding a subscriber by address (`POST /api/v1/subscribers/lookup`, the blind index) to open
// their timeline. EU subscribers appear under their pseudonym only (the API gives no address).

import type { z } from 'zod';
import { useState } from 'preact/hooks';
import type { ConsentEventView, SubscriberRefView } from '../../shared/schemas/consent-events';
import { api, get, type Page } from '../api';
import { PagedTable, usePages } from '../components/data-table';
import { FieldRow, FormField, SelectField } from '../components/form-field';
import { Link } from '../components/link';
import { ErrorBanner } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime } from '../format';
import { navigate } from '../router';
import { strings } from '../strings';

export type ConsentEvent = z.infer<typeof ConsentEventView>;
type SubscriberRef = z.infer<typeof SubscriberRefView>;

const t = strings.consent;
const EMPTY = { kind: '', region: '', from: '', to: '' };
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayEnd = (d: string) => (d ? new Date(`${d}T23:59:59.999`).toISOString() : undefined);

export const subscriberPath = (id: string) => `/subscribers/${encodeURIComponent(id)}`;

function Lookup() {
  const [email, setEmail] = useState('');
  const { busy, error, run } = useAction();
  return (
    <form
      aria-labelledby="lookup-h"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const found = await api<SubscriberRef>('POST', '/api/v1/subscribers/lookup', {
            email: email.trim(),
          });
          navigate(subscriberPath(found.id));
        });
      }}
    >
      <h2 id="lookup-h">{t.lookup}</h2>
      <FieldRow>
        <FormField
          label={t.address}
          name="email"
          type="email"
          hint={t.lookupHint}
          value={email}
          onInput={setEmail}
          autocomplete="off"
          required
        />
      </FieldRow>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t.find}
        </button>
      </div>
      <ErrorBanner error={error} />
    </form>
  );
}

export function eventColumns() {
  return [
    { header: t.when, cell: (e: ConsentEvent) => formatDateTime(e.occurredAt) },
    { header: t.kind, cell: (e: ConsentEvent) => t.kinds[e.kind] ?? e.kind },
    { header: t.list, cell: (e: ConsentEvent) => e.listId ?? '—' },
    { header: t.source, cell: (e: ConsentEvent) => e.source.type },
    {
      header: t.notice,
      cell: (e: ConsentEvent) => (e.notice ? `${e.notice.id} v${e.notice.version}` : '—'),
    },
  ];
}

export function Consent() {
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const pages = usePages<ConsentEvent>(
    (cursor) =>
      get<Page<ConsentEvent>>('/api/v1/consent-events', {
        kind: filters.kind,
        region: filters.region,
        from: dayStart(filters.from),
        to: dayEnd(filters.to),
        cursor,
      }),
    JSON.stringify(filters),
  );
  const field = (name: keyof typeof EMPTY) => ({
    name,
    value: draft[name],
    onInput: (v: string) => setDraft({ ...draft, [name]: v }),
  });
  return (
    <>
      <Lookup />
      <form
        aria-labelledby="search-h"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <h2 id="search-h">{t.search}</h2>
        <FieldRow>
          <SelectField
            label={t.kind}
            {...field('kind')}
            options={[['', strings.common.any], ...Object.entries(t.kinds)]}
          />
          <SelectField
            label={t.region}
            {...field('region')}
            options={[['', strings.common.any], ...Object.entries(t.regions)]}
          />
          <FormField label={t.from} type="date" {...field('from')} />
          <FormField label={t.to} type="date" {...field('to')} />
        </FieldRow>
        <div class="actions">
          <button type="submit" class="primary">
            {strings.common.search}
          </button>
        </div>
      </form>
      <PagedTable
        pages={pages}
        caption={t.searchCaption}
        rowKey={(e) => e.id}
        empty={t.empty}
        columns={[
          {
            header: t.subscriber,
            cell: (e) => (
              <Link to={subscriberPath(e.subscriber.id)}>{e.subscriber.email ?? e.subscriber.pseudonym}</Link>
            ),
          },
          ...eventColumns(),
        ]}
      />
    </>
  );
}

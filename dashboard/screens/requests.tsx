// The privacy-request queue (`GET /api/v1/privacy-requests`): the requests the filters select,
// the soonest due first, each with its countdown and the Art. 12(3) date beside the product's
// due date. The API lists newest first, so the queue reads the matching pages and sorts them.

import { useEffect, useState } from 'preact/hooks';
import { OPEN_STATUSES, REQUEST_KINDS, REQUEST_STATUSES } from '../../shared/request-lifecycle';
import { get, type Page } from '../api';
import { DataTable } from '../components/data-table';
import { FieldRow, SelectField } from '../components/form-field';
import { Link } from '../components/link';
import { ErrorBanner, Loading } from '../components/status';
import { daysUntil, formatDate } from '../format';
import type { PrivacyRequest } from '../requests-model';
import { navigate, useLocation } from '../router';
import { strings } from '../strings';

const t = strings.requests;
/** Pages of 100 the queue reads at most before it asks for narrower filters. */
const MAX_PAGES = 10;
const OPEN = 'still_open';

async function loadQueue(status: string, kind: string) {
  const statuses = status === OPEN ? OPEN_STATUSES : [status];
  const rows: PrivacyRequest[] = [];
  let truncated = false;
  for (const s of statuses) {
    let cursor: string | undefined;
    for (let i = 0; ; i++) {
      if (i === MAX_PAGES) {
        truncated = true;
        break;
      }
      const page = await get<Page<PrivacyRequest>>('/api/v1/privacy-requests', {
        status: s,
        kind: kind || undefined,
        limit: 100,
        cursor,
      });
      rows.push(...page.data);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  }
  rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return { rows, truncated };
}

export function Countdown(props: { dueAt: string }) {
  const days = daysUntil(props.dueAt);
  return <span class={days < 0 ? 'overdue' : undefined}>{t.daysLeft(days)}</span>;
}

export function Requests() {
  const { search } = useLocation();
  const status = search.get('status') ?? OPEN;
  const kind = search.get('kind') ?? '';
  const [result, setResult] = useState<{ rows: PrivacyRequest[]; truncated: boolean }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setResult(undefined);
    setError(undefined);
    loadQueue(status, kind).then(setResult, setError);
  }, [status, kind]);
  const filter = (next: { status?: string; kind?: string }) => {
    const q = new URLSearchParams({ status: next.status ?? status, kind: next.kind ?? kind });
    if (!q.get('kind')) q.delete('kind');
    navigate(`/requests?${q}`, { replace: true });
  };
  return (
    <>
      <form aria-label={t.filters} onSubmit={(e) => e.preventDefault()}>
        <FieldRow>
          <SelectField
            label={t.status}
            name="status"
            value={status}
            onInput={(v) => filter({ status: v })}
            options={[
              [OPEN, t.onlyOpen],
              ...REQUEST_STATUSES.map((s): [string, string] => [s, t.statuses[s]!]),
            ]}
          />
          <SelectField
            label={t.kind}
            name="kind"
            value={kind}
            onInput={(v) => filter({ kind: v })}
            options={[
              ['', strings.common.any],
              ...REQUEST_KINDS.map((k): [string, string] => [k, t.kinds[k]!]),
            ]}
          />
        </FieldRow>
      </form>
      {error ? (
        <ErrorBanner error={error} />
      ) : !result ? (
        <Loading />
      ) : (
        <>
          {result.truncated && <p class="hint">{t.truncated(result.rows.length)}</p>}
          <DataTable
            caption={t.queueCaption}
            rows={result.rows}
            rowKey={(r) => r.id}
            empty={t.empty}
            columns={[
              {
                header: t.kind,
                cell: (r) => (
                  <Link to={`/requests/${encodeURIComponent(r.id)}`}>{t.kinds[r.kind] ?? r.kind}</Link>
                ),
              },
              { header: t.status, cell: (r) => t.statuses[r.status] ?? r.status },
              { header: t.received, cell: (r) => formatDate(r.receivedAt) },
              { header: t.due, cell: (r) => formatDate(r.dueAt) },
              { header: t.countdown, cell: (r) => <Countdown dueAt={r.dueAt} /> },
              { header: t.art12, cell: (r) => formatDate(r.monthDueAt) },
            ]}
          />
        </>
      )}
    </>
  );
}

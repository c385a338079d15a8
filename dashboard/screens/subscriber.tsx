// A subscriber's consent timeline (`GET /api/v1/consent-events?subscriberId=`) and the check of
// their hash chain (`GET /api/v1/subscribers/{id}/consent-chain`). Named as the events name them:
// the pseudonym, and the address only outside the EU.

import type { z } from 'zod';
import { useState } from 'preact/hooks';
import type { ChainVerdictView } from '../../shared/schemas/consent-events';
import { get, type Page } from '../api';
import { PagedTable, usePages } from '../components/data-table';
import { Link } from '../components/link';
import { ErrorBanner } from '../components/status';
import type { ScreenProps } from '../screens';
import { strings } from '../strings';
import { type ConsentEvent, eventColumns } from './consent';

type Verdict = z.infer<typeof ChainVerdictView>;
const t = strings.subscriber;

export function Subscriber({ params }: ScreenProps) {
  const id = params.id!;
  const pages = usePages<ConsentEvent>(
    (cursor) => get<Page<ConsentEvent>>('/api/v1/consent-events', { subscriberId: id, limit: 200, cursor }),
    id,
  );
  const [verdict, setVerdict] = useState<Verdict>();
  const [error, setError] = useState<unknown>();
  const [checking, setChecking] = useState(false);
  const who = pages.page?.data[0]?.subscriber;
  const check = async () => {
    setChecking(true);
    setError(undefined);
    setVerdict(undefined);
    try {
      setVerdict(await get<Verdict>(`/api/v1/subscribers/${encodeURIComponent(id)}/consent-chain`));
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  };
  return (
    <>
      <p>
        <Link to="/consent">{t.back}</Link>
      </p>
      {who && (
        <dl class="facts">
          <dt>{t.who}</dt>
          <dd data-subscriber={who.id}>
            {who.pseudonym}
            {who.email ? ` · ${who.email}` : ''}
          </dd>
        </dl>
      )}
      {who && !who.email && <p class="hint">{t.pseudonymOnly}</p>}
      <section aria-labelledby="chain-h">
        <h2 id="chain-h">{t.chain}</h2>
        <div class="actions">
          <button type="button" onClick={check} disabled={checking}>
            {checking ? strings.common.working : t.check}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {verdict &&
            (verdict.ok ? (
              <p class="notice">{t.chainOk(verdict.events)}</p>
            ) : (
              <p class="error-banner">{t.chainBroken(verdict.brokenAt ?? 0, verdict.reason ?? '')}</p>
            ))}
        </div>
        <ErrorBanner error={error} />
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t.title}</h2>
        <PagedTable
          pages={pages}
          caption={t.timelineCaption}
          rowKey={(e) => e.id}
          empty={t.empty}
          columns={[{ header: t.seq, numeric: true, cell: (e) => e.seq }, ...eventColumns()]}
        />
      </section>
    </>
  );
}

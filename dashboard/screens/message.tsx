// One message (`/api/v1/messages/{id}`): its status, profile filter and totals (skipped by reason, each reason in words), its
// recipients and their outcomes (`/recipients`; EU subscribers by pseudonym, never an address),
// and cancelling it while it is not sent yet.

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { RecipientView } from '../../shared/schemas/messages';
import { api, get, type Page } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { PagedTable, usePages } from '../components/data-table';
import { Link } from '../components/link';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime, formatNumber } from '../format';
import type { ScreenProps } from '../screens';
import { strings } from '../strings';
import type { Message } from './messages';

type Recipient = z.infer<typeof RecipientView>;

const t = strings.message;
const tm = strings.messages;
const CANCELLABLE = ['draft', 'scheduled', 'queued', 'sending'];
const reasonLabel = (reason: string) => t.skipReasons[reason] ?? reason;
const filterText = (filter: NonNullable<Message['profile']>) =>
  Object.entries(filter)
    .map(([field, v]) => `${field}: ${(Array.isArray(v) ? v : [v]).join(' | ')}`)
    .join('; ');

export function MessagePage({ params }: ScreenProps) {
  const id = params.id!;
  const path = `/api/v1/messages/${encodeURIComponent(id)}`;
  const [message, setMessage] = useState<Message>();
  const [error, setError] = useState<unknown>();
  const [cancelling, setCancelling] = useState(false);
  const cancel = useAction();
  const [done, setDone] = useState('');
  const recipients = usePages<Recipient>(
    (cursor) => get<Page<Recipient>>(`${path}/recipients`, { cursor }),
    `${id}:${done}`,
  );
  useEffect(() => {
    get<Message>(path).then(setMessage, setError);
  }, [id, done]);
  if (error) return <ErrorBanner error={error} />;
  if (!message) return <Loading />;
  const totals = message.totals;
  return (
    <>
      <p>
        <Link to="/messages">{t.back}</Link>
      </p>
      <div role="status" aria-live="polite">
        {done && <p class="notice">{done}</p>}
      </div>
      <dl class="facts">
        <dt>{tm.subject}</dt>
        <dd>{message.subject}</dd>
        <dt>{tm.status}</dt>
        <dd>{message.status}</dd>
        <dt>{tm.sendAt}</dt>
        <dd>{formatDateTime(message.sendAt ?? message.createdAt)}</dd>
        <dt>{tm.recipients}</dt>
        <dd>{formatNumber(totals.recipients)}</dd>
        <dt>{tm.sent}</dt>
        <dd>{formatNumber(totals.sent)}</dd>
        <dt>{tm.queued}</dt>
        <dd>{formatNumber(totals.queued)}</dd>
        <dt>{tm.failed}</dt>
        <dd>{formatNumber(totals.failed)}</dd>
        <dt>{t.profileFilter}</dt>
        <dd>{message.profile ? filterText(message.profile) : t.noProfileFilter}</dd>
        <dt>{t.skippedBy}</dt>
        <dd>
          {Object.entries(totals.skippedByReason)
            .map(([reason, n]) => `${reasonLabel(reason)}: ${formatNumber(n)}`)
            .join(', ') || formatNumber(totals.skipped)}
        </dd>
      </dl>
      {CANCELLABLE.includes(message.status) && (
        <div class="actions">
          <button type="button" class="danger" onClick={() => setCancelling(true)}>
            {t.cancel}
          </button>
        </div>
      )}
      <PagedTable
        pages={recipients}
        caption={t.recipientsCaption}
        rowKey={(r) => r.subscriberId}
        empty={t.noRecipients}
        columns={[
          { header: t.subscriber, cell: (r) => r.email ?? r.pseudonym ?? r.subscriberId },
          {
            header: t.outcome,
            cell: (r) => (r.skipReason ? `${r.status} (${reasonLabel(r.skipReason)})` : r.status),
          },
          { header: t.attempts, cell: (r) => r.attempts, numeric: true },
        ]}
      />
      <ConfirmDialog
        open={cancelling}
        title={t.cancelTitle}
        confirmLabel={t.cancel}
        danger
        busy={cancel.busy}
        error={cancel.error}
        onConfirm={() =>
          cancel.run(async () => {
            await api('POST', `${path}/cancel`);
            setCancelling(false);
            setDone(t.cancelled);
          })
        }
        onCancel={() => setCancelling(false)}
      />
    </>
  );
}

// One privacy request (`GET /api/v1/privacy-requests/{id}`): its facts, both due dates, its
// history, and the actions its status and kind allow (requests-model.ts); with a role lacking
// `requests.manage` none is offered. Reject asks for a ground, extend for days and a reason.

import { useEffect, useState } from 'preact/hooks';
import { MAX_EXTENSION_DAYS } from '../../shared/due-dates';
import { REJECT_REASON_CODES } from '../../shared/request-lifecycle';
import { api, get } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { FormField, SelectField, TextareaField } from '../components/form-field';
import { Link } from '../components/link';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDate, formatDateTime } from '../format';
import { actionPath, allowedButtons, type PrivacyRequest, type RequestButton } from '../requests-model';
import type { ScreenProps } from '../screens';
import { may } from '../session';
import { strings } from '../strings';
import { Countdown } from './requests';

const t = strings.request;
const tq = strings.requests;

function bodyOf(button: RequestButton, f: { note: string; reason: string; days: string }) {
  if (button === 'reject') return { reason: f.reason, ...(f.note.trim() ? { text: f.note.trim() } : {}) };
  if (button === 'extend') return { days: Number(f.days), reason: f.note.trim() };
  return f.note.trim() ? { note: f.note.trim() } : {};
}

export function RequestPage({ params, session }: ScreenProps) {
  const [request, setRequest] = useState<PrivacyRequest>();
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState<RequestButton>();
  const [form, setForm] = useState({ note: '', reason: REJECT_REASON_CODES[0] as string, days: '30' });
  const { busy, error: actionError, setError: setActionError, run } = useAction();
  const [done, setDone] = useState('');
  const id = params.id!;
  const load = () =>
    get<PrivacyRequest>(`/api/v1/privacy-requests/${encodeURIComponent(id)}`).then(setRequest, setError);
  useEffect(() => {
    load();
  }, [id]);

  if (error) return <ErrorBanner error={error} />;
  if (!request) return <Loading />;
  const buttons = may(session, 'requests.manage') ? allowedButtons(request) : [];
  const open = (b: RequestButton) => {
    setForm({ note: '', reason: REJECT_REASON_CODES[0], days: '30' });
    setActionError(undefined);
    setPending(b);
  };
  const perform = async () => {
    if (!pending) return;
    await run(async () => {
      await api('POST', actionPath(id, pending), bodyOf(pending, form));
      setPending(undefined);
      // "Done" is said once the request is shown as it now stands.
      await load();
      setDone(t.done(t.actionLabels[pending]!));
    });
  };
  return (
    <>
      <p>
        <Link to="/requests">{t.back}</Link>
      </p>
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <section aria-labelledby="facts-h">
        <h2 id="facts-h">{t.facts}</h2>
        <dl class="facts">
          <dt>{tq.kind}</dt>
          <dd>{tq.kinds[request.kind] ?? request.kind}</dd>
          <dt>{tq.status}</dt>
          <dd data-status={request.status}>{tq.statuses[request.status] ?? request.status}</dd>
          <dt>{t.channel}</dt>
          <dd>{request.channel}</dd>
          <dt>{t.subject}</dt>
          <dd>
            {request.subscriberId ? (
              <Link to={`/subscribers/${encodeURIComponent(request.subscriberId)}`}>
                {request.subscriberId}
              </Link>
            ) : (
              '—'
            )}
          </dd>
          <dt>{tq.received}</dt>
          <dd>{formatDateTime(request.receivedAt)}</dd>
          <dt>{tq.due}</dt>
          <dd>
            {formatDate(request.dueAt)}
            {!request.resolvedAt && (
              <>
                {' '}
                (<Countdown dueAt={request.dueAt} />)
              </>
            )}
          </dd>
          <dt>{tq.art12}</dt>
          <dd>{formatDate(request.monthDueAt)}</dd>
        </dl>
      </section>

      <section aria-labelledby="actions-h">
        <h2 id="actions-h">{t.actions}</h2>
        {buttons.length === 0 ? (
          <p class="hint">{t.noActions}</p>
        ) : (
          <div class="actions">
            {buttons.map((b) => (
              <button
                key={b}
                type="button"
                class={b === 'reject' ? 'danger' : undefined}
                onClick={() => open(b)}
              >
                {t.actionLabels[b]}
              </button>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="history-h">
        <h2 id="history-h">{t.history}</h2>
        <DataTable
          caption={t.historyCaption}
          rows={request.history ?? []}
          rowKey={(h) => `${h.at}-${h.action}-${h.to}`}
          empty="—"
          columns={[
            { header: t.when, cell: (h) => formatDateTime(h.at) },
            { header: t.what, cell: (h) => `${h.action}: ${tq.statuses[h.to] ?? h.to}` },
            { header: t.who, cell: (h) => h.actor },
            { header: t.note, cell: (h) => h.note ?? '' },
          ]}
        />
      </section>

      <ConfirmDialog
        open={pending !== undefined}
        title={pending ? t.confirmTitle(t.actionLabels[pending]!) : ''}
        confirmLabel={pending ? t.actionLabels[pending]! : ''}
        danger={pending === 'reject'}
        busy={busy}
        error={actionError}
        onConfirm={perform}
        onCancel={() => setPending(undefined)}
      >
        {pending === 'reject' && (
          <SelectField
            label={t.rejectReason}
            name="reason"
            value={form.reason}
            onInput={(v) => setForm({ ...form, reason: v })}
            options={REJECT_REASON_CODES.map((c): [string, string] => [c, t.rejectReasons[c] ?? c])}
            required
          />
        )}
        {pending === 'extend' && (
          <FormField
            label={t.extendDays}
            name="days"
            type="number"
            hint={t.extendHint(MAX_EXTENSION_DAYS)}
            value={form.days}
            onInput={(v) => setForm({ ...form, days: v })}
            required
          />
        )}
        {pending && (
          <TextareaField
            label={pending === 'extend' || pending === 'reject' ? t.reason : t.note}
            name="note"
            hint={pending === 'extend' || pending === 'reject' ? t.reasonHint : undefined}
            value={form.note}
            onInput={(v) => setForm({ ...form, note: v })}
            required={pending === 'extend'}
          />
        )}
      </ConfirmDialog>
    </>
  );
}

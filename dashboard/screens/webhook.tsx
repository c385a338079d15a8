// One webhook endpoint (`/api/v1/webhook-endpoints/{id}`): its settings to edit (URL, description,
// event types, enabled), a test event, secret rotation (the new secret shown once), deletion, and
// its delivery log (`/api/v1/webhook-deliveries?endpointId=`) with each delivery's attempts, the
// replay of one, and the replay of the failed and dead ones since a time.

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type {
  ReplayResult,
  RotatedSecret,
  WebhookAttempt,
  WebhookDelivery,
} from '../../shared/schemas/webhooks';
import { api, fieldErrors, get, type Page } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable, PagedTable, usePages } from '../components/data-table';
import { CheckboxField, FormField } from '../components/form-field';
import { Link } from '../components/link';
import { SecretBox } from '../components/secret-box';
import { ErrorBanner, Loading } from '../components/status';
import { useAction } from '../components/use-action';
import { formatDateTime } from '../format';
import { navigate } from '../router';
import type { ScreenProps } from '../screens';
import { strings } from '../strings';
import { type Endpoint, EventTypesField, endpointStatus } from './webhooks';

type Delivery = z.infer<typeof WebhookDelivery>;
type Attempt = z.infer<typeof WebhookAttempt>;

const t = strings.webhook;
const tw = strings.webhooks;

function Attempts(props: { delivery: Delivery }) {
  const [attempts, setAttempts] = useState<Attempt[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    get<Delivery>(`/api/v1/webhook-deliveries/${encodeURIComponent(props.delivery.id)}`).then(
      (d) => setAttempts(d.attemptLog ?? []),
      setError,
    );
  }, [props.delivery.id, props.delivery.attempts]);
  if (error) return <ErrorBanner error={error} />;
  if (!attempts) return <Loading />;
  return (
    <DataTable
      caption={t.attemptsCaption(props.delivery.eventId)}
      rows={attempts}
      rowKey={(a) => `${a.round}.${a.attempt}`}
      empty={t.noDeliveries}
      columns={[
        { header: t.round, cell: (a) => a.round, numeric: true },
        { header: t.attempt, cell: (a) => a.attempt, numeric: true },
        { header: t.at, cell: (a) => formatDateTime(a.at) },
        { header: t.duration, cell: (a) => a.durationMs, numeric: true },
        { header: t.outcome, cell: (a) => `${a.outcome}${a.statusCode ? ` (${a.statusCode})` : ''}` },
        { header: t.error, cell: (a) => a.error ?? a.errorCode ?? '—' },
      ]}
    />
  );
}

function DeliveryLog(props: { endpointId: string; reloadKey: number }) {
  const [open, setOpen] = useState<string>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  const [since, setSince] = useState('');
  const pages = usePages<Delivery>(
    (cursor) => get<Page<Delivery>>('/api/v1/webhook-deliveries', { endpointId: props.endpointId, cursor }),
    `${props.endpointId}:${props.reloadKey}`,
  );
  const act = async (run: () => Promise<string>) => {
    setError(undefined);
    setMessage('');
    try {
      setMessage(await run());
      pages.reload();
    } catch (e) {
      setError(e);
    }
  };
  const opened = pages.page?.data.find((d) => d.id === open);
  return (
    <section aria-labelledby="deliveries-h">
      <h2 id="deliveries-h">{t.deliveries}</h2>
      <div class="actions">
        <button type="button" onClick={pages.reload}>
          {t.refresh}
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          act(async () => {
            const r = await api<z.infer<typeof ReplayResult>>(
              'POST',
              `/api/v1/webhook-endpoints/${encodeURIComponent(props.endpointId)}/replay`,
              { since: new Date(since).toISOString() },
            );
            return t.replayResult(r.replayed, r.more);
          });
        }}
      >
        <FormField
          label={t.replaySince}
          name="since"
          type="datetime-local"
          required
          value={since}
          onInput={setSince}
        />
        <div class="actions">
          <button type="submit">{t.replaySinceSubmit}</button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {message && <p class="notice">{message}</p>}
      </div>
      <ErrorBanner error={error} />
      <PagedTable
        pages={pages}
        caption={t.deliveriesCaption}
        rowKey={(d) => d.id}
        empty={t.noDeliveries}
        columns={[
          { header: t.event, cell: (d) => d.eventType },
          { header: t.deliveryStatus, cell: (d) => d.status },
          { header: t.attempts, cell: (d) => d.attempts, numeric: true },
          { header: t.lastStatus, cell: (d) => d.lastStatusCode ?? d.lastError ?? '—' },
          { header: t.created, cell: (d) => formatDateTime(d.createdAt) },
          {
            header: t.showAttempts,
            cell: (d) => (
              <div class="actions">
                <button
                  type="button"
                  aria-expanded={open === d.id}
                  onClick={() => setOpen(open === d.id ? undefined : d.id)}
                >
                  {open === d.id ? t.hideAttempts : t.showAttempts}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    act(async () => {
                      await api('POST', `/api/v1/webhook-deliveries/${encodeURIComponent(d.id)}/replay`);
                      return t.replayed;
                    })
                  }
                >
                  {t.replay}
                </button>
              </div>
            ),
          },
        ]}
      />
      {opened && <Attempts delivery={opened} />}
    </section>
  );
}

export function WebhookPage({ params }: ScreenProps) {
  const id = params.id!;
  const path = `/api/v1/webhook-endpoints/${encodeURIComponent(id)}`;
  const [endpoint, setEndpoint] = useState<Endpoint>();
  const [form, setForm] = useState({ url: '', description: '', eventTypes: [] as string[], enabled: true });
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [secret, setSecret] = useState<string>();
  const { busy, error: actionError, run } = useAction();
  const [dialog, setDialog] = useState<'rotate' | 'delete'>();
  const [reloadKey, setReloadKey] = useState(0);
  const show = (e: Endpoint) => {
    setEndpoint(e);
    setForm({ url: e.url, description: e.description ?? '', eventTypes: e.eventTypes, enabled: e.enabled });
  };
  useEffect(() => {
    get<Endpoint>(path).then(show, setError);
  }, [id]);
  const act = (work: () => Promise<string | undefined>) => {
    setMessage('');
    return run(async () => setMessage((await work()) ?? ''));
  };
  if (error) return <ErrorBanner error={error} />;
  if (!endpoint) return <Loading />;
  const problems = fieldErrors(actionError);
  return (
    <>
      <p>
        <Link to="/webhooks">{t.back}</Link>
      </p>
      <p>
        <strong>{endpoint.url}</strong> · {endpointStatus(endpoint)}
      </p>
      <div class="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            act(async () => {
              await api('POST', `${path}/test`);
              setReloadKey((k) => k + 1);
              return t.testSent;
            })
          }
        >
          {t.test}
        </button>
        <button type="button" disabled={busy} onClick={() => setDialog('rotate')}>
          {t.rotate}
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => setDialog('delete')}>
          {t.remove}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {message && <p class="notice">{message}</p>}
      </div>
      {secret && <SecretBox label={t.newSecret} secret={secret} />}
      {!dialog && <ErrorBanner error={actionError} />}
      <section aria-labelledby="edit-h">
        <h2 id="edit-h">{t.edit}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            act(async () => {
              show(
                await api<Endpoint>('PATCH', path, {
                  url: form.url.trim(),
                  description: form.description.trim() || null,
                  eventTypes: form.eventTypes,
                  enabled: form.enabled,
                }),
              );
              return t.saved;
            });
          }}
        >
          <FormField
            label={tw.url}
            name="url"
            type="url"
            required
            value={form.url}
            onInput={(url) => setForm({ ...form, url })}
            error={problems.url}
          />
          <FormField
            label={tw.description}
            name="description"
            value={form.description}
            onInput={(description) => setForm({ ...form, description })}
            error={problems.description}
          />
          <EventTypesField
            value={form.eventTypes}
            onChange={(eventTypes) => setForm({ ...form, eventTypes })}
            error={problems.eventTypes}
          />
          <CheckboxField
            label={tw.enabled}
            name="enabled"
            checked={form.enabled}
            onChange={(enabled) => setForm({ ...form, enabled })}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t.save}
            </button>
          </div>
        </form>
      </section>
      <DeliveryLog endpointId={id} reloadKey={reloadKey} />
      <ConfirmDialog
        open={dialog === 'rotate'}
        title={t.rotateTitle}
        confirmLabel={t.rotate}
        busy={busy}
        error={actionError}
        onConfirm={async () => {
          const ok = await act(async () => {
            const r = await api<z.infer<typeof RotatedSecret>>('POST', `${path}/rotate-secret`, {});
            setSecret(r.secret);
            return undefined;
          });
          if (ok) setDialog(undefined);
        }}
        onCancel={() => setDialog(undefined)}
      >
        <p>{t.rotateIntro}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        title={t.removeTitle}
        confirmLabel={t.remove}
        danger
        busy={busy}
        error={actionError}
        onConfirm={async () => {
          const ok = await act(async () => {
            await api('DELETE', path);
            return undefined;
          });
          if (ok) navigate('/webhooks');
        }}
        onCancel={() => setDialog(undefined)}
      />
    </>
  );
}

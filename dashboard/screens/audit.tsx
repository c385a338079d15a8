// The audit log (`GET /api/v1/audit-log`, newest first, cursor paging): search by actor, action,
// target and time; verify the hash chain (`/verify`); download the matching rows as CSV
// (`/export`, a plain link: the session cookie goes with it). Owner and auditor.

import type { z } from 'zod';
import { useState } from 'preact/hooks';
import type { AuditRowView, AuditVerdictView } from '../../shared/schemas/admin';
import { get, type Page, withQuery } from '../api';
import { PagedTable, usePages } from '../components/data-table';
import { FieldRow, FormField, SelectField } from '../components/form-field';
import { ErrorBanner } from '../components/status';
import { formatDateTime } from '../format';
import { strings } from '../strings';

type AuditRow = z.infer<typeof AuditRowView>;
type Verdict = z.infer<typeof AuditVerdictView>;

const t = strings.audit;
const EMPTY = { actorType: '', actorId: '', action: '', targetId: '', from: '', to: '' };

/** `<input type="date">` gives a day; the API wants an instant: the day's start, or its end for `to`. */
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayEnd = (d: string) => (d ? new Date(`${d}T23:59:59.999`).toISOString() : undefined);

export function Audit() {
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [verdict, setVerdict] = useState<Verdict>();
  const [verifyError, setVerifyError] = useState<unknown>();
  const [verifying, setVerifying] = useState(false);
  const query = { ...filters, from: dayStart(filters.from), to: dayEnd(filters.to) };
  const pages = usePages<AuditRow>(
    (cursor) => get<Page<AuditRow>>('/api/v1/audit-log', { ...query, cursor }),
    JSON.stringify(filters),
  );
  const verify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    setVerdict(undefined);
    try {
      setVerdict(await get<Verdict>('/api/v1/audit-log/verify'));
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };
  const field = (name: keyof typeof EMPTY) => ({
    name,
    value: draft[name],
    onInput: (v: string) => setDraft({ ...draft, [name]: v }),
  });
  return (
    <>
      <div class="actions">
        <button type="button" onClick={verify} disabled={verifying}>
          {verifying ? strings.common.working : t.verify}
        </button>
        <a class="button" href={withQuery('/api/v1/audit-log/export', query)} download="audit-log.csv">
          {t.export}
        </a>
      </div>
      <div role="status" aria-live="polite">
        {verdict &&
          (verdict.ok ? (
            <p class="notice">{t.verifyOk(verdict.rows, verdict.redacted)}</p>
          ) : (
            <p class="error-banner">
              {t.verifyBroken(verdict.brokenAt ?? verdict.head.seq, verdict.reason ?? '')}
            </p>
          ))}
      </div>
      <ErrorBanner error={verifyError} />
      <form
        aria-label={strings.common.search}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <FieldRow>
          <SelectField
            label={t.actorType}
            {...field('actorType')}
            options={[['', strings.common.any], ...Object.entries(t.actorTypes)]}
          />
          <FormField label={t.actorId} {...field('actorId')} />
          <FormField label={t.action} {...field('action')} placeholder="privacy_request.confirmed" />
          <FormField label={t.targetId} {...field('targetId')} />
          <FormField label={t.from} type="date" {...field('from')} />
          <FormField label={t.to} type="date" {...field('to')} />
        </FieldRow>
        <div class="actions">
          <button type="submit" class="primary">
            {strings.common.search}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            {strings.common.clear}
          </button>
        </div>
      </form>
      <PagedTable
        pages={pages}
        caption={t.caption}
        rowKey={(r) => r.id}
        empty={t.empty}
        columns={[
          { header: t.when, cell: (r) => formatDateTime(r.at) },
          { header: t.actor, cell: (r) => `${t.actorTypes[r.actor.type] ?? r.actor.type} ${r.actor.id}` },
          { header: t.action, cell: (r) => r.action },
          {
            header: t.target,
            cell: (r) => (r.redacted ? t.redacted : r.target ? `${r.target.type} ${r.target.id ?? ''}` : '—'),
          },
          { header: t.country, cell: (r) => r.country ?? '—' },
        ]}
      />
    </>
  );
}

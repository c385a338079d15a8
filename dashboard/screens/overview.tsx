// The compliance overview (`GET /api/v1/reports/compliance` and `/compliance/history`): people by
// home region and state, the compliance percentage per region, its trend over the daily snapshots,
// and the open, overdue and soon-due privacy requests with a way into the queue.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { PERSON_STATES } from '../../shared/reports/states';
import type { z } from 'zod';
import type { ComplianceHistory, ComplianceReport } from '../../shared/schemas/reports';
import { get } from '../api';
import { DataTable } from '../components/data-table';
import { Link } from '../components/link';
import { EmptyState, ErrorBanner, Loading } from '../components/status';
import { TrendChart } from '../components/trend-chart';
import { formatDateTime, formatNumber, formatPercent } from '../format';
import type { ScreenProps } from '../screens';
import { may } from '../session';
import { strings } from '../strings';

type History = z.infer<typeof ComplianceHistory>;

const t = strings.overview;
const REGIONS = ['eu', 'non_eu', 'unknown', 'all'] as const;
const percent = (p: number | null) => (p === null ? t.noActive : formatPercent(p / 100));

export function Overview({ session }: ScreenProps) {
  const [report, setReport] = useState<ComplianceReport>();
  const [history, setHistory] = useState<History>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    get<ComplianceReport>('/api/v1/reports/compliance').then(setReport, setError);
    get<History>('/api/v1/reports/compliance/history').then(setHistory, setError);
  }, []);
  const trend = useMemo(
    () =>
      history && {
        days: history.data.map((d) => d.day),
        series: [
          { label: t.regions.eu!, values: history.data.map((d) => d.overall.eu.percent), stroke: '#1d4ed8' },
          {
            label: t.regions.non_eu!,
            values: history.data.map((d) => d.overall.non_eu.percent),
            stroke: '#b45309',
          },
          {
            label: t.regions.all!,
            values: history.data.map((d) => d.overall.all.percent),
            stroke: '#15803d',
          },
        ],
      },
    [history],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!report) return <Loading />;
  const overall = report.inventory.overall;
  const open = report.privacyRequests.open;
  return (
    <>
      <p class="hint">{t.generatedAt(formatDateTime(report.generatedAt))}</p>
      <section aria-labelledby="compliance-h" class="cards">
        <h2 id="compliance-h">{t.compliance}</h2>
        <ul class="figures">
          {REGIONS.map((r) => (
            <li key={r} class="figure" data-region={r}>
              <span class="figure-label">{t.complianceOf(t.regions[r]!)}</span>
              <span class="figure-value">{percent(overall[r].percent)}</span>
              <span class="figure-note">
                {formatNumber(overall[r].mailable)} / {formatNumber(overall[r].active)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="requests-h">
        <h2 id="requests-h">{t.requests}</h2>
        <ul class="figures">
          <li class="figure" data-figure="open">
            <span class="figure-label">{t.open}</span>
            <span class="figure-value">{formatNumber(open.total)}</span>
          </li>
          <li class={open.overdue > 0 ? 'figure alert' : 'figure'} data-figure="overdue">
            <span class="figure-label">{t.overdue}</span>
            <span class="figure-value">{formatNumber(open.overdue)}</span>
          </li>
          <li class="figure" data-figure="due-soon">
            <span class="figure-label">{t.dueSoon}</span>
            <span class="figure-value">{formatNumber(open.dueIn7Days)}</span>
          </li>
        </ul>
        {may(session, 'requests.read') && (
          <p>
            <Link to="/requests">{t.toQueue}</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="inventory-h">
        <h2 id="inventory-h">{t.inventory}</h2>
        <DataTable
          caption={t.inventory}
          rows={[...PERSON_STATES]}
          rowKey={(s) => s}
          empty=""
          columns={[
            { header: t.state, cell: (s) => t.states[s] ?? s },
            ...REGIONS.map((r) => ({
              header: t.regions[r]!,
              numeric: true,
              cell: (s: (typeof PERSON_STATES)[number]) => formatNumber(overall[r].cells[s]),
            })),
          ]}
        />
      </section>

      <section aria-labelledby="trend-h">
        <h2 id="trend-h">{t.trend}</h2>
        {!trend ? (
          <Loading />
        ) : trend.days.length === 0 ? (
          <EmptyState>{t.noTrend}</EmptyState>
        ) : (
          <TrendChart label={t.trendCaption} days={trend.days} series={trend.series} unit="%" />
        )}
      </section>
    </>
  );
}

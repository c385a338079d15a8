// The export of one person (Art. 15 access, Art. 20 portability): its shape, which is the JSON
// download, and the portability archive, the same data as CSV files plus the JSON in one ZIP
// (written by fflate). db/privacy-export.ts gathers the data.

import { zipSync } from 'fflate';
import { type CsvValue, toCsv } from './csv';
import { utf8 } from './encoding';

type Iso = string | null;

export type PersonalExport = {
  generatedAt: string;
  requestId: string;
  person: {
    email: string | null;
    name: string | null;
    profile: Record<string, unknown>;
    subscriberId: string | null;
    pseudonym: string | null;
    status: string | null;
    language: string | null;
    homeRegion: string | null;
    homeCountry: string | null;
    createdAt: Iso;
  };
  requests: {
    id: string;
    kind: string;
    status: string;
    channel: string;
    receivedAt: Iso;
    dueAt: Iso;
    resolvedAt: Iso;
    history: { at: Iso; action: string; from: string | null; to: string; note: string | null }[];
  }[];
  subscriptions: {
    listId: string;
    list: string;
    purpose: string;
    lawfulBasis: string;
    status: string;
    consent: string;
    since: Iso;
    updatedAt: Iso;
  }[];
  consentEvents: {
    id: string;
    seq: number;
    kind: string;
    listId: string | null;
    occurredAt: Iso;
    country: string | null;
    region: string | null;
    ipAddress: string | null;
    userAgent: string | null;
    language: string | null;
    source: { type: string; id: string | null; url: string | null };
    notice: { key: string; language: string; version: number; text: string } | null;
    hash: string;
  }[];
  clicks: {
    id: string;
    messageId: string | null;
    listId: string | null;
    clickedAt: Iso;
    country: string | null;
    outcome: string;
  }[];
  messages: { messageId: string; subject: string; status: string; sentAt: Iso }[];
};

type CsvFile = { headers: string[]; rows: (data: PersonalExport) => CsvValue[][] };

const profileRows = ({ person: p }: PersonalExport): CsvValue[][] => [
  ['email', p.email],
  ['name', p.name],
  ['status', p.status],
  ['language', p.language],
  ['home_region', p.homeRegion],
  ['home_country', p.homeCountry],
  ['subscribed_since', p.createdAt],
  ...Object.entries(p.profile).map(([k, v]) => [
    `profile.${k}`,
    typeof v === 'object' ? JSON.stringify(v) : String(v),
  ]),
];

/** The CSV files of the archive, by name: one row per item of the JSON's lists. */
const CSV_FILES: Record<string, CsvFile> = {
  'profile.csv': { headers: ['field', 'value'], rows: profileRows },
  'subscriptions.csv': {
    headers: ['list_id', 'list', 'purpose', 'lawful_basis', 'status', 'consent', 'since'],
    rows: (d) =>
      d.subscriptions.map((s) => [s.listId, s.list, s.purpose, s.lawfulBasis, s.status, s.consent, s.since]),
  },
  'consent-events.csv': {
    headers: [
      'seq',
      'kind',
      'list_id',
      'occurred_at',
      'country',
      'ip_address',
      'user_agent',
      'source',
      'notice_version',
      'notice_text',
    ],
    rows: (d) =>
      d.consentEvents.map((e) => [
        e.seq,
        e.kind,
        e.listId,
        e.occurredAt,
        e.country,
        e.ipAddress,
        e.userAgent,
        e.source.type,
        e.notice?.version,
        e.notice?.text,
      ]),
  },
  'requests.csv': {
    headers: ['id', 'kind', 'status', 'channel', 'received_at', 'due_at', 'resolved_at'],
    rows: (d) =>
      d.requests.map((r) => [r.id, r.kind, r.status, r.channel, r.receivedAt, r.dueAt, r.resolvedAt]),
  },
  'clicks.csv': {
    headers: ['id', 'message_id', 'list_id', 'clicked_at', 'country', 'outcome'],
    rows: (d) => d.clicks.map((c) => [c.id, c.messageId, c.listId, c.clickedAt, c.country, c.outcome]),
  },
  'messages.csv': {
    headers: ['message_id', 'subject', 'status', 'sent_at'],
    rows: (d) => d.messages.map((m) => [m.messageId, m.subject, m.status, m.sentAt]),
  },
};

/** Portability (Art. 20): `export.json` and the CSV files in one ZIP archive (deflated). */
export function personalExportArchive(data: PersonalExport, now = new Date()): Uint8Array<ArrayBuffer> {
  const files: Record<string, Uint8Array> = { 'export.json': utf8(JSON.stringify(data, null, 2)) };
  for (const [name, csv] of Object.entries(CSV_FILES)) files[name] = utf8(toCsv(csv.headers, csv.rows(data)));
  return zipSync(files, { mtime: now });
}

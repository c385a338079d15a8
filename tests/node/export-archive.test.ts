// The portability archive opened by readers that share no code with its writer (fflate): adm-zip
// (plain JavaScript, always there), Python's `zipfile` and `csv` modules, and Info-ZIP's
// `unzip -t`. In Node, because workerd tests cannot start processes; a program that is not
// installed is reported as skipped.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import { type PersonalExport, personalExportArchive } from '../../shared/personal-export';

const installed = (command: string, flag: string) => spawnSync(command, [flag]).status === 0;
const hasPython = installed('python3', '--version');
const hasUnzip = installed('unzip', '-v');

const dir = mkdtempSync(path.join(tmpdir(), 'tm-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOTICE = 'Ja, ich möchte den Newsletter, "monatlich", jederzeit abbestellbar.\nZweite Zeile.';

function personWith(events: number): PersonalExport {
  return {
    generatedAt: '2026-11-20T10:00:00.000Z',
    requestId: 'prq_0123456789abcdefghjk',
    person: {
      email: 'zoë@exämple.org',
      name: 'Zoë Ødegård, "Zo"',
      profile: { city: 'Zürich', interests: ['skis', 'tea'], employees: 12 },
      subscriberId: 'sub_0123456789abcdefghjk',
      pseudonym: 'anon-k7q2mx9d',
      status: 'active',
      language: 'de',
      homeRegion: 'eu',
      homeCountry: 'CH',
      createdAt: '2026-01-02T03:04:05.000Z',
    },
    requests: [
      {
        id: 'prq_0123456789abcdefghjk',
        kind: 'portability',
        status: 'completed',
        channel: 'api',
        receivedAt: '2026-11-20T09:00:00.000Z',
        dueAt: '2027-01-04T09:00:00.000Z',
        resolvedAt: '2026-11-20T10:00:00.000Z',
        history: [{ at: '2026-11-20T09:00:00.000Z', action: 'created', from: null, to: 'open', note: null }],
      },
    ],
    subscriptions: [
      {
        listId: 'lst_0123456789abcdefghjk',
        list: 'Neuigkeiten',
        purpose: 'Monatliche Neuigkeiten, Angebote',
        lawfulBasis: 'consent',
        status: 'confirmed',
        consent: 'given',
        since: '2026-01-02T03:04:05.000Z',
        updatedAt: '2026-01-02T03:04:05.000Z',
      },
    ],
    consentEvents: Array.from({ length: events }, (_, i) => ({
      id: `cev_${String(i).padStart(20, '0')}`,
      seq: i + 1,
      kind: i % 2 ? 'confirmation' : 'opt_in',
      listId: 'lst_0123456789abcdefghjk',
      occurredAt: new Date(Date.UTC(2026, 0, 2) + i * 60_000).toISOString(),
      country: 'CH',
      region: 'ZH',
      ipAddress: `198.51.100.${i % 250}`,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0',
      language: 'de',
      source: { type: 'form', id: 'frm_e_0123456789abcdefghjk', url: null },
      notice: { key: 'newsletter', language: 'de', version: 3, text: NOTICE },
      hash: 'ab'.repeat(32),
    })),
    clicks: [],
    messages: [
      { messageId: 'msg_0123456789abcdefghjk', subject: 'Ausgabe Nº 1', status: 'sent', sentAt: null },
    ],
  };
}

function writeArchive(name: string, data: PersonalExport): string {
  const file = path.join(dir, name);
  writeFileSync(file, personalExportArchive(data, new Date('2026-11-20T10:00:00Z')));
  return file;
}

/** What Python's zipfile and csv make of the archive: CRC check, names, flags, parsed rows. */
const PYTHON_READER = `
import csv, io, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    files = {}
    for info in z.infolist():
        text = z.read(info).decode('utf-8')
        rows = list(csv.reader(io.StringIO(text, newline=''))) if info.filename.endswith('.csv') else None
        files[info.filename] = {'deflated': info.compress_type == zipfile.ZIP_DEFLATED, 'text': text, 'rows': rows}
    print(json.dumps({'firstBad': z.testzip(), 'files': files}))
`;

type PythonView = {
  firstBad: string | null;
  files: Record<string, { deflated: boolean; text: string; rows: string[][] | null }>;
};

function readWithPython(file: string): PythonView {
  const run = spawnSync('python3', ['-c', PYTHON_READER, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as PythonView;
}

const FILES = [
  'clicks.csv',
  'consent-events.csv',
  'export.json',
  'messages.csv',
  'profile.csv',
  'requests.csv',
  'subscriptions.csv',
];

describe('the portability archive, read by others', () => {
  it('adm-zip checks every CRC and reads the same files; one flipped bit is caught', () => {
    const data = personWith(3);
    const archive = Buffer.from(personalExportArchive(data));
    const entries = new AdmZip(archive).getEntries();
    expect(entries.map((e) => e.entryName).sort()).toEqual(FILES);
    const text = Object.fromEntries(entries.map((e) => [e.entryName, e.getData().toString('utf8')]));
    expect(JSON.parse(text['export.json']!)).toEqual(data);
    expect(text['profile.csv']).toContain('\r\nname,"Zoë Ødegård, ""Zo"""\r\n');
    const broken = Buffer.from(archive);
    broken[60]! ^= 0x10;
    expect(() => {
      for (const e of new AdmZip(broken).getEntries()) e.getData();
    }).toThrow();
  });

  it.skipIf(!hasPython)(
    "Python's zipfile finds every CRC right and reads the same JSON and CSV fields",
    () => {
      const data = personWith(3);
      const view = readWithPython(writeArchive('small.zip', data));
      expect(view.firstBad).toBeNull();
      expect(Object.keys(view.files).sort()).toEqual([
        'clicks.csv',
        'consent-events.csv',
        'export.json',
        'messages.csv',
        'profile.csv',
        'requests.csv',
        'subscriptions.csv',
      ]);
      expect(JSON.parse(view.files['export.json']!.text)).toEqual(data);
      expect(view.files['profile.csv']!.rows).toEqual([
        ['field', 'value'],
        ['email', 'zoë@exämple.org'],
        ['name', 'Zoë Ødegård, "Zo"'],
        ['status', 'active'],
        ['language', 'de'],
        ['home_region', 'eu'],
        ['home_country', 'CH'],
        ['subscribed_since', '2026-01-02T03:04:05.000Z'],
        ['profile.city', 'Zürich'],
        ['profile.interests', '["skis","tea"]'],
        ['profile.employees', '12'],
      ]);
      const events = view.files['consent-events.csv']!.rows!;
      expect(events).toHaveLength(4);
      expect(events[1]).toEqual([
        '1',
        'opt_in',
        'lst_0123456789abcdefghjk',
        '2026-01-02T00:00:00.000Z',
        'CH',
        '198.51.100.0',
        'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0',
        'form',
        '3',
        NOTICE,
      ]);
      expect(view.files['clicks.csv']!.rows).toEqual([
        ['id', 'message_id', 'list_id', 'clicked_at', 'country', 'outcome'],
      ]);
      expect(view.files['messages.csv']!.rows![1]).toEqual([
        'msg_0123456789abcdefghjk',
        'Ausgabe Nº 1',
        'sent',
        '',
      ]);
    },
  );

  it.skipIf(!hasPython)('a long history is deflated and reads back whole', () => {
    const data = personWith(5_000);
    const file = writeArchive('large.zip', data);
    const view = readWithPython(file);
    expect(view.firstBad).toBeNull();
    expect(view.files['consent-events.csv']!.deflated).toBe(true);
    expect(view.files['consent-events.csv']!.rows).toHaveLength(5_001);
    expect(JSON.parse(view.files['export.json']!.text).consentEvents).toHaveLength(5_000);
  });

  it.skipIf(!hasUnzip)('unzip -t finds no errors', () => {
    const run = spawnSync('unzip', ['-t', writeArchive('tested.zip', personWith(50))], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No errors detected');
    expect(run.stdout.match(/ {4}testing: .+ OK/g)).toHaveLength(7);
  });
});

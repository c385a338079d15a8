// Every outbox event is written through `outboxInsert` / `outboxInsertIf` (db/outbox.ts), whose
// `type` accepts only the event catalogue's types, so an event the catalogue lacks does not
// compile. This test closes the other door: no module inserts into the outbox table directly.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

describe('outbox writes', () => {
  it('go through the typed helpers of db/outbox.ts only', () => {
    const direct = ['db', 'workers', 'shared']
      .flatMap(sources)
      .filter((file) => file !== path.join('db', 'outbox.ts'))
      .filter((file) =>
        /insert\(\s*outboxEvents\s*\)|insert\s+into\s+outbox_events/i.test(
          readFileSync(path.join(ROOT, file), 'utf8'),
        ),
      );
    expect(direct).toEqual([]);
  });

  it('would catch a direct insert', () => {
    expect(/insert\(\s*outboxEvents\s*\)/.test('db.insert(outboxEvents).values({})')).toBe(true);
  });
});

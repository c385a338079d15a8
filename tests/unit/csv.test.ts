// RFC 4180 CSV as the export archive writes it: CRLF rows, a field quoted only when it must be.

import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/csv';

describe('toCsv', () => {
  it.each([
    ['plain text stays bare', 'abc', 'abc'],
    ['a comma quotes the field', 'x,y', '"x,y"'],
    ['a quote is doubled inside quotes', 'say "hi"', '"say ""hi"""'],
    ['a line feed quotes the field', 'line\nbreak', '"line\nbreak"'],
    ['a carriage return quotes the field', 'a\rb', '"a\rb"'],
    ['spaces are kept as they are', '  padded ', '  padded '],
    ['non-ASCII text is written as is', 'Zoë, Ødegård', '"Zoë, Ødegård"'],
    ['null is an empty field', null, ''],
    ['undefined is an empty field', undefined, ''],
    ['numbers and booleans as text', 12.5, '12.5'],
    ['false is not empty', false, 'false'],
    ['a date is ISO 8601 UTC', new Date(Date.UTC(2026, 10, 20, 9, 30)), '2026-11-20T09:30:00.000Z'],
  ])('%s', (_name, value, field) => {
    expect(toCsv(['h'], [[value]])).toBe(`h\r\n${field}\r\n`);
  });

  it('writes the header row, then one CRLF-terminated row per item', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', '2'],
          ['3', null],
        ],
      ),
    ).toBe('a,b\r\n1,2\r\n3,\r\n');
    expect(toCsv(['only', 'headers'], [])).toBe('only,headers\r\n');
  });
});

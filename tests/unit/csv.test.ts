import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/csv';
import { utf8 } from '../../shared/encoding';
import { crc32, zipStore } from '../../shared/zip';
import { readZip } from '../support/zip';

describe('zip and csv', () => {
  it.each([
    ['', 0],
    ['a', 0xe8b7be43],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('crc32(%j) = %i', (text, expected) => {
    expect(crc32(utf8(text))).toBe(expected);
  });

  it('stores files that read back byte for byte, with UTF-8 names', () => {
    const zip = zipStore([
      { name: 'a.txt', data: 'hello' },
      { name: 'données/é.csv', data: 'x,y\r\n1,2\r\n' },
      { name: 'empty', data: new Uint8Array() },
    ]);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['a.txt', 'données/é.csv', 'empty']);
    expect(files.get('données/é.csv')).toBe('x,y\r\n1,2\r\n');
    expect(files.get('empty')).toBe('');
  });

  it('quotes CSV fields with commas, quotes and line breaks', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
          [1, true],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n1,true\r\n');
  });
});

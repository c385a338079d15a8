// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break.

export type CsvValue = string | number | boolean | null | undefined | Date;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: readonly string[], rows: readonly CsvValue[][]): string {
  return `${[headers, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

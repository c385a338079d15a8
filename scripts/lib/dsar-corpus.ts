// The DSAR letter-template corpus (datenanfragen/data templates listed in an index.csv): its
// index, which classifier kinds answer each request type, and the filling of a template's
// {variables} and [flag>…] blocks as a sender would fill them.

import type { IntentKind } from '../../shared/intent/classify';

// Phrase tables were tuned while looking at these languages only; the rest are held out.
export const TUNED_LANGUAGES = new Set(['en', 'de', 'fr', 'es', 'it', 'cs', 'el']);

export const ACCEPTED: Record<string, readonly IntentKind[]> = {
  access: ['access', 'portability'],
  erasure: ['erasure'],
  rectification: ['rectification'],
  objection: ['objection', 'unsubscribe'],
  admonition: ['review'],
  complaint: ['review'],
};

const VARIABLES: Record<string, string> = {
  name: 'Anna Berg',
  runs_list: 'Example Shop, Example App',
  id_data: 'Anna Berg\nanna.berg@example.com\n48213',
  id_dados: 'Anna Berg\nanna.berg@example.com\n48213',
  request_date: '2024-03-12',
  request_article: '15',
  Artikel: '19',
  request_recipient_address: 'Example Ltd\n1 Main Street\n10115 Berlin',
  rectification_data: 'anna.berg@example.com -> anna.berg@example.org',
  erasure_data: 'anna.berg@example.com, +49 151 2345678',
  objection_reason: '',
};

export interface Row {
  file: string;
  language: string;
  requestType: string;
}

export function parseIndex(csv: string): Row[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = splitCsvLine(lines[0] ?? '');
  const col = (name: string): number => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return {
      file: cells[col('file')] ?? '',
      language: cells[col('language')] ?? '',
      requestType: cells[col('request_type')] ?? '',
    };
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line.charAt(i + 1) === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/** Keeps optional blocks' text and drops their markup: "[flag>text]", "[optional: text]". */
function dropBlockMarkup(template: string, keepOptional: boolean): string {
  const marker = /^\[[\p{L}\p{N}_]+(?:>|»:|\s?:\s?)/u;
  const stack: boolean[] = [];
  let out = '';
  const skipping = (): boolean => !keepOptional && stack.includes(true);
  for (let i = 0; i < template.length; i++) {
    const ch = template.charAt(i);
    if (ch === '[') {
      const m = marker.exec(template.slice(i, i + 60));
      if (m) {
        stack.push(true);
        i += m[0].length - 1;
        continue;
      }
      stack.push(false);
      if (!skipping()) out += ch;
    } else if (ch === ']' && stack.length > 0) {
      const wasMarkup = stack.pop();
      if (!wasMarkup && !skipping()) out += ch;
    } else if (!skipping()) out += ch;
  }
  return out;
}

/** Fills "{var}" fields with invented values; free-text prompts get their own example. */
export function fillTemplate(template: string, keepOptional: boolean): string {
  const withoutTags = template.replace(/<\/?[a-z]+>/g, '');
  return dropBlockMarkup(withoutTags, keepOptional).replace(/\{([^{}]*)\}/g, (_, inner: string) => {
    const known = VARIABLES[inner.trim()];
    if (known !== undefined) return known;
    const example =
      /(?:e\.g\.|z\. ?b\.|p\.ej\.|par exemple|bijv\.|t\.ex\.|por exemplo|např\.|npr\.|π\.χ\.)\s*:\s*(.+)$/iu.exec(
        inner,
      );
    if (example?.[1]) return example[1];
    return 'anna.berg@example.com, 2024-04-20';
  });
}

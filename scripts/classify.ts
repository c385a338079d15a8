// CLI behind `npm run classify -- <folder>`: classifies every .txt and .eml file in a folder
// (sorted by name) and prints "<file>\t<kind>\t<confidence>" per file.
// .eml is parsed with postal-mime; .txt may start with a "Subject: …" line.

import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import PostalMime from 'postal-mime';
import { classifyIntent } from '../shared/intent/classify';
import { htmlToText } from '../shared/inbound/html-text';
import { stripQuotedReply } from '../shared/intent/quoted';
import { type Letter, parseLetter } from './lib/letter-files';

async function parseEml(raw: Uint8Array | string): Promise<Letter> {
  const email = await PostalMime.parse(raw);
  const text = email.text?.trim() ? email.text : htmlToText(email.html ?? '');
  return { subject: email.subject ?? '', text };
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: npm run classify -- <folder>');
    process.exit(2);
  }
  const files = (await readdir(folder, { withFileTypes: true }))
    .filter((e) => e.isFile() && ['.txt', '.eml'].includes(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort();
  for (const name of files) {
    const path = join(folder, name);
    const message =
      extname(name).toLowerCase() === '.eml'
        ? await parseEml(await readFile(path))
        : parseLetter(await readFile(path, 'utf8'));
    const result = classifyIntent({ subject: message.subject, text: stripQuotedReply(message.text) });
    console.log(`${name}\t${result.kind}\t${result.confidence.toFixed(2)}`);
  }
}

await main();

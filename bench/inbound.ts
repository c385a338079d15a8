// Throughput benchmark for the inbound path: postal-mime parse + quote stripping + intent
// classification over every .eml file under a folder, versus classification alone.
// Usage: npx tsx bench/inbound.ts [mime-folder] (default /work/shared/corpora/mime)

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { classifyIntent, type IntentInput } from '../shared/intent/classify';
import { htmlToText } from '../shared/inbound/html-text';
import { stripQuotedReply } from '../shared/intent/quoted';

const WARMUP_MS = 500;
const RUN_MS = 3000;

async function findEml(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await findEml(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.eml')) out.push(path);
  }
  return out.sort();
}

async function toInput(raw: Uint8Array): Promise<IntentInput> {
  const email = await PostalMime.parse(raw);
  const body = email.text?.trim() ? email.text : htmlToText(email.html ?? '');
  return { subject: email.subject ?? '', text: stripQuotedReply(body) };
}

/** Runs `round` over the whole set until `ms` elapse; returns messages per second. */
async function measure(ms: number, size: number, round: () => Promise<void> | void): Promise<number> {
  let messages = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    await round();
    messages += size;
    elapsed = performance.now() - start;
  }
  return (messages * 1000) / elapsed;
}

async function main(): Promise<void> {
  const folder = process.argv[2] ?? '/work/shared/corpora/mime';
  const files = await findEml(folder);
  if (files.length === 0) {
    console.error(`no .eml files under ${folder}`);
    process.exit(1);
  }
  const raws = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(f))));
  const inputs: IntentInput[] = [];
  for (const raw of raws) inputs.push(await toInput(raw));
  const totalChars = inputs.reduce((n, i) => n + i.text.length + (i.subject?.length ?? 0), 0);

  const fullRound = async (): Promise<void> => {
    for (const raw of raws) classifyIntent(await toInput(raw));
  };
  const classifyRound = (): void => {
    for (const input of inputs) classifyIntent(input);
  };

  await measure(WARMUP_MS, raws.length, fullRound);
  await measure(WARMUP_MS, inputs.length, classifyRound);
  const full = await measure(RUN_MS, raws.length, fullRound);
  const classifyOnly = await measure(RUN_MS, inputs.length, classifyRound);

  console.log(`messages: ${files.length} .eml files under ${folder} (${totalChars} chars of stripped text)`);
  console.log(`parse+strip+classify: ${full.toFixed(0)} msg/s`);
  console.log(`classify only:        ${classifyOnly.toFixed(0)} msg/s`);
  console.log(
    `ratio classify-only / full: ${(classifyOnly / full).toFixed(2)}x (classification is ${((100 * full) / classifyOnly).toFixed(0)}% of the full time)`,
  );
}

await main();

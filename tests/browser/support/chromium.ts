// The Chromium the browser tests drive, so that `npm ci && npm test` needs nothing but Node:
// CHROMIUM_PATH when set; else the system's Chromium; else the build inside the
// @sparticuz/chromium dev dependency, unpacked once into node_modules/.cache together with the
// libraries it links against (NSS, NSPR, expat), which a bare machine may lack.
// IGNORE_SYSTEM_CHROMIUM=1 skips the system's, to try that last way on a machine that has one.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import bundled from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';
import { ROOT } from '../../../scripts/lib/local-worker';

export type ChromiumChoice = {
  source: 'CHROMIUM_PATH' | 'system' | 'bundled';
  executablePath: string;
  /** Extra environment of the browser process (the bundled build's libraries). */
  env: Record<string, string>;
};

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const BUNDLED_BIN = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))),
  '..',
  'bin',
);
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'sparticuz-chromium');
const COMPLETE = '.complete';

/** Unpacks the bundled build once; a half-finished unpack (an interrupted run) is never used. */
async function unpackBundled(): Promise<string> {
  if (existsSync(path.join(CACHE, COMPLETE))) return CACHE;
  mkdirSync(path.dirname(CACHE), { recursive: true });
  const staging = mkdtempSync(`${CACHE}.partial-`);
  // The package unpacks into the temporary directory; point it at the staging folder.
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await bundled.executablePath();
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  // Its Amazon Linux pack holds the shared libraries the build needs (lib/*.so); `tar` is on any Linux.
  const libs = brotliDecompressSync(readFileSync(path.join(BUNDLED_BIN, 'al2023.tar.br')));
  const untar = spawnSync('tar', ['-x', '-C', staging], { input: libs });
  if (untar.status !== 0) throw new Error(`unpacking the bundled Chromium's libraries: ${untar.stderr}`);
  writeFileSync(path.join(staging, COMPLETE), '');
  rmSync(CACHE, { recursive: true, force: true });
  try {
    renameSync(staging, CACHE);
  } catch {
    // Another run finished first: use its copy.
    rmSync(staging, { recursive: true, force: true });
  }
  return CACHE;
}

/** The build inside @sparticuz/chromium, with its libraries first on the loader's path. */
export async function bundledChromium(): Promise<ChromiumChoice> {
  const dir = await unpackBundled();
  return {
    source: 'bundled',
    executablePath: path.join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: path.join(dir, 'lib') },
  };
}

export async function chooseChromium(): Promise<ChromiumChoice> {
  if (process.env.CHROMIUM_PATH)
    return { source: 'CHROMIUM_PATH', executablePath: process.env.CHROMIUM_PATH, env: {} };
  const system = process.env.IGNORE_SYSTEM_CHROMIUM === '1' ? undefined : SYSTEM_CHROMIUM.find(existsSync);
  if (system) return { source: 'system', executablePath: system, env: {} };
  return bundledChromium();
}

export async function launchChromium(choice?: ChromiumChoice): Promise<Browser> {
  const { executablePath, env } = choice ?? (await chooseChromium());
  return chromium.launch({
    executablePath,
    env: { ...process.env, ...env } as Record<string, string>,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Reads a ZIP download back into its files, as text. The archive's format is checked by readers
// independent of fflate in tests/node/export-archive.test.ts.

import { strFromU8, unzipSync } from 'fflate';

export function readZip(bytes: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

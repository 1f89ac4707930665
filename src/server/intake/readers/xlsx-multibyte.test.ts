/**
 * Issue 8: exceljs's streaming reader decoded each chunk of a zip entry on its own, so a character split
 * by a chunk boundary became U+FFFD (罗春梅 → 罗���梅). patches/exceljs+4.4.0.patch (applied at install by
 * patch-package) gives the SAX parser one streaming decoder per part. Proved here on the parser with
 * every split position, and on generated workbooks whose shared strings put a character across every
 * 4,096-byte boundary of the part (deflated) and of the file (stored: the file's 64 KiB reads).
 */
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cjkNames, writeCjkWorkbook } from '../../../../test/fixtures/cjk-workbook';
import { readXlsxRows } from './xlsx-reader';

const parseSax = createRequire(import.meta.url)('exceljs/lib/utils/parse-sax') as (it: AsyncIterable<Buffer>) => AsyncIterable<{ eventType: string; value: unknown }[]>;
const tmp = mkdtempSync(join(tmpdir(), 'zx-mb-'));

async function textOf(chunks: Buffer[]): Promise<string> {
  let out = '';
  async function* gen() {
    yield* chunks;
  }
  for await (const events of parseSax(gen())) for (const e of events) if (e.eventType === 'text') out += e.value as string;
  return out;
}

describe('multi-byte characters across chunk boundaries (issue 8)', () => {
  it('the SAX parser keeps 2-, 3- and 4-byte characters whole at every split position', async () => {
    const text = '罗春梅·赵𠮷祥杨㵲王珅';
    const xml = Buffer.from(`<t>${text}</t>`);
    for (let cut = 1; cut < xml.length; cut++) expect(await textOf([xml.subarray(0, cut), xml.subarray(cut)])).toBe(text);
    // one byte at a time: every character split into all its bytes
    expect(await textOf([...xml].map((b) => Buffer.from([b])))).toBe(text);
  });

  for (const store of [false, true]) {
    it(`a generated workbook (${store ? 'stored: every 4,096-byte boundary of the file' : 'deflated: every 4,096-byte boundary of the part'} inside a character) reads every name unchanged`, async () => {
      const names = cjkNames(20_000);
      const p = join(tmp, `names-${store}.xlsx`);
      const { boundaries } = await writeCjkWorkbook(p, names, { store });
      // about 500 KB of shared strings: over a hundred boundaries, each inside a character
      expect(boundaries).toBeGreaterThan(100);
      const read: string[] = [];
      for await (const r of readXlsxRows(p, {})) if (r.row > 1) read.push(String(r.cells[0]?.v));
      expect(read.length).toBe(names.length);
      const changed = read.map((n, i) => [n, names[i]]).filter(([a, b]) => a !== b);
      expect(changed).toEqual([]);
      expect(read.join('')).not.toContain('\ufffd');
    });
  }
});

/**
 * Property-based tests of the upload readers (issue 17 point 2), bounded: generated tables of at most
 * 40 rows and a few KiB, written as UTF-8 CSV (with or without BOM) or .xlsx, come back as exactly the
 * rows written (a correct preview); the same files with bytes changed or cut give those rows, other rows
 * within the budget, or a bad_file whose message is plain Chinese (no parser internals: issue 17 found
 * 22 messages such as `Cannot read properties of undefined`). Names are invented.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { cellText, isBlank } from './cell';
import { closeParsing } from './parse-worker';
import { openTable } from './table';

const tmp = mkdtempSync(join(tmpdir(), 'zx-fuzz-'));
afterAll(() => closeParsing());

/** Characters of generated cells: 2-, 3- and 4-byte UTF-8, CSV specials, white space; none that makes a header name or a total row. */
const ALPHABET = ['王', '春', '梅', '罗', '𠮷', '祥', '·', 'a', 'Z', '0', '7', ',', '"', '\n', ' ', '\t', '|', ';', '-', '。', '\u3000'];
const cellArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((cs) => cs.join(''));
const HEADER = ['户编号', '姓名', '身份证号', '备考'];
const tableArb = fc.array(fc.array(cellArb, { minLength: 4, maxLength: 4 }), { maxLength: 40 });
const score = (hs: string[]) => hs.filter((h) => HEADER.slice(0, 3).includes(h)).length;

const csvField = (s: string) => (/[",\n\r\t|;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

async function write(rows: string[][], format: 'csv' | 'csv-bom' | 'xlsx', n: number): Promise<string> {
  if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r.map((c) => (c === '' ? null : c)));
    const p = join(tmp, `t${n}.xlsx`);
    await wb.xlsx.writeFile(p);
    return p;
  }
  const text = [HEADER, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
  const p = join(tmp, `t${n}.csv`);
  writeFileSync(p, (format === 'csv-bom' ? '\ufeff' : '') + text);
  return p;
}

async function readRows(p: string): Promise<string[][]> {
  const t = await openTable(p, { fileName: basename(p), score, minScore: 2 });
  const out: string[][] = [];
  for await (const r of t.rows) out.push(t.header.columns.map((c) => cellText(r.cells[c.index])));
  return out;
}

/** A message county staff can read: Chinese, with only these Latin words (formats, limits' variables). */
function plain(message: string): boolean {
  const words = message.match(/[A-Za-z_][A-Za-z0-9_.-]{3,}/g) ?? [];
  return words.every((w) => /^(Excel|xlsx|xlsm|CSV|csv|ZX_[A-Z_]+|[tm]\d+\.(csv|xlsx))$/.test(w) || /^(utf-8(-bom)?|utf-16[lb]e|gb18030|gbk|big5)$/i.test(w));
}

let n = 0;
describe('readers under generated input (bounded)', () => {
  it('property: a generated table comes back exactly (correct preview), CSV and .xlsx', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.constantFrom('csv' as const, 'csv-bom' as const, 'xlsx' as const), async (rows, format) => {
        const p = await write(rows, format, n++);
        const expected = rows.filter((r) => r.some((c) => !isBlank({ t: 'text', v: c })));
        expect(await readRows(p)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('property: changed or cut bytes give rows within the budget or a plain Chinese bad_file', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.constantFrom('csv' as const, 'xlsx' as const), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat(), async (rows, format, edits, cut) => {
        const src = readFileSync(await write(rows, format, n++));
        const b = Buffer.from(src.subarray(0, cut % 4 === 0 ? src.length : Math.max(1, cut % src.length)));
        for (const [pos, val] of edits) b[pos % b.length] = val;
        const p = join(tmp, `m${n++}.${format}`);
        writeFileSync(p, b);
        try {
          const out = await readRows(p);
          // within the budget: never more rows than lines or rows written
          expect(out.length).toBeLessThanOrEqual(Math.max(rows.length, b.toString('latin1').split('\n').length));
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('bad_file');
          expect(plain((e as AppError).message), (e as AppError).message).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  }, 180_000);
});

/**
 * Issue 17 point 2: the readers are linear and bounded. The crafted files of the issue (20,000 and
 * 200,000 rows of `,,,,,`, a 20 MB line of 10 million columns) end with a clear bad_file instead of
 * freezing the server; every limit (rows, columns, cell characters, header search) is configuration
 * with a message naming it; a file that needs more heap than the worker has is refused, and the next
 * file is read by a fresh worker. Files are generated here (no real person).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fileErrorCode } from '../problems';
import { cellText } from './cell';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './limits';
import { closeParsing } from './parse-worker';
import { openTable } from './table';

const tmp = mkdtempSync(join(tmpdir(), 'zx-limits-'));
afterAll(() => closeParsing());
const score = (hs: string[]) => hs.filter((h) => ['姓名', '身份证号', '户编号'].includes(h)).length;

async function read(path: string, limits?: Partial<ReaderLimits>, fileName = path) {
  const t = await openTable(path, { fileName, score, limits: { ...DEFAULT_READER_LIMITS, ...limits } });
  const out: string[][] = [];
  for await (const r of t.rows) out.push(t.header.columns.map((c) => cellText(r.cells[c.index])));
  return { t, out };
}

async function failure(p: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: fileErrorCode(e), message: e.message };
  }
  throw new Error('expected a bad_file error');
}

describe('crafted files of issue 17', () => {
  for (const n of [20_000, 200_000]) {
    it(`${n.toLocaleString('en-US')} rows of ",,,,," are an empty file, read once`, async () => {
      const p = join(tmp, `commas-${n}.csv`);
      writeFileSync(p, ',,,,,\n'.repeat(n));
      await expect(failure(read(p))).resolves.toMatchObject({ code: 'FILE_EMPTY', message: '工作表“' + p + '”:文件中没有任何内容' });
    });
  }
  it('a 20 MB line of 10 million columns is refused as a line too long', async () => {
    const p = join(tmp, 'wide.csv');
    writeFileSync(p, ','.repeat(10_000_000) + 'x,'.repeat(5_000_000));
    const f = await failure(read(p));
    expect(f.code).toBe('ROW_TOO_LONG');
    expect(f.message).toContain('第 1 行(物理行)超过 1,048,576 个字符');
  });
  it('the header under 10,000 blank rows is still found (blank rows cost nothing and are not held)', async () => {
    const p = join(tmp, 'blank-top.csv');
    writeFileSync(p, '\n'.repeat(5_000) + ',,,\n'.repeat(5_000) + '姓名,身份证号\n张三,522633196702032412\n');
    const r = await read(p);
    expect(r.t.header.rows).toEqual([10_001]);
    expect(r.out).toEqual([['张三', '522633196702032412']]);
  });
});

describe('limits as configuration, each with a clear message', () => {
  it('rows: ZX_READER_MAX_ROWS', async () => {
    const p = join(tmp, 'rows.csv');
    writeFileSync(p, '姓名,身份证号\n' + '张三,522633196702032412\n'.repeat(30));
    expect((await read(p, { maxRows: 31 })).out).toHaveLength(30);
    await expect(failure(read(p, { maxRows: 30 }))).resolves.toMatchObject({ code: 'TOO_MANY_ROWS', message: expect.stringContaining('第31行:文件超过 30 行的上限(ZX_READER_MAX_ROWS)') });
  });
  it('columns: ZX_READER_MAX_COLUMNS (trailing empty cells do not count), CSV and .xlsx', async () => {
    const p = join(tmp, 'cols.csv');
    writeFileSync(p, '姓名,身份证号' + ','.repeat(500) + '\n张三,522633196702032412,' + 'x,'.repeat(20) + '\n');
    await expect(failure(read(p, { maxColumns: 20 }))).resolves.toMatchObject({ code: 'TOO_MANY_COLUMNS', message: expect.stringContaining('第2行:这一行有 22 列,超过 20 列的上限(ZX_READER_MAX_COLUMNS)') });
    expect((await read(p, { maxColumns: 22 })).out).toEqual([['张三', '522633196702032412']]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号']);
    ws.addRow(['张三', '522633196702032412']);
    ws.getCell('XFD3').value = 'x';
    const x = join(tmp, 'cols.xlsx');
    await wb.xlsx.writeFile(x);
    await expect(failure(read(x, { maxColumns: 1_000 }))).resolves.toMatchObject({ code: 'TOO_MANY_COLUMNS', message: expect.stringContaining('第3行:这一行有 16384 列') });
  });
  it('cells: ZX_READER_MAX_CELL_CHARS, with the column letter', async () => {
    const p = join(tmp, 'cell.csv');
    writeFileSync(p, '姓名,身份证号\n张三,' + '5'.repeat(200) + '\n');
    await expect(failure(read(p, { maxCellChars: 100 }))).resolves.toMatchObject({ code: 'CELL_TOO_LONG', message: expect.stringContaining('第2行:B 列的单元格有 200 个字符,超过 100 个字符的上限(ZX_READER_MAX_CELL_CHARS)') });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号']);
    ws.addRow(['张'.repeat(150), '522633196702032412']);
    const x = join(tmp, 'cell.xlsx');
    await wb.xlsx.writeFile(x);
    await expect(failure(read(x, { maxCellChars: 100 }))).resolves.toMatchObject({ code: 'CELL_TOO_LONG', message: expect.stringContaining('A 列的单元格有 150 个字符') });
  });
  it('header search: ZX_READER_HEADER_SEARCH_ROWS non-blank rows', async () => {
    const p = join(tmp, 'titles.csv');
    writeFileSync(p, Array.from({ length: 19 }, (_, i) => `标题${i + 1}\n`).join('') + '姓名,身份证号\n张三,522633196702032412\n');
    await expect(failure(read(p, { headerSearchRows: 15 }))).resolves.toMatchObject({ code: 'HEADER_NOT_FOUND', message: expect.stringContaining('前 15 个非空行中找不到表头') });
    expect((await read(p, { headerSearchRows: 20 })).out).toEqual([['张三', '522633196702032412']]);
  });
  it('a file that needs more heap than ZX_READER_HEAP_MB is refused, and the next file is read by a fresh worker', async () => {
    // 48 MB of distinct shared strings (random text barely compresses, so the zip guard lets it through)
    const p = join(tmp, 'heavy.xlsx');
    const zip = new yazl.ZipFile();
    const rels = '<?xml version="1.0" encoding="UTF-8"?>';
    zip.addBuffer(Buffer.from(`${rels}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`), '[Content_Types].xml');
    zip.addBuffer(Buffer.from(`${rels}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`), 'xl/workbook.xml');
    zip.addBuffer(Buffer.from(`${rels}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`), 'xl/_rels/workbook.xml.rels');
    let x = 1;
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const parts: string[] = [];
    for (let i = 0; i < 400_000; i++) {
      let s = '';
      for (let k = 0; k < 15; k++) s += (rand() >>> 8).toString(36);
      parts.push(`<si><t>${s}</t></si>`);
    }
    zip.addBuffer(Buffer.from(`${rels}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${parts.join('')}</sst>`), 'xl/sharedStrings.xml');
    zip.addBuffer(Buffer.from(`${rels}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`), 'xl/worksheets/sheet1.xml');
    zip.end();
    await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(p)).on('close', resolve).on('error', reject));
    const f = await failure(read(p, { heapMb: 64 }));
    expect(f).toMatchObject({ code: 'FILE_TOO_COMPLEX', message: expect.stringContaining('超出 64 MB 的内存上限(ZX_READER_HEAP_MB)') });
    const ok = join(tmp, 'ok.csv');
    writeFileSync(ok, '姓名,身份证号\n李四,522633197509171327\n');
    expect((await read(ok, { heapMb: 64 })).out).toEqual([['李四', '522633197509171327']]);
  }, 120_000);
});

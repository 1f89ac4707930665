/**
 * Readers against the field cases (c01, c06, c09, c11, c12 inputs copied into test/fixtures/intake) and
 * against bad files: empty, wrong extension, old .xls, zip bombs, hidden sheets, and mutated bytes
 * (property test: a clear bad_file error or rows, never another kind of exception).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fileErrorCode } from '../problems';
import { cellText, type RawRow } from './cell';
import { detectEncoding } from './encoding';
import { openTable } from './table';
import { checkZip } from './zip-guard';

export const FIX = join(__dirname, '../../../../test/fixtures/intake');
const tmp = mkdtempSync(join(tmpdir(), 'zx-readers-'));
afterAll(() => {});

/** Scores any of the given names. */
const scoreOf = (names: string[]) => (hs: string[]) => hs.filter((h) => names.includes(h)).length;
const KNOWN = scoreOf(['姓名', '身份证号', '户编号', '保障类别', '月保障金额', '纳入监测时间', '工资性收入', '医疗总费用', '证件号码']);

async function readAll(path: string, fileName = path, sheet?: number) {
  const t = await openTable(path, { fileName, sheet, score: KNOWN });
  const rows: RawRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { t, rows, records: rows.map((r) => Object.fromEntries(t.header.columns.map((c) => [c.name, cellText(r.cells[c.index])]))) };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return fileErrorCode(e);
  }
  return undefined;
}

const DIBAO = [
  { 姓名: '王小明', 身份证号: '522633196702032412', 保障类别: '低保', 月保障金额: '450' },
  { 姓名: '李春花', 身份证号: '522633197509171327', 保障类别: '特困', 月保障金额: '620' },
  { 姓名: '陈秀英', 身份证号: '522632198112252637', 保障类别: '低保', 月保障金额: '380' },
];

describe('encodings (c06)', () => {
  it('GBK without BOM, UTF-8 with BOM (no \\uFEFF left in the first header), GB18030 four-byte characters', async () => {
    const gbk = await readAll(join(FIX, 'c06_dibao_gbk.csv'));
    expect(gbk.t.encoding).toBe('gb18030');
    expect(gbk.records).toEqual(DIBAO);
    const bom = await readAll(join(FIX, 'c06_dibao_utf8bom.csv'));
    expect(bom.t.encoding).toBe('utf-8-bom');
    expect(bom.t.header.columns.map((c) => c.name)).toEqual(['姓名', '身份证号', '保障类别', '月保障金额']);
    expect(bom.records).toEqual(DIBAO);
    const gb = await readAll(join(FIX, 'c06_dibao_gb18030.csv'));
    expect(gb.records.map((r) => r['姓名'])).toEqual(['王小明', '赵𠮷祥', '杨㵲']);
    expect([...gb.records[1]!['姓名']!].map((c) => c.codePointAt(0)!.toString(16).toUpperCase())).toEqual(['8D75', '20BB7', '7965']);
  });
  it('a GBK trail byte equal to | does not split the name (pipe-delimited .txt)', async () => {
    const r = await readAll(join(FIX, 'c06_dibao_gbk_pipe.txt'));
    expect(r.t.delimiter).toBe('|');
    expect(r.records).toEqual([
      { 姓名: '王珅', 身份证号: '522633196702032412', 保障类别: '低保', 月保障金额: '450' },
      { 姓名: '李瑋', 身份证号: '522633197509171327', 保障类别: '特困', 月保障金额: '620' },
    ]);
    for (const rec of r.records) expect(rec['姓名']).not.toMatch(/[\ufffd?]/);
  });
  it('detectEncoding: BOM, strict UTF-8, else GB18030', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from('姓名', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(readFileSync(join(FIX, 'c06_dibao_gbk.csv')))).toBe('gb18030');
  });
  it('a wrong guess later in the file is a clear error with the row', async () => {
    const p = join(tmp, 'mixed.csv');
    // UTF-8 header and rows, then a GBK-encoded row beyond the 256 KB sample
    const body = '姓名,身份证号\r\n' + '张三,522633196702032412\r\n'.repeat(12000);
    writeFileSync(p, Buffer.concat([Buffer.from(body, 'utf8'), Buffer.from([0xcd, 0xf5, 0xd0, 0xa1, 0x2c, 0x31, 0x0d, 0x0a])]));
    await expect(codeOf(readAll(p))).resolves.toBe('ENCODING_GUESS_WRONG');
  });
});

describe('workbooks', () => {
  it('c09: title rows and a two-row merged header; total and note rows are not data', async () => {
    const r = await readAll(join(FIX, 'c09_yibao_merged_header.xlsx'));
    expect(r.t.header.rows).toEqual([3, 4]);
    expect(r.t.header.columns.map((c) => c.name)).toEqual(['序号', '户主信息/姓名', '户主信息/身份证号', '就诊人信息/姓名', '就诊人信息/身份证号', '就诊人信息/与户主关系', '费用信息（元）/医疗总费用', '费用信息（元）/报销金额', '费用信息（元）/个人自付']);
    expect(r.rows.map((x) => x.row)).toEqual([5, 6, 7, 8]);
    expect(r.t.skipped.map((s) => s.row)).toEqual([9, 10]);
    expect(r.records[0]).toMatchObject({ '户主信息/姓名': '杨德顺', '就诊人信息/姓名': '杨小兵', '就诊人信息/身份证号': '522633199007161224' });
    expect(r.t.header.columns.find((c) => c.name.endsWith('个人自付'))!.unit).toBe('yuan');
  });
  it('c11: formula cells give their cached result, or say there is none', async () => {
    const t = await openTable(join(FIX, 'c11_income_formulas.xlsx'), { fileName: 'c11.xlsx', score: scoreOf(['户编号', '工资性收入', '家庭纯收入']) });
    const rows: RawRow[] = [];
    for await (const r of t.rows) rows.push(r);
    const total = t.header.columns.find((c) => c.name === '家庭纯收入')!.index;
    expect(rows[0]!.cells[total]).toEqual({ t: 'number', v: 33000, formula: 'cached' });
    expect(rows[2]!.cells[total]).toEqual({ t: 'empty', formula: 'noResult' });
    expect(rows[3]!.cells[total]).toEqual({ t: 'number', v: 15000, formula: 'cached' });
  });
  it('c01 xlsx: an ID number stored as a number stays a number cell (so it can be rejected)', async () => {
    const r = await readAll(join(FIX, 'c01_yibao_numeric_id.xlsx'));
    const id = r.t.header.columns.find((c) => c.name === '身份证号')!.index;
    expect(r.rows[0]!.cells[id]!.t).toBe('number');
    expect(r.rows[1]!.cells[id]).toEqual({ t: 'text', v: '522633197909153128' });
  });
  it('c12 xlsx: a date cell is an ISO date whatever the time zone', async () => {
    const r = await readAll(join(FIX, 'c12_dates.xlsx'));
    expect(r.rows[1]!.cells[1]).toEqual({ t: 'date', v: '2022-03-05' });
    expect(r.rows[0]!.cells[1]).toEqual({ t: 'number', v: 44625 });
  });
  it('c12: the same dates under TZ=UTC and TZ=Asia/Shanghai (and America/Los_Angeles)', () => {
    const script = `import { openTable } from './src/server/intake/readers/table.ts';
      import { parseDateCell } from './src/server/intake/values/date.ts';
      const t = await openTable(process.argv[1], { fileName: 'c12.xlsx', inProcess: true, score: (h) => h.filter((x) => x === '户编号').length });
      const out = []; for await (const r of t.rows) out.push(parseDateCell(r.cells[1]).date);
      console.log(JSON.stringify(out));`;
    const runs = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'].map((tz) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, join(FIX, 'c12_dates.xlsx')], { cwd: join(FIX, '../../..'), env: { ...process.env, TZ: tz }, encoding: 'utf8' }).stdout.trim(),
    );
    const expected = JSON.stringify(['2022-03-05', '2022-03-05', '2022-03-05', '2022-03-05', '2022-03-05', '2022-03-05', '2022-03-05', null, null, null, '2022-03-05']);
    expect(runs).toEqual([expected, expected, expected]);
  }, 60_000);
  it('hidden sheets are skipped and named; --sheet chooses another', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('说明', { state: 'hidden' });
    hidden.addRow(['姓名', '身份证号']);
    hidden.addRow(['隐藏', '522633196702032412']);
    const a = wb.addWorksheet('第一页');
    a.addRow(['姓名', '身份证号']);
    a.addRow(['甲', '522633196702032412']);
    const b = wb.addWorksheet('第二页');
    b.addRow(['姓名', '身份证号']);
    b.addRow(['乙', '522633197509171327']);
    b.addRow([]);
    b.addRow(['丙', '522632198112252637']);
    const p = join(tmp, 'sheets.xlsx');
    await wb.xlsx.writeFile(p);
    const first = await readAll(p);
    expect(first.t.sheet.name).toBe('第一页');
    expect(first.t.sheets).toEqual([{ index: 1, name: '说明', hidden: true }, { index: 2, name: '第一页', hidden: false }, { index: 3, name: '第二页', hidden: false }]);
    expect(first.records.map((x) => x['姓名'])).toEqual(['甲']);
    const third = await readAll(p, p, 3);
    expect(third.records.map((x) => x['姓名'])).toEqual(['乙', '丙']);
    expect(third.rows.map((x) => x.row)).toEqual([2, 4]);
    await expect(codeOf(readAll(p, p, 1))).resolves.toBe('SHEET_HIDDEN');
    await expect(codeOf(readAll(p, p, 9))).resolves.toBe('SHEET_NOT_FOUND');
  });
});

describe('bad files', () => {
  it('empty files, wrong extensions, old .xls, no header', async () => {
    const empty = join(tmp, 'empty.csv');
    writeFileSync(empty, '');
    await expect(codeOf(readAll(empty))).resolves.toBe('FILE_EMPTY');
    const bomOnly = join(tmp, 'bom.csv');
    writeFileSync(bomOnly, '\ufeff\r\n\r\n');
    await expect(codeOf(readAll(bomOnly))).resolves.toBe('FILE_EMPTY');
    const csvAsXlsx = join(tmp, 'fake.xlsx');
    writeFileSync(csvAsXlsx, '姓名,身份证号\n');
    await expect(codeOf(readAll(csvAsXlsx))).resolves.toBe('FILE_NOT_XLSX');
    const xlsxAsCsv = join(tmp, 'fake.csv');
    writeFileSync(xlsxAsCsv, readFileSync(join(FIX, 'c01_yibao_numeric_id.xlsx')));
    await expect(codeOf(readAll(xlsxAsCsv))).resolves.toBe('FILE_NOT_CSV');
    const xls = join(tmp, 'old.xlsx');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(codeOf(readAll(xls))).resolves.toBe('FILE_XLS_UNSUPPORTED');
    const pdf = join(tmp, 'x.pdf');
    writeFileSync(pdf, '%PDF');
    await expect(codeOf(readAll(pdf))).resolves.toBe('FILE_TYPE_UNSUPPORTED');
    const noHeader = join(tmp, 'nohead.csv');
    writeFileSync(noHeader, 'a,b\n1,2\n');
    await expect(codeOf(readAll(noHeader))).resolves.toBe('HEADER_NOT_FOUND');
    const zipNotXlsx = join(tmp, 'zip.xlsx');
    writeFileSync(zipNotXlsx, Buffer.from('504b0506000000000000000000000000000000000000', 'hex'));
    await expect(codeOf(readAll(zipNotXlsx))).resolves.toBe('FILE_NOT_XLSX');
  });
  it('a zip bomb posing as .xlsx is refused before parsing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('炸弹');
    for (let i = 0; i < 20000; i++) ws.addRow(['0'.repeat(50), '0'.repeat(50)]);
    const p = join(tmp, 'bomb.xlsx');
    await wb.xlsx.writeFile(p);
    // the real limits accept this small file; tightened limits show the guard refusing a high ratio
    await expect(checkZip(p)).resolves.toContain('xl/workbook.xml');
    await expect(codeOf(checkZip(p, { maxEntries: 100, maxTotalBytes: 1e12, maxRatio: 5, ratioFloorBytes: 1000 }))).resolves.toBe('ZIP_BOMB_SUSPECTED');
    await expect(codeOf(checkZip(p, { maxEntries: 100, maxTotalBytes: 1000, maxRatio: 1e9, ratioFloorBytes: 1e12 }))).resolves.toBe('ZIP_BOMB_SUSPECTED');
  });
  it('property: mutated files give rows or a bad_file error, never another exception', async () => {
    const sources = ['c06_dibao_gbk.csv', 'c02_canlian_id_variants.csv', 'c09_yibao_merged_header.xlsx', 'c01_yibao_numeric_id.xlsx'].map((f) => ({ f, bytes: readFileSync(join(FIX, f)) }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(), async (which, edits, cut) => {
        const { f, bytes } = sources[which]!;
        const b = Buffer.from(bytes.subarray(0, cut % 3 === 0 ? bytes.length : Math.max(1, cut % bytes.length)));
        for (const [pos, val] of edits) b[pos % b.length] = val;
        const p = join(tmp, `m${n++}${f.slice(f.lastIndexOf('.'))}`);
        writeFileSync(p, b);
        try {
          await readAll(p);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('bad_file');
        }
      }),
      { numRuns: 150 },
    );
  });
});

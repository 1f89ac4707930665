/**
 * Field cases c11 (formula cells) and c14 (income edge cases) end to end through the readers and value
 * parsers, with the expected values of ../shared/cases/expected (copied here as literals), and c20
 * (formula injection in exports).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { perCapitaNetIncome } from '../domain/income';
import { divideRounded } from '../domain/money';
import { csvSafe, writeCsv, writeXlsx } from '../presenters/export';
import { reconcileIncomeRow } from './income-rows';
import { cellText, type RawRow } from './readers/cell';
import { openTable } from './readers/table';
import { parseMoneyCell } from './values/money';

const FIX = join(__dirname, '../../../test/fixtures/intake');
const tmp = mkdtempSync(join(tmpdir(), 'zx-cases-'));
const any = (names: string[]) => (hs: string[]) => hs.filter((h) => names.includes(h)).length;

async function rows(file: string, names: string[]) {
  const t = await openTable(join(FIX, file), { fileName: file, score: any(names) });
  const out: RawRow[] = [];
  for await (const r of t.rows) out.push(r);
  const col = (n: string) => t.header.columns.find((c) => c.name === n)!.index;
  return { out, col };
}

describe('c11 formula cells', () => {
  it('recomputes totals and per-capita values and compares them with the cached results', async () => {
    const { out, col } = await rows('c11_income_formulas.xlsx', ['户编号', '工资性收入']);
    const res = out.map((r) => {
      const comps = ['工资性收入', '经营净收入', '财产净收入', '转移净收入'].map((n) => parseMoneyCell(r.cells[col(n)], 'yuan').fen);
      const total = r.cells[col('家庭纯收入')];
      return { household: cellText(r.cells[col('户编号')]), ...reconcileIncomeRow({ components: comps, cachedTotalFen: parseMoneyCell(total, 'yuan').fen, totalHadFormula: !!total?.formula, members: parseMoneyCell(r.cells[col('家庭人口')], 'yuan').fen! / 100 }) };
    });
    expect(res).toEqual([
      { household: 'H1101', totalFen: 3300000, perCapitaFen: 1100000, warnings: [], errors: [] },
      // expected/c11.json says 14,000 yuan and "ok", but the components add to 12,000 + 2,000 + 0 + 1,000 =
      // 15,000 yuan (the cached 14,000 is stale, as for H1104); the rule of the case gives 15,000 / 2 = 7,500
      { household: 'H1102', totalFen: 1500000, perCapitaFen: 750000, warnings: ['FORMULA_RESULT_MISMATCH'], errors: [] },
      { household: 'H1103', totalFen: 1100000, perCapitaFen: 550000, warnings: ['FORMULA_NO_CACHED_VALUE'], errors: [] },
      // cached total 15,000 yuan is stale: 15,000 + 3,000 = 18,000 yuan; 18,000 / 3 = 6,000 yuan
      { household: 'H1104', totalFen: 1800000, perCapitaFen: 600000, warnings: ['FORMULA_RESULT_MISMATCH'], errors: [] },
      { household: 'H1105', totalFen: 900000, perCapitaFen: null, warnings: [], errors: ['HOUSEHOLD_SIZE_ZERO'] },
    ]);
  });
});

describe('c14 income edge cases', () => {
  it('roster size wins, negatives are kept, missing income and no members give no figure; the county indicator', async () => {
    const m = await rows('c14_members.csv', ['户编号', '姓名']);
    const roster = new Map<string, number>();
    for (const r of m.out) roster.set(cellText(r.cells[m.col('户编号')]), (roster.get(cellText(r.cells[m.col('户编号')])) ?? 0) + 1);
    const inc = await rows('c14_income.csv', ['户编号', '工资性收入']);
    const got = inc.out.map((r) => {
      const no = cellText(r.cells[inc.col('户编号')]);
      const f = (n: string) => parseMoneyCell(r.cells[inc.col(n)], 'yuan');
      const parts = ['工资性收入', '经营净收入', '财产净收入', '转移净收入'].map(f);
      const missing = parts.every((p) => p.missing);
      const members = roster.get(no) ?? 0;
      const typed = Number(cellText(r.cells[inc.col('家庭人口')]));
      const res = perCapitaNetIncome(missing ? null : { wageFen: parts[0]!.fen!, businessIncomeFen: parts[1]!.fen!, businessExpensesFen: 0, propertyFen: parts[2]!.fen!, transferFen: parts[3]!.fen! }, members);
      return { id: no, members, total: res.netIncomeFen, perCapita: res.perCapitaNetIncomeFen, issue: res.ok ? null : res.issue, sizeMismatch: typed !== members && members > 0 };
    });
    expect(got).toEqual([
      { id: 'H1401', members: 3, total: -60000, perCapita: -20000, issue: null, sizeMismatch: false },
      { id: 'H1402', members: 0, total: 900000, perCapita: null, issue: 'HOUSEHOLD_NO_MEMBERS', sizeMismatch: false },
      { id: 'H1403', members: 4, total: 3600000, perCapita: 900000, issue: null, sizeMismatch: true },
      { id: 'H1404', members: 2, total: 1300000, perCapita: 650000, issue: null, sizeMismatch: false },
      { id: 'H1405', members: 1, total: null, perCapita: null, issue: 'INCOME_MISSING', sizeMismatch: false },
    ]);
    // below the test threshold of 7,000 yuan: H1401 (−200) and H1404 (6,500)
    expect(got.filter((g) => g.perCapita !== null && g.perCapita < 700000).map((g) => g.id)).toEqual(['H1401', 'H1404']);
    // county indicator: (−600 + 36,000 + 13,000) yuan / (3 + 4 + 2) persons = 48,400 / 9 = 5,377.78 yuan
    const used = got.filter((g) => g.perCapita !== null);
    expect(divideRounded(used.reduce((a, g) => a + g.total!, 0), used.reduce((a, g) => a + g.members, 0))).toBe(537778);
  });
});

describe('c20 exports neutralise formulas', () => {
  const records = [
    ['=HYPERLINK("http://example.invalid","点此")', '522633197001010119', '正常', 8200],
    ['+李四', '522633197102020228', '@SUM(1+1)', -1200],
    ['-王五', '522633197203030337', '\t=1+1', 0],
    ['赵六', '522633197304040446', '\r=1+1', 6500.5],
    ['钱七', '522633197405050555', '-', 7000],
  ] as const;
  it('CSV: apostrophe before = + - @ tab CR; numbers untouched', async () => {
    expect(records.map((r) => r.map((c) => csvSafe(c)))).toEqual([
      ["'=HYPERLINK(\"http://example.invalid\",\"点此\")", '522633197001010119', '正常', '8200'],
      ["'+李四", '522633197102020228', "'@SUM(1+1)", '-1200'],
      ["'-王五", '522633197203030337', "'\t=1+1", '0'],
      ['赵六', '522633197304040446', "'\r=1+1", '6500.5'],
      ['钱七', '522633197405050555', "'-", '7000'],
    ]);
    const p = join(tmp, 'c20.csv');
    await writeCsv(p, { name: 'x', header: ['姓名', '身份证号', '备注', '人均'], rows: records.map((r) => [...r]) });
    expect(readFileSync(p, 'utf8').startsWith('\ufeff姓名,')).toBe(true);
  });
  it('XLSX: string cells never formulas, ID numbers as text, numbers as numbers', async () => {
    const p = join(tmp, 'c20.xlsx');
    await writeXlsx(p, [{ name: '导出', header: ['姓名', '身份证号', '备注', '人均'], rows: records.map((r) => [...r]), textColumns: [1] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    const ws = wb.worksheets[0]!;
    for (let i = 0; i < records.length; i++) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(records[i]![0]);
      expect(row.getCell(1).formula).toBeUndefined();
      expect(row.getCell(2).value).toBe(records[i]![1]);
      // XML end-of-line handling reads a lone CR back as LF; the cell stays a string cell, never a formula
      expect(row.getCell(3).value).toBe(records[i]![2].replace(/\r/g, '\n'));
      expect(row.getCell(3).formula).toBeUndefined();
      expect(row.getCell(4).value).toBe(records[i]![3]);
    }
  });
});

/**
 * Field case C20 (test/fixtures/c20_export_records.json → c20.expected.json): formula injection in
 * exports. CSV cells as a spreadsheet's CSV reader sees them; XLSX cells with their type as exceljs
 * reads them back.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { restoreNeutralisedCell, toCsv, toXlsx, type ExportColumn } from './export';

interface Rec { name: string; id: string; note: string; per_capita_yuan: number }
const records = JSON.parse(readFileSync(new URL('../../../test/fixtures/c20_export_records.json', import.meta.url), 'utf8')) as Rec[];
const expected = JSON.parse(readFileSync(new URL('../../../test/fixtures/c20.expected.json', import.meta.url), 'utf8')) as {
  csv_cells: Record<string, string>[];
  xlsx_cells: Record<string, { type: string; value: string | number }>[];
};
const columns: ExportColumn<Rec>[] = [
  { header: 'name', kind: 'text', value: (r) => r.name },
  { header: 'id', kind: 'id', value: (r) => r.id },
  { header: 'note', kind: 'text', value: (r) => r.note },
  { header: 'per_capita', kind: 'number', value: (r) => r.per_capita_yuan },
];
const meta = { title: '农户名单', exportedBy: 'a_county_clerk', at: '2026-03-15T10:00:00.000Z' };

describe('C20 formula injection', () => {
  it('CSV: triggers get an apostrophe, numbers stay numbers, IDs plain text; user and time in the file', () => {
    const text = toCsv(columns, records, meta).toString('utf8');
    expect(text.startsWith('\uFEFF# 农户名单;导出人:a_county_clerk;导出时间(北京时间):2026-03-15 18:00:00;行数:5\r\n')).toBe(true);
    const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, comment: '#', relax_column_count: false }) as Record<string, string>[];
    expect(rows).toEqual(expected.csv_cells.map(({ name, id, note, per_capita }) => ({ name, id, note, per_capita })));
    expect(rows[1]!.per_capita).toBe('-1200');
    // re-import gives back the original names and notes
    expect(rows.map((r) => restoreNeutralisedCell(r.name!))).toEqual(records.map((r) => r.name));
    expect(rows.map((r) => restoreNeutralisedCell(r.note!))).toEqual(records.map((r) => r.note));
  });

  it('XLSX: strings never formulas, numbers numeric, IDs strings; user and time in the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(columns, records, meta)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const keys = ['name', 'id', 'note', 'per_capita'] as const;
    const got = records.map((_, i) =>
      Object.fromEntries(keys.map((k, j) => {
        const cell = ws.getRow(i + 2).getCell(j + 1);
        expect(cell.formula, `${k} row ${i + 2}`).toBeUndefined();
        const type = cell.type === ExcelJS.ValueType.Number ? 'number' : cell.type === ExcelJS.ValueType.String ? 'string' : `other:${cell.type}`;
        return [k, { type, value: cell.value }];
      })),
    );
    expect(got).toEqual(expected.xlsx_cells);
    expect(wb.creator).toBe('a_county_clerk');
    expect(wb.getWorksheet('导出信息')!.getRow(3).values).toEqual([undefined, '导出时间(北京时间)', '2026-03-15 18:00:00']);
  });
});

/**
 * Writing lists to .xlsx (exceljs streaming writer) and .csv (UTF-8 with BOM) for county staff, safe
 * against formula injection (case c20): text cells starting with = + - @ tab or CR are written as string
 * cells in .xlsx (never formulas) and get a leading apostrophe in .csv; numbers stay numbers (−1200 is
 * not prefixed); ID numbers are written as text so that Excel cannot turn them into 5.2E+17.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';

/** A cell to write: text, number, or empty. */
export type OutCell = string | number | null;

export interface OutSheet {
  name: string;
  header: string[];
  rows: Iterable<OutCell[]>;
  /** 0-based columns written as text whatever they hold (ID numbers, codes) */
  textColumns?: number[];
  /** title rows above the header (the national layout has two) */
  titleRows?: string[];
}

const DANGEROUS = /^[=+\-@\t\r]/;

/** A text cell for CSV: neutralised with a leading apostrophe when it could start a formula. */
export function csvSafe(v: OutCell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return DANGEROUS.test(v) ? `'${v}` : v;
}

/** Writes sheets to an .xlsx file: every text cell is a string cell, never a formula. */
export async function writeXlsx(path: string, sheets: readonly OutSheet[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31).replace(/[\\/?*[\]:]/g, '_'));
    ws.columns = s.header.map((h, i) => ({ width: Math.min(60, Math.max(10, [...h].length * 2 + 2)), style: s.textColumns?.includes(i) ? { numFmt: '@' } : {} }));
    for (const t of s.titleRows ?? []) ws.addRow([t]).commit();
    const header = ws.addRow(s.header);
    header.font = { bold: true };
    header.commit();
    for (const r of s.rows) {
      // a JavaScript string is written as a string cell (t="s"); exceljs makes formulas only of { formula } objects
      ws.addRow(r.map((v, i) => (v === null ? null : s.textColumns?.includes(i) ? String(v) : v))).commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/** Writes one sheet as CSV in UTF-8 with a BOM (Excel opens it with the right encoding), CRLF lines. */
export async function writeCsv(path: string, s: OutSheet): Promise<void> {
  const out = createWriteStream(path);
  const line = (cells: OutCell[]) => cells.map((c) => {
    const t = csvSafe(c);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  }).join(',') + '\r\n';
  out.write('\ufeff' + line(s.header));
  for (const r of s.rows) if (!out.write(line(r))) await new Promise<void>((res) => out.once('drain', () => res()));
  await new Promise<void>((res, rej) => {
    out.on('error', rej);
    out.end(() => res());
  });
}

/**
 * Generic export of tabular personal data to CSV and XLSX, reusable by every team (households, cases,
 * clues, imports' error lists…). Protects against formula injection (CSV injection, OWASP; field case
 * C20): a TEXT cell whose first character is = + - @ TAB or CR is written with a leading apostrophe in
 * CSV, and always as a string cell (never a formula) in XLSX; NUMBER columns stay numbers (−1,200 is not
 * touched); ID columns are text in both (Excel would turn 18 digits into 5.2E+17). The exporting user
 * and time are in the file: the first CSV line is `# 导出人:…;导出时间:…;行数:…` (readers skip lines
 * starting with `#` before the header), and in XLSX the workbook's creator/created properties and a
 * second sheet 导出信息.
 *
 * Usage: `toCsv(columns, rows, meta)` → Buffer (UTF-8 with BOM, CRLF), `await toXlsx(columns, rows, meta)`
 * → Buffer. `restoreNeutralisedCell()` undoes the apostrophe when re-importing the product's own CSV.
 * Large or multi-sheet files (intake's problem lists, check reports, the national layout) are streamed
 * to a file with `writeXlsx(path, sheets)` / `writeCsv(path, sheet)`, under the same rules: this is the
 * ONE export helper of the product.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { validationError } from '../errors';
import { formatBeijingTime } from '../../shared/time';

/** One column: `text` (neutralised), `number` (kept numeric; null → empty) or `id` (digits kept as text). */
export interface ExportColumn<T> {
  header: string;
  kind: 'text' | 'number' | 'id';
  value: (row: T) => string | number | null | undefined;
}

/** Who exported what and when. `at` is an ISO timestamp. */
export interface ExportMeta {
  title: string;
  exportedBy: string;
  at: string;
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection; C20). */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

/** A text cell made safe for CSV: a leading apostrophe when it starts with a formula trigger. */
export function neutraliseCsvCell(text: string): string {
  return text.length > 0 && (FORMULA_TRIGGERS as readonly string[]).includes(text[0]!) ? `'${text}` : text;
}

/** The original text of a neutralised CSV cell (re-import of the product's own export, C02/C20). */
export function restoreNeutralisedCell(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && (FORMULA_TRIGGERS as readonly string[]).includes(cell[1]!) ? cell.slice(1) : cell;
}

/** RFC 4180 quoting: quoted when the field holds a comma, quote, CR or LF. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cellText<T>(c: ExportColumn<T>, row: T): string {
  const v = c.value(row);
  if (v === null || v === undefined) return '';
  if (c.kind === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`column ${c.header}: not a number`);
    return String(v);
  }
  return c.kind === 'text' ? neutraliseCsvCell(String(v)) : String(v);
}

/** The metadata line of a CSV export. */
export const csvMetaLine = (meta: ExportMeta, rows: number) => `# ${meta.title};导出人:${meta.exportedBy};导出时间(北京时间):${formatBeijingTime(meta.at)};行数:${rows}`;

/**
 * Character encoding of a CSV export: `utf-8` (default, with BOM), or for legacy recipients `gbk` (GB 2312
 * extended; cannot hold many name characters, e.g. 𬌗 U+2C317 or 𠮷 U+20BB7, C07) or `gb18030` (GB 18030,
 * holds every Unicode code point). Legacy encodings are written without a BOM.
 */
export type CsvEncoding = 'utf-8' | 'gbk' | 'gb18030';

/** True when `text` survives a round trip through the encoding (iconv-lite substitutes `?` otherwise). */
export function encodable(text: string, encoding: CsvEncoding): boolean {
  if (encoding !== 'gbk') return true;
  return iconv.decode(iconv.encode(text, 'gbk'), 'gbk') === text;
}

/** At most this many unencodable cells are listed in the error of a GBK export. */
export const MAX_ENCODING_ISSUES = 50;

/**
 * CSV (CRLF line ends): metadata line, header, rows. UTF-8 with BOM so that Excel reads Chinese, unless
 * `encoding` asks for GBK or GB18030 (no BOM).
 * @throws validation_error (field `encoding`) for `gbk` when a cell holds characters GBK cannot encode:
 *   every such cell is listed with its line in the file, its column and its value, suggesting GB18030 —
 *   never a silent `?` substitution (C07)
 */
export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[], meta: ExportMeta, encoding: CsvEncoding = 'utf-8'): Buffer {
  const lines = [csvField(csvMetaLine(meta, rows.length)), columns.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(cellText(c, r))).join(','));
  const text = `${lines.join('\r\n')}\r\n`;
  if (encoding === 'utf-8') return Buffer.from(`\uFEFF${text}`, 'utf8');
  if (!encodable(text, encoding)) {
    const issues: { field: string; message: string }[] = [];
    if (!encodable(lines[0]!, encoding) || !encodable(lines[1]!, encoding)) issues.push({ field: 'encoding', message: '导出说明或表头含有 GBK 无法表示的字符,请改用 GB18030(encoding=gb18030)' });
    rows.forEach((r, i) => {
      for (const c of columns) {
        const v = cellText(c, r);
        if (issues.length < MAX_ENCODING_ISSUES && !encodable(v, encoding)) {
          const bad = [...v].filter((ch) => !encodable(ch, encoding)).map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`);
          issues.push({ field: 'encoding', message: `第 ${i + 3} 行“${c.header}”列的“${v}”含有 GBK 无法表示的字符(${bad.join('、')}),请改用 GB18030(encoding=gb18030)` });
        }
      }
    });
    throw validationError(issues, `有 ${issues.length} 处内容无法用 GBK 编码,请改用 GB18030 导出(encoding=gb18030)`);
  }
  return iconv.encode(text, encoding);
}

/** Content type of a CSV in an encoding. */
export const csvContentType = (encoding: CsvEncoding = 'utf-8') => `text/csv; charset=${encoding === 'utf-8' ? 'utf-8' : encoding.toUpperCase()}`;

/**
 * Text for an OOXML string cell: XML readers turn a raw CR into LF, so CR is written as the OOXML escape
 * `_x000D_` (and a literal `_xHHHH_` in the data as `_x005F_xHHHH_`), which Excel and exceljs decode.
 */
export function ooxmlText(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/\r/g, '_x000D_');
}

/** XLSX: sheet `title` with a header row and the rows; text and IDs as string cells, numbers as numbers. */
export async function toXlsx<T>(columns: readonly ExportColumn<T>[], rows: readonly T[], meta: ExportMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.exportedBy;
  wb.created = new Date(meta.at);
  wb.title = meta.title;
  const ws = wb.addWorksheet(meta.title.slice(0, 31));
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.kind !== 'number') ws.getColumn(i + 1).numFmt = '@';
  });
  for (const r of rows) {
    const row = ws.addRow([]);
    columns.forEach((c, i) => {
      const v = c.value(r);
      const cell = row.getCell(i + 1);
      if (v === null || v === undefined) return;
      if (c.kind === 'number') {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`column ${c.header}: not a number`);
        cell.value = v;
      } else {
        // assigning a string never makes a formula in exceljs (formulas need { formula }); kept as typed text
        cell.value = ooxmlText(String(v));
      }
    });
  }
  const info = wb.addWorksheet('导出信息');
  info.addRows([['导出内容', meta.title], ['导出人', meta.exportedBy], ['导出时间(北京时间)', formatBeijingTime(meta.at)], ['行数', rows.length]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell of a streamed sheet: text, number, or empty. */
export type OutCell = string | number | null;

/** A sheet written by `writeXlsx` / `writeCsv`. */
export interface OutSheet {
  name: string;
  header: string[];
  rows: Iterable<OutCell[]>;
  /** 0-based columns written as text whatever they hold (ID numbers, codes) */
  textColumns?: number[];
  /** title rows above the header (the national layout has two) */
  titleRows?: string[];
}

/** A streamed cell for CSV: numbers as they are, text neutralised (C20), null empty. */
export function csvSafe(v: OutCell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return neutraliseCsvCell(v);
}

/**
 * Streams sheets to an .xlsx file: every text cell is a string cell (never a formula; written inline,
 * where XML readers turn a lone CR into LF), numbers stay numbers, `textColumns` are text-formatted.
 */
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

/** Streams one sheet to a CSV file in UTF-8 with a BOM (Excel opens it with the right encoding), CRLF lines, cells neutralised. */
export async function writeCsv(path: string, s: OutSheet): Promise<void> {
  const out = createWriteStream(path);
  const line = (cells: OutCell[]) => cells.map((c) => csvField(csvSafe(c))).join(',') + '\r\n';
  out.write('\ufeff' + line(s.header));
  for (const r of s.rows) if (!out.write(line(r))) await new Promise<void>((res) => out.once('drain', () => res()));
  await new Promise<void>((res, rej) => {
    out.on('error', rej);
    out.end(() => res());
  });
}

/** One CSV line of text cells, neutralised and quoted (RFC 4180), CRLF-terminated. */
export const csvLine = (cells: readonly OutCell[]): string => cells.map((c) => csvField(csvSafe(c))).join(',') + '\r\n';

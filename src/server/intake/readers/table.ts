/**
 * One entry point for every file: checks that the content is what the extension says, opens the right
 * streaming reader, finds the header (title rows, two-row headers) and yields the data rows, skipping
 * blank rows and total/note rows. Everything streams: only the first rows are buffered for the header.
 */
import { extname } from 'node:path';
import { fileError } from '../problems';
import { isBlank, type RawRow, type SheetInfo } from './cell';
import { inspectCsv, readCsvRows } from './csv-reader';
import type { TextEncoding } from './encoding';
import { detectHeader, HEADER_SEARCH_ROWS, isFooterRow, type HeaderBand } from './header';
import { contentKind, headBytes } from './sniff';
import { readXlsxRows } from './xlsx-reader';

/** An opened table: where it came from, its header and an iterator over the data rows. */
export interface OpenedTable {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  delimiter: string | null;
  /** the sheet read */
  sheet: SheetInfo;
  /** every sheet met so far (complete once `rows` is exhausted); hidden ones are skipped and named */
  sheets: SheetInfo[];
  header: HeaderBand;
  /** data rows (blank rows and total/note rows left out, see `skipped`) */
  rows: AsyncGenerator<RawRow>;
  /** rows left out below the header: totals and notes, with the reason */
  skipped: { row: number; reason: string }[];
}

export interface OpenOptions {
  /** the name the user gave the file (its extension decides the reader) */
  fileName: string;
  /** 1-based sheet of a workbook; default the first visible one */
  sheet?: number;
  /** recognised header names among normalised names (see detectHeader) */
  score: (names: string[]) => number;
  minScore?: number;
  /** when no row scores, take the first non-blank row as the header (the user then maps its columns) */
  fallbackToFirstRow?: boolean;
}

/** File extensions accepted. */
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.xlsm', '.csv', '.txt', '.tsv'];

/**
 * Opens a file for reading.
 * @throws bad_file FILE_EMPTY, FILE_TYPE_UNSUPPORTED, FILE_NOT_XLSX, FILE_XLS_UNSUPPORTED, FILE_NOT_CSV,
 *   ZIP_BOMB_SUSPECTED, SHEET_NOT_FOUND, SHEET_HIDDEN, HEADER_NOT_FOUND, ENCODING_GUESS_WRONG
 */
export async function openTable(path: string, opts: OpenOptions): Promise<OpenedTable> {
  const ext = extname(opts.fileName).toLowerCase();
  if (!ACCEPTED_EXTENSIONS.includes(ext)) throw fileError('FILE_TYPE_UNSUPPORTED', `不支持的文件类型“${ext || '无扩展名'}”;请上传 .xlsx 或 .csv 文件`);
  const kind = contentKind(await headBytes(path, 4096));
  if (kind === 'empty') throw fileError('FILE_EMPTY', '文件是空的');
  const isXlsx = ext === '.xlsx' || ext === '.xlsm';
  if (kind === 'ole2') throw fileError('FILE_XLS_UNSUPPORTED', '这是旧版 Excel(.xls)文件;请在 Excel 中另存为 .xlsx 后再导入');
  if (isXlsx && kind !== 'zip') throw fileError('FILE_NOT_XLSX', `文件扩展名是 ${ext},但内容不是 Excel 工作簿${kind === 'text' ? '(看起来是文本/CSV,请把扩展名改为 .csv)' : ''}`);
  if (!isXlsx && kind !== 'text') throw fileError('FILE_NOT_CSV', `文件扩展名是 ${ext},但内容不是文本${kind === 'zip' ? '(看起来是 Excel 工作簿,请把扩展名改为 .xlsx)' : ''}`);

  const sheets: SheetInfo[] = [];
  let sheet: SheetInfo | undefined;
  let source: AsyncGenerator<RawRow>;
  let encoding: TextEncoding | null = null;
  let delimiter: string | null = null;
  if (isXlsx) {
    source = readXlsxRows(path, {
      sheet: opts.sheet,
      onSheet: (s, chosen) => {
        sheets.push(s);
        if (chosen) sheet = s;
      },
    });
  } else {
    if (opts.sheet && opts.sheet !== 1) throw fileError('SHEET_NOT_FOUND', `CSV 文件只有一个工作表,没有第 ${opts.sheet} 个`);
    const info = await inspectCsv(path);
    encoding = info.encoding;
    delimiter = info.delimiter;
    sheet = { index: 1, name: opts.fileName, hidden: false };
    sheets.push(sheet);
    source = readCsvRows(path, info, opts.fileName);
  }

  const head: RawRow[] = [];
  let done = false;
  while (head.filter((r) => r.cells.some((c) => !isBlank(c))).length < HEADER_SEARCH_ROWS) {
    const n = await source.next();
    if (n.done) {
      done = true;
      break;
    }
    head.push(n.value);
  }
  const nonBlank = head.filter((r) => r.cells.some((c) => !isBlank(c)));
  if (nonBlank.length === 0) throw fileError('FILE_EMPTY', '文件中没有任何内容', { sheet: sheet?.name });
  const header = detectHeader(nonBlank, opts.score, opts.minScore ?? 1) ?? (opts.fallbackToFirstRow ? detectHeader(nonBlank.slice(0, 1), () => 1, 1) : null);
  if (!header) throw fileError('HEADER_NOT_FOUND', `前 ${HEADER_SEARCH_ROWS} 行中找不到表头(没有可识别的列名);请检查所选导入类型和工作表`, { sheet: sheet?.name });
  const lastHeaderRow = header.rows[header.rows.length - 1]!;
  const skipped: { row: number; reason: string }[] = [];
  async function* data(): AsyncGenerator<RawRow> {
    const emit = function* (r: RawRow) {
      if (r.row <= lastHeaderRow || !r.cells.some((c) => !isBlank(c))) return;
      if (isFooterRow(r)) {
        skipped.push({ row: r.row, reason: '合计或说明行,不是数据' });
        return;
      }
      yield r;
    };
    for (const r of head) yield* emit(r);
    if (!done) for await (const r of source) yield* emit(r);
  }
  return { format: isXlsx ? 'xlsx' : 'csv', encoding, delimiter, sheet: sheet!, sheets, header, rows: data(), skipped };
}

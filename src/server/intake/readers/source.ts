/**
 * The source of a table's rows, before any header is found: checks that the content is what the
 * extension says, opens the streaming reader of the format and yields its non-blank rows within the
 * reader limits. Runs in the parsing worker (parse-worker.ts), so that no file, however crafted, holds
 * the server's event loop; the in-process form is for the worker itself and for tests.
 */
import { extname } from 'node:path';
import { fileError } from '../problems';
import { isBlank, type RawRow, type SheetInfo } from './cell';
import { inspectCsv, readCsvRows } from './csv-reader';
import type { TextEncoding } from './encoding';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './limits';
import { contentKind, headBytes } from './sniff';
import { readXlsxRows } from './xlsx-reader';

/** File extensions accepted. */
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.xlsm', '.csv', '.txt', '.tsv'];

/** What to read. */
export interface SourceOptions {
  /** the name the user gave the file (its extension decides the reader) */
  fileName: string;
  /** 1-based sheet of a workbook; default the first visible one */
  sheet?: number;
  limits?: ReaderLimits;
}

/** The rows of a file, with what was found out about it. `sheets` and `sheet` fill in as rows stream. */
export interface TableSource {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  delimiter: string | null;
  /** every sheet met so far (complete once `rows` is exhausted); hidden ones are skipped and named */
  sheets: SheetInfo[];
  /** the sheet read, once the stream reached it */
  sheet: SheetInfo | undefined;
  /** non-blank rows of the sheet, in order, with their spreadsheet row numbers */
  rows: AsyncGenerator<RawRow>;
}

/**
 * Checks the extension and the first bytes of a file (cheap: 4 KiB), so that plainly wrong files are
 * refused before a worker starts. Returns the format to read.
 * @throws bad_file FILE_TYPE_UNSUPPORTED, FILE_EMPTY, FILE_XLS_UNSUPPORTED, FILE_NOT_XLSX, FILE_NOT_CSV, SHEET_NOT_FOUND
 */
export async function checkFileKind(path: string, opts: SourceOptions): Promise<'csv' | 'xlsx'> {
  const ext = extname(opts.fileName).toLowerCase();
  if (!ACCEPTED_EXTENSIONS.includes(ext)) throw fileError('FILE_TYPE_UNSUPPORTED', `不支持的文件类型“${ext || '无扩展名'}”;请上传 .xlsx 或 .csv 文件`);
  const head = await headBytes(path, 4096);
  const kind = contentKind(head);
  // only white space in the first 4 KiB: empty if that was the whole file, else text with blank lines on top
  if (kind === 'empty' && head.length < 4096) throw fileError('FILE_EMPTY', '文件是空的');
  const isXlsx = ext === '.xlsx' || ext === '.xlsm';
  if (kind === 'ole2') throw fileError('FILE_XLS_UNSUPPORTED', '这是旧版 Excel(.xls)文件;请在 Excel 中另存为 .xlsx 后再导入');
  if (isXlsx && kind !== 'zip') throw fileError('FILE_NOT_XLSX', `文件扩展名是 ${ext},但内容不是 Excel 工作簿${kind === 'text' || kind === 'empty' ? '(看起来是文本/CSV,请把扩展名改为 .csv)' : ''}`);
  if (!isXlsx && kind !== 'text' && kind !== 'empty') throw fileError('FILE_NOT_CSV', `文件扩展名是 ${ext},但内容不是文本${kind === 'zip' ? '(看起来是 Excel 工作簿,请把扩展名改为 .xlsx)' : ''}`);
  if (!isXlsx && opts.sheet && opts.sheet !== 1) throw fileError('SHEET_NOT_FOUND', `CSV 文件只有一个工作表,没有第 ${opts.sheet} 个`);
  return isXlsx ? 'xlsx' : 'csv';
}

/**
 * Opens the source in this thread (the worker calls this). `onSheet` is told of every sheet as the
 * stream reaches it.
 * @throws bad_file as checkFileKind, and from the readers (see readXlsxRows, readCsvRows)
 */
export async function openSource(path: string, opts: SourceOptions, onSheet?: (s: SheetInfo, chosen: boolean) => void): Promise<TableSource> {
  const limits = opts.limits ?? DEFAULT_READER_LIMITS;
  const format = await checkFileKind(path, opts);
  const src: TableSource = { format, encoding: null, delimiter: null, sheets: [], sheet: undefined, rows: undefined as unknown as AsyncGenerator<RawRow> };
  const seen = (s: SheetInfo, chosen: boolean) => {
    src.sheets.push(s);
    if (chosen) src.sheet = s;
    onSheet?.(s, chosen);
  };
  let raw: AsyncGenerator<RawRow>;
  if (format === 'xlsx') raw = readXlsxRows(path, { sheet: opts.sheet, limits, onSheet: seen });
  else {
    const info = await inspectCsv(path);
    src.encoding = info.encoding;
    src.delimiter = info.delimiter;
    seen({ index: 1, name: opts.fileName, hidden: false }, true);
    raw = readCsvRows(path, info, opts.fileName, limits);
  }
  src.rows = (async function* () {
    for await (const r of raw) if (r.cells.some((c) => !isBlank(c))) yield r;
  })();
  return src;
}

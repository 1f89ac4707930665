/**
 * One entry point for every file: checks that the content is what the extension says, opens the right
 * streaming reader in a worker thread (parse-worker.ts), finds the header (title rows, two-row headers)
 * among the first non-blank rows and yields the data rows, skipping total/note rows. Linear and
 * bounded: blank rows are dropped as they come (never buffered), at most `headerSearchRows` non-blank
 * rows are held for the header, and the readers refuse files beyond the limits (limits.ts).
 */
import { fileError } from '../problems';
import type { RawRow, SheetInfo } from './cell';
import type { TextEncoding } from './encoding';
import { detectHeader, isFooterRow, type HeaderBand } from './header';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './limits';
import { openSourceInWorker } from './parse-worker';
import { checkFileKind, openSource } from './source';

export { ACCEPTED_EXTENSIONS } from './source';

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
  /** reader limits (config ZX_READER_*); default DEFAULT_READER_LIMITS */
  limits?: ReaderLimits;
  /** parse in this thread instead of a worker (tests of the readers themselves) */
  inProcess?: boolean;
}

/**
 * Opens a file for reading.
 * @throws bad_file FILE_EMPTY, FILE_TYPE_UNSUPPORTED, FILE_NOT_XLSX, FILE_XLS_UNSUPPORTED, FILE_NOT_CSV,
 *   ZIP_BOMB_SUSPECTED, SHEET_NOT_FOUND, SHEET_HIDDEN, HEADER_NOT_FOUND, ENCODING_GUESS_WRONG,
 *   TOO_MANY_ROWS, TOO_MANY_COLUMNS, CELL_TOO_LONG, ROW_TOO_LONG, FILE_TOO_COMPLEX
 */
export async function openTable(path: string, opts: OpenOptions): Promise<OpenedTable> {
  const limits = opts.limits ?? DEFAULT_READER_LIMITS;
  const sourceOpts = { fileName: opts.fileName, sheet: opts.sheet, limits };
  await checkFileKind(path, sourceOpts);
  const src = opts.inProcess ? await openSource(path, sourceOpts) : await openSourceInWorker(path, sourceOpts);
  let header: HeaderBand | null;
  const head: RawRow[] = [];
  let done = false;
  try {
    while (head.length < limits.headerSearchRows) {
      const n = await src.rows.next();
      if (n.done) {
        done = true;
        break;
      }
      head.push(n.value);
    }
    if (head.length === 0) throw fileError('FILE_EMPTY', '文件中没有任何内容', { sheet: src.sheet?.name });
    header = detectHeader(head, opts.score, opts.minScore ?? 1) ?? (opts.fallbackToFirstRow ? detectHeader(head.slice(0, 1), () => 1, 1) : null);
    if (!header) throw fileError('HEADER_NOT_FOUND', `前 ${limits.headerSearchRows} 个非空行中找不到表头(没有可识别的列名);请检查所选导入类型和工作表`, { sheet: src.sheet?.name });
  } catch (e) {
    await src.rows.return(undefined);
    throw e;
  }
  const lastHeaderRow = header.rows[header.rows.length - 1]!;
  const skipped: { row: number; reason: string }[] = [];
  async function* data(): AsyncGenerator<RawRow> {
    const keep = (r: RawRow) => {
      if (r.row <= lastHeaderRow) return false;
      if (isFooterRow(r)) {
        skipped.push({ row: r.row, reason: '合计或说明行,不是数据' });
        return false;
      }
      return true;
    };
    try {
      for (const r of head) if (keep(r)) yield r;
      if (!done) for await (const r of src.rows) if (keep(r)) yield r;
    } finally {
      await src.rows.return(undefined);
    }
  }
  return { format: src.format, encoding: src.encoding, delimiter: src.delimiter, sheet: src.sheet!, sheets: src.sheets, header, rows: data(), skipped };
}

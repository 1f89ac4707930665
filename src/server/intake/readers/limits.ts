/**
 * Limits of the upload readers, so that every file is read in time and memory linear in its size and
 * bounded whatever it holds (issue 17: 200,000 rows of `,,,,,` froze the server, a 20 MB line of 10
 * million columns took 3.3 GB). Configured by ZX_READER_* (config.ts); a file beyond a limit is
 * refused with `bad_file` and a Chinese message naming the limit and the variable.
 */

/** What a reader accepts. */
export interface ReaderLimits {
  /** rows read from one sheet (blank rows included), ZX_READER_MAX_ROWS */
  maxRows: number;
  /** columns of one row up to its last non-empty cell, ZX_READER_MAX_COLUMNS */
  maxColumns: number;
  /** characters of one cell (Excel's own limit is 32,767), ZX_READER_MAX_CELL_CHARS */
  maxCellChars: number;
  /** non-blank rows at the top searched for the header, ZX_READER_HEADER_SEARCH_ROWS */
  headerSearchRows: number;
  /** heap of the worker thread that parses one file, in MiB, ZX_READER_HEAP_MB */
  heapMb: number;
}

/**
 * Defaults: Excel's own limits where it has one (32,767 characters a cell); 1,000 columns (the national
 * person table has 170 or so); 2,000,000 rows (a sheet holds 1,048,576; a CSV of a province is larger);
 * the header within the first 15 non-blank rows (the national exports put it on row 3).
 */
export const DEFAULT_READER_LIMITS: ReaderLimits = Object.freeze({ maxRows: 2_000_000, maxColumns: 1_000, maxCellChars: 32_767, headerSearchRows: 15, heapMb: 1_024 });

/**
 * Characters of one CSV record before csv-parse gives up (its `max_record_size`), so that a line with
 * no delimiter and no end does not grow without bound: every column at its largest, at most 1 Mi (a real row of 170 columns is a few thousand).
 */
export function maxRecordChars(l: ReaderLimits): number {
  return Math.min(l.maxColumns * l.maxCellChars, 1024 * 1024);
}

/** Spreadsheet column letters of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

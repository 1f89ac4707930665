/**
 * The cell model shared by every reader: what a cell held, with its type as the file gave it, so that
 * value parsers can tell an ID number stored as text from one Excel turned into a number.
 */

/**
 * One cell. `text` for strings (CSV cells are always text), `number` for numeric cells, `date` for
 * cells with a date format (ISO YYYY-MM-DD, independent of the server time zone), `bool`, `error`
 * (#DIV/0! …) and `empty`. `formula` is set when the cell held a formula: its value is the cached result,
 * and `formula: 'noResult'` means the file kept no result (the cell is then `empty`).
 */
export interface Cell {
  t: 'empty' | 'text' | 'number' | 'date' | 'bool' | 'error';
  v?: string | number | boolean;
  formula?: 'cached' | 'noResult';
}

export const EMPTY: Cell = Object.freeze({ t: 'empty' }) as Cell;

/** A data row: its spreadsheet row number and its cells by 0-based column index. */
export interface RawRow {
  row: number;
  cells: Cell[];
}

/** A sheet of a workbook (a CSV has one, named after the file). */
export interface SheetInfo {
  /** 1-based position in the workbook */
  index: number;
  name: string;
  hidden: boolean;
}

/** True when the cell holds nothing (or only white space). */
export function isBlank(c: Cell | undefined): boolean {
  if (!c || c.t === 'empty') return true;
  return c.t === 'text' && String(c.v).replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '') === '';
}

/** The cell as display text (numbers in plain notation as JavaScript prints them). */
export function cellText(c: Cell | undefined): string {
  if (!c || c.t === 'empty') return '';
  return String(c.v);
}

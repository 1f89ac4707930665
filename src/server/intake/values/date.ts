/**
 * Date and month cells as county staff type them (case c12): Excel date cells, serial numbers in a
 * plausible range (with a warning), and text in year-month-day order with . / - or 年月日 separators,
 * 8 digits (YYYYMMDD) and, for months, 6 digits (YYYYMM, how the national system exports 识别监测时间).
 * Day-month orders such as 05.03.2022 cannot be told apart and are refused, never guessed. Impossible
 * dates are refused, never rolled over (2月30日 is not 3月2日). Pure: no time zone involved.
 */
import type { Cell } from '../readers/cell';

export type DateIssue = 'DATE_INVALID' | 'DATE_AMBIGUOUS' | 'DATE_FROM_SERIAL' | 'DATE_NOT_A_DATE';
export const DATE_ISSUE_ZH: Record<DateIssue, string> = {
  DATE_INVALID: '日期不存在(如 2月30日、13月)',
  DATE_AMBIGUOUS: '无法判断是“日.月.年”还是“月.日.年”;请写成 年-月-日',
  DATE_FROM_SERIAL: '单元格是数字,已按 Excel 日期序号换算',
  DATE_NOT_A_DATE: '不是可识别的日期;请写成 2022-03-05、2022/3/5、2022.03.05 或 2022年3月5日',
};

export interface DateResult {
  /** ISO date YYYY-MM-DD, or null */
  date: string | null;
  missing: boolean;
  errors: DateIssue[];
  warnings: DateIssue[];
}

/** Serial numbers accepted: 1950-01-01 (18264) to 2100-12-31 (73415). */
const SERIAL_MIN = 18264;
const SERIAL_MAX = 73415;

/** ISO date of a real calendar date, or null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO date of an Excel serial (1900 date system; serials from 61 on, as every real date here is). */
export function serialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const fw = (s: string) => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Parses a date cell. Never throws. */
export function parseDateCell(cell: Cell | undefined): DateResult {
  const ok = (date: string | null, warnings: DateIssue[] = []): DateResult => (date ? { date, missing: false, errors: [], warnings } : { date: null, missing: false, errors: ['DATE_INVALID'], warnings: [] });
  const bad = (e: DateIssue): DateResult => ({ date: null, missing: false, errors: [e], warnings: [] });
  if (!cell || cell.t === 'empty') return { date: null, missing: true, errors: [], warnings: [] };
  if (cell.t === 'date') return ok(String(cell.v));
  if (cell.t === 'number') {
    const n = cell.v as number;
    if (Number.isInteger(n) && n >= 19000101 && n <= 21001231) return ok(isoDate(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100));
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) return ok(serialToIso(n), ['DATE_FROM_SERIAL']);
    return bad('DATE_NOT_A_DATE');
  }
  if (cell.t !== 'text') return bad('DATE_NOT_A_DATE');
  const s = fw(String(cell.v)).replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '');
  if (s === '' || /^[-—–/]+$/.test(s)) return { date: null, missing: true, errors: [], warnings: [] };
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(s);
  if (m) return ok(isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return ok(isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(s)) return bad('DATE_AMBIGUOUS');
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const n = Number(s);
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) return ok(serialToIso(n), ['DATE_FROM_SERIAL']);
  }
  return bad('DATE_NOT_A_DATE');
}

/**
 * Parses a month cell (识别监测时间, 消除监测时间): YYYYMM, YYYY-MM, YYYY/M, YYYY年M月, or any full date
 * (its month). Returns `YYYY-MM` in `date`.
 */
export function parseMonthCell(cell: Cell | undefined): DateResult {
  if (cell && (cell.t === 'text' || cell.t === 'number')) {
    const s = fw(String(cell.v)).replace(/[\s\u3000]/g, '');
    const m = /^(\d{4})(\d{2})$/.exec(s) ?? /^(\d{4})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月?$/.exec(s);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      if (y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12) return { date: `${y}-${String(mo).padStart(2, '0')}`, missing: false, errors: [], warnings: [] };
      return { date: null, missing: false, errors: ['DATE_INVALID'], warnings: [] };
    }
  }
  const d = parseDateCell(cell);
  return d.date ? { ...d, date: d.date.slice(0, 7) } : d;
}

/**
 * Money cells to integer fen (case c13), with exact decimal arithmetic (no binary floating point):
 * grouping commas of three or four digits, spaces, ￥/¥, full-width digits; a unit in the header
 * （元）/（万元） scales the column, a unit in the cell (3500元, 1.2万元) wins over the header with a
 * warning when they differ. A blank or a dash is missing, not zero; (1,200) is ambiguous (an accountant's
 * negative or a typo) and refused; anything else that is not a number is an error.
 */
import type { Cell } from '../readers/cell';
import type { HeaderUnit } from '../readers/header';

export type MoneyIssue = 'MONEY_NOT_A_NUMBER' | 'MONEY_AMBIGUOUS_FORMAT' | 'MONEY_TOO_PRECISE' | 'MONEY_OUT_OF_RANGE' | 'UNIT_IN_CELL_OVERRIDES_HEADER';
export const MONEY_ISSUE_ZH: Record<MoneyIssue, string> = {
  MONEY_NOT_A_NUMBER: '金额不是数字(如“约3000”);请填写确切金额',
  MONEY_AMBIGUOUS_FORMAT: '金额格式有歧义(如括号表示负数、无法判断的分隔符);请直接写数字,负数用“-”',
  MONEY_TOO_PRECISE: '金额精确到分以下;请保留至多两位小数(元)',
  MONEY_OUT_OF_RANGE: '金额超出合理范围',
  UNIT_IN_CELL_OVERRIDES_HEADER: '单元格中写明的单位与表头单位不同,已按单元格中的单位换算',
};

export interface MoneyResult {
  fen: number | null;
  /** blank or dash: no value (not zero) */
  missing: boolean;
  errors: MoneyIssue[];
  warnings: MoneyIssue[];
}

/** Largest amount accepted (fen): 100 billion yuan. */
const MAX_FEN = 10n ** 13n;

const normalizeText = (s: string) =>
  s
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/，/g, ',')
    .replace(/[－−]/g, '-')
    .replace(/＋/g, '+')
    .replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '');

/** Exact fen of a decimal string times 10^shift (2 for yuan, 6 for 万元), or an issue. */
function decimalToFen(dec: string, shift: number): { fen: number } | { issue: MoneyIssue } {
  const m = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(dec);
  if (!m) return { issue: 'MONEY_NOT_A_NUMBER' };
  const frac = m[3] ?? '';
  if (/[1-9]/.test(frac.slice(shift))) return { issue: 'MONEY_TOO_PRECISE' };
  const big = BigInt(m[2]! + frac.slice(0, shift).padEnd(shift, '0')) * (m[1] === '-' ? -1n : 1n);
  if (big > MAX_FEN || big < -MAX_FEN) return { issue: 'MONEY_OUT_OF_RANGE' };
  return { fen: Number(big) || 0 };
}

/**
 * Parses a money cell. Never throws.
 * @param headerUnit unit named in the column header (default yuan)
 */
export function parseMoneyCell(cell: Cell | undefined, headerUnit: HeaderUnit = null): MoneyResult {
  const missing: MoneyResult = { fen: null, missing: true, errors: [], warnings: [] };
  const err = (e: MoneyIssue): MoneyResult => ({ fen: null, missing: false, errors: [e], warnings: [] });
  const colUnit = headerUnit ?? 'yuan';
  if (!cell || cell.t === 'empty') return missing;
  if (cell.t === 'number') {
    const n = cell.v as number;
    if (!Number.isFinite(n) || Math.abs(n) >= 1e13) return err('MONEY_OUT_OF_RANGE');
    // a numeric cell's binary value (0.1 + 0.2 = 0.30000000000000004) is read at 8 decimals
    const r = decimalToFen(n.toFixed(8).replace(/0+$/, '').replace(/\.$/, ''), colUnit === 'wanYuan' ? 6 : 2);
    return 'fen' in r ? { fen: r.fen, missing: false, errors: [], warnings: [] } : err(r.issue);
  }
  if (cell.t !== 'text') return err('MONEY_NOT_A_NUMBER');
  let s = normalizeText(String(cell.v));
  if (s === '' || /^[-—–/]+$/.test(s)) return missing;
  if (/^\(.*\)$/.test(s)) return err('MONEY_AMBIGUOUS_FORMAT');
  s = s.replace(/^[￥¥]/, '').replace(/^([-+])[￥¥]/, '$1');
  let unit: 'yuan' | 'wanYuan' = colUnit;
  let cellUnit = false;
  const u = /(万元|万|元)$/.exec(s);
  if (u) {
    unit = u[1] === '元' ? 'yuan' : 'wanYuan';
    cellUnit = true;
    s = s.slice(0, -u[1]!.length);
  }
  if (s.includes(',')) {
    if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) && !/^[-+]?\d{1,4}(,\d{4})+(\.\d+)?$/.test(s)) return err(/^[-+]?[\d,.]+$/.test(s) ? 'MONEY_AMBIGUOUS_FORMAT' : 'MONEY_NOT_A_NUMBER');
    s = s.replace(/,/g, '');
  }
  const r = decimalToFen(s, unit === 'wanYuan' ? 6 : 2);
  if (!('fen' in r)) return err(r.issue);
  return { fen: r.fen, missing: false, errors: [], warnings: cellUnit && unit !== colUnit ? ['UNIT_IN_CELL_OVERRIDES_HEADER'] : [] };
}

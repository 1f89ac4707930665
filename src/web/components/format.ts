/**
 * Number and time formatting for the UI: money arrives in integer fen and is shown in yuan with two
 * decimals; times arrive in UTC and are shown in Beijing time (formatBeijingTime, the one helper).
 */
export { formatBeijingTime } from '../../shared/time';

/** Fen → yuan text with two decimals (`123456` → `1,234.56`); `—` for null. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || Number.isNaN(fen)) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A count with thousands separators; `—` for null. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString('zh-CN');
}

/** A 0–1 share as a percentage with one decimal; `—` for null. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Yuan (as typed by a user) → integer fen, or undefined when empty. */
export function yuanToFen(yuan: number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return undefined;
  return Math.round(yuan * 100);
}

/** Integer fen → yuan number (for form fields), or undefined. */
export function fenToYuan(fen: number | null | undefined): number | undefined {
  if (fen === null || fen === undefined || Number.isNaN(fen)) return undefined;
  return fen / 100;
}

/** Compare two nullable numbers for table sorters (nulls first). */
export function compareNullable(a: number | null | undefined, b: number | null | undefined): number {
  return (a ?? -Infinity) - (b ?? -Infinity);
}

/**
 * A yuan amount typed as text (up to two decimals, no sign) → integer fen; undefined when empty; NaN
 * when it is not a number, so that the form says so instead of saving nothing (issue 16: a measure
 * amount "abc" was saved as empty with a success message).
 */
export function parseYuanText(text: string | null | undefined): number | undefined {
  const v = (text ?? '').trim().replace(/,/g, '');
  if (!v) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return Number.NaN;
  return Math.round(Number(v) * 100);
}

/** antd Form rule for a yuan text field (see parseYuanText). */
export const yuanTextRule = {
  validator: (_: unknown, value: string | undefined) =>
    Number.isNaN(parseYuanText(value)) ? Promise.reject(new Error('金额应为数字(元),最多两位小数,如 3000 或 1250.50')) : Promise.resolve(),
};

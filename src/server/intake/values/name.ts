/**
 * Person names kept byte for byte (case c07): surrounding white space is trimmed, nothing inside is
 * changed (characters outside the BMP such as 𠮷, the middle dot of minority names 阿依古丽·买买提 in any
 * of its forms). Lengths and masking count code points, never UTF-16 units.
 */
import type { Cell } from '../readers/cell';

export type NameIssue = 'NAME_EMPTY' | 'NAME_TOO_LONG' | 'NAME_INVALID_CHARACTER';
export const NAME_ISSUE_ZH: Record<NameIssue, string> = {
  NAME_EMPTY: '姓名为空',
  NAME_TOO_LONG: '姓名超过 50 个字',
  NAME_INVALID_CHARACTER: '姓名含有无效字符(控制字符、孤立代理项或替换符 �)',
};

/** Longest name accepted, in code points. */
export const MAX_NAME_CHARS = 50;

/** Number of characters (code points) of a string. */
export const charCount = (s: string) => [...s].length;

/** Parses a name cell. Never throws. */
export function parseNameCell(cell: Cell | undefined): { name: string | null; errors: NameIssue[] } {
  const raw = cell && cell.t !== 'empty' ? String(cell.v) : '';
  const name = raw.replace(/^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g, '');
  if (name === '') return { name: null, errors: ['NAME_EMPTY'] };
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name) || /[\u0000-\u001f\u007f\ufffd]/.test(name)) return { name: null, errors: ['NAME_INVALID_CHARACTER'] };
  if (charCount(name) > MAX_NAME_CHARS) return { name: null, errors: ['NAME_TOO_LONG'] };
  return { name, errors: [] };
}

/** Masks a name for lists, by code points: the one rule of issue 5 (domain/masking.ts: 王𬌗 → 王*, 赵𠮷祥 → 赵**). */
export { maskName } from '../../domain/masking';

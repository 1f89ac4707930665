/**
 * Text that the databases keep as sent. A lone UTF-16 surrogate (JSON allows `"\ud800"`) is stored by
 * SQLite as other bytes and by PostgreSQL as U+FFFD, and PostgreSQL refuses NUL in text: such a string
 * is either refused at the edge (a 400 naming the field) or, where it must be recorded, replaced by
 * U+FFFD before it is hashed or stored (issue 17 point 1). Pure.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Why a string cannot be stored as sent, or null: a lone surrogate or a NUL character. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return '含有空字符(NUL),请删除后重试';
  if (LONE_SURROGATE.test(s)) return '含有无效的 Unicode 字符(孤立的代理项),请检查输入';
  return null;
}

/** The string as the database can keep it: lone surrogates and NUL replaced by U+FFFD. */
export function storableText(s: string): string {
  if (!s.includes('\u0000') && !LONE_SURROGATE.test(s)) return s;
  return s.replace(LONE_SURROGATES, '\ufffd').replace(/\u0000/g, '\ufffd');
}

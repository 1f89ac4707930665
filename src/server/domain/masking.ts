/**
 * Masking of personal data for display, by default in every API response and export
 * (《个人信息保护法》第五十一条 去标识化; GB/T 35273-2020 附录 A 去标识化示例: names keep the surname).
 */

/**
 * A name with all but its first character hidden, counted in Unicode code points (field case c07:
 * 王𬌗 → 王*, 赵𠮷祥 → 赵**, never a lone surrogate): 张三 → 张*, 欧阳小明 → 欧***; one character → *;
 * empty stays empty.
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

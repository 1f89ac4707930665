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

/**
 * A phone number for display (户联系电话, 家庭成员联系电话, 信息采集人联系电话): like ID numbers, only the ends
 * stay: the first three and the last two characters (13812345678 → 138******78); 5 characters or fewer
 * become stars; empty stays empty. Spaces and dashes are dropped first.
 */
export function maskPhone(phone: string): string {
  const p = phone.replace(/[\s-]/g, '');
  if (p.length <= 5) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 5)}${p.slice(-2)}`;
}

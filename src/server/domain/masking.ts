/**
 * Masking of personal data for display, by default in every API response and export
 * (《个人信息保护法》第五十一条 去标识化; GB/T 35273-2020 附录 A 去标识化示例: names keep the surname).
 */

/**
 * A name with its middle hidden: 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明; one character → *;
 * empty stays empty. Works on Unicode code points.
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

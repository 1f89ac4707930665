/**
 * Masking of personal data for display, by default in every API response and export
 * (《个人信息保护法》第五十一条 去标识化; GB/T 35273-2020 附录 A 去标识化示例: names keep the surname).
 *
 * THE mask rule for resident ID numbers (issue 9 item 11; decision 0146), the only one in the product:
 * - the number keeps its first six characters (the 行政区划代码 of issue, which the household's address
 *   already tells) and its last two (one sequence digit and the check character, enough for staff to tell
 *   two members apart); the eight birth-date digits and the first two sequence digits are always starred:
 *   `522633**********1X` (18 characters), `522633*******12` (15-digit first-generation numbers);
 * - wherever a masked number is shown, the birth date beside it is generalised to its year (`1970`) and
 *   the age: the full date would give back 8 of the 10 starred digits and leave about ten candidates for
 *   the number (two sequence digits, one fixed by the check character). The full birth date travels only
 *   with the full number, through the audited reveal (idNumber.reveal) or a full-ID export.
 * Source: GB/T 37964-2019《信息安全技术 个人信息去标识化指南》(屏蔽 and 泛化 techniques; a
 * de-identified set must not be re-identified by joining attributes shown together) and GB/T 35273-2020
 * §3.14 去标识化; the positions kept are the project's choice, stated here.
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

/**
 * An ID number masked by THE rule above: the first 6 and the last 2 characters stay, everything between
 * becomes `*` (`522633**********1X`; a 15-digit number `522633*******12`). Any other length: 8 characters
 * or fewer become all stars, longer ones keep the same ends. Empty stays empty.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-2);
}

/**
 * A birth date shown beside a masked ID number (THE rule above): the year only. `1970-03-01` → `1970`;
 * anything not starting with four digits becomes `''`.
 */
export function maskBirthDate(birthDate: string): string {
  return /^\d{4}/.test(birthDate) ? birthDate.slice(0, 4) : '';
}

/**
 * Every run of characters that could be a resident ID number (15 digits, or 17 digits and a digit or X),
 * not part of a longer run of digits (a hex hash may be masked in part: harmless): used to redact logs and free text.
 */
export const ID_LIKE = /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)/g;

/** Text with every ID-like run (ID_LIKE) replaced by its masked form. */
export function redactIdNumbers(text: string): string {
  return text.replace(ID_LIKE, (m) => maskIdNumber(m.toUpperCase()));
}

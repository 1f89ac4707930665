/**
 * Resident ID numbers (公民身份号码), GB 11643-1999: 6-digit region code, 8-digit birth date, 3-digit
 * sequence (odd = male), ISO 7064 MOD 11-2 check character. 15-digit numbers of the first generation
 * (region, YYMMDD, 3-digit sequence) are read as 19YYMMDD and given their check character, as the
 * standard's conversion does; an 18-digit number with a wrong check character is never "corrected".
 */

/** Weights of positions 1–17 under ISO 7064 MOD 11-2 (GB 11643-1999 §8.2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each remainder 0–10 (GB 11643-1999 §8.2). */
const CHECK_CHARS = '10X98765432';
/**
 * Province-level prefixes of GB/T 2260. Full region validation is not possible offline: counties are
 * renamed and merged, and a number keeps the code of its year of issue.
 */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** Stable codes of what can be wrong with, or said about, an ID number. */
export type IdNumberIssue =
  | 'ID_EMPTY'
  | 'ID_SCIENTIFIC_NOTATION'
  | 'ID_BAD_FORMAT'
  | 'ID_BAD_REGION'
  | 'ID_BAD_BIRTHDATE'
  | 'ID_BIRTHDATE_IN_FUTURE'
  | 'ID_BAD_CHECKSUM'
  | 'ID_NORMALIZED'
  | 'ID_LEGACY_15'
  | 'EXCEL_PRECISION_LOSS_SUSPECTED';

/** Chinese message for each code, for error reports and the UI. */
export const ID_ISSUE_ZH: Record<IdNumberIssue, string> = {
  ID_EMPTY: '身份证号为空',
  ID_SCIENTIFIC_NOTATION: '身份证号被 Excel 转成了科学计数法,原号码已无法恢复,请把该列设为文本格式后重新导出',
  ID_BAD_FORMAT: '身份证号应为18位(前17位数字,末位数字或X)或15位数字',
  ID_BAD_REGION: '身份证号前两位不是有效的省级行政区划代码',
  ID_BAD_BIRTHDATE: '身份证号中的出生日期不是有效日期(或早于1900年)',
  ID_BIRTHDATE_IN_FUTURE: '身份证号中的出生日期晚于当前日期',
  ID_BAD_CHECKSUM: '身份证号校验位不符,需核实',
  ID_NORMALIZED: '身份证号已规范化(去除空格、全角转半角、小写x转大写等),原值已保留',
  ID_LEGACY_15: '15位旧身份证号,已按国标升位为18位',
  EXCEL_PRECISION_LOSS_SUSPECTED: '末三位为000且校验位不符,疑似 Excel 精度丢失',
};

/** Result of checking one ID number. `idNumber` is the 18-character stored form (uppercase X). */
export interface IdNumberCheck {
  /** True when the number can be stored: `status` then says whether it needs verification. */
  ok: boolean;
  /** 18-character form, present when `ok`. */
  idNumber?: string;
  /** `valid`, or `checkFailed` (kept, marked for verification, never used for matching). */
  status?: 'valid' | 'checkFailed';
  /** ISO birth date (YYYY-MM-DD) read from the number, when it is a real date. */
  birthDate?: string;
  /** Sex from the sequence digit: odd male, even female. */
  sex?: 'male' | 'female';
  /** Reasons the number cannot be stored (ok = false). */
  errors: IdNumberIssue[];
  /** Things the user should know although the number is kept. */
  warnings: IdNumberIssue[];
}

const ZERO_WIDTH_AND_SPACES = /[\s\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

/**
 * Normalises an ID number cell as typed or exported: removes every kind of white space and zero-width
 * character, one leading apostrophe (Excel's text marker), turns full-width digits and Ｘ/ｘ into ASCII
 * and x into X. Returns the normalised text and whether anything changed (the raw value is the caller's
 * to keep).
 */
export function normalizeIdNumber(raw: string): { value: string; changed: boolean } {
  let v = raw.replace(ZERO_WIDTH_AND_SPACES, '');
  v = v.replace(/^['‘’`]/, '');
  v = v.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
  v = v.replace(/[xｘＸ]/g, 'X');
  return { value: v, changed: v !== raw };
}

/** Check character for the first 17 characters of an 18-digit number. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when YYYYMMDD is a real calendar date from 1900-01-01 on (Gregorian leap years). */
function realDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > days) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Checks a resident ID number against GB 11643-1999 (normalising it first, see normalizeIdNumber).
 *
 * @param raw the cell as it came (string; numbers must be converted by the caller, which alone knows
 *   whether the cell was numeric and so lost precision)
 * @param asOf ISO date (YYYY-MM-DD); a birth date after it is ID_BIRTHDATE_IN_FUTURE
 * @returns the check: `ok` false with `errors` for a number that cannot be stored (empty, scientific
 *   notation, wrong length or characters, unknown province, impossible or future birth date); `ok` true
 *   with status `checkFailed` and warning ID_BAD_CHECKSUM when only the check character is wrong.
 * Never throws.
 */
export function checkIdNumber(raw: string, asOf: string): IdNumberCheck {
  const errors: IdNumberIssue[] = [];
  const warnings: IdNumberIssue[] = [];
  const { value, changed } = normalizeIdNumber(raw);
  if (value === '') return { ok: false, errors: ['ID_EMPTY'], warnings };
  if (/^\d(\.\d+)?E\+?\d+$/i.test(value)) return { ok: false, errors: ['ID_SCIENTIFIC_NOTATION'], warnings };
  if (changed) warnings.push('ID_NORMALIZED');

  let id18: string;
  if (/^\d{15}$/.test(value)) {
    const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
    id18 = first17 + checkCharacter(first17);
    warnings.push('ID_LEGACY_15');
  } else if (/^\d{17}[\dX]$/.test(value)) {
    id18 = value;
  } else {
    return { ok: false, errors: ['ID_BAD_FORMAT'], warnings };
  }

  if (!PROVINCE_PREFIXES.has(id18.slice(0, 2))) errors.push('ID_BAD_REGION');
  const birthDate = realDate(id18.slice(6, 14));
  if (!birthDate) errors.push('ID_BAD_BIRTHDATE');
  else if (birthDate > asOf) errors.push('ID_BIRTHDATE_IN_FUTURE');
  if (errors.length > 0) return { ok: false, errors, warnings };

  const sex = Number(id18[16]) % 2 === 1 ? 'male' : 'female';
  let status: 'valid' | 'checkFailed' = 'valid';
  if (checkCharacter(id18.slice(0, 17)) !== id18[17]) {
    status = 'checkFailed';
    warnings.push('ID_BAD_CHECKSUM');
    if (id18.slice(14, 17) === '000' || id18.slice(15, 18) === '000') warnings.push('EXCEL_PRECISION_LOSS_SUSPECTED');
  }
  return { ok: true, idNumber: id18, status, birthDate: birthDate!, sex, errors, warnings };
}

/** Masks an ID number for display: THE mask rule, in domain/masking.ts (re-exported here for the callers of this module). */
export { maskIdNumber } from './masking';

/** Age in whole years on `asOf` (both ISO dates). */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

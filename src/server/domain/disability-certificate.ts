/**
 * Numbers of the second-generation disability certificate (第二代残疾人证), which the national monitoring
 * system stores as the 证件号码 of a disabled person whose 证件类型 is 残疾人证 (issue 8).
 *
 * Rule (中国残联, 第二代残疾人证说明, 2010: "编码格式一律实行20位编码,由18位公民身份证号加1位残疾类别代码和1位
 * 残疾等级代码组成"): characters 1–18 are the holder's resident ID number, checked by GB 11643-1999
 * (domain/id-number.ts); character 19 the category (残疾类别: 1 视力, 2 听力, 3 言语, 4 肢体, 5 智力, 6 精神,
 * 7 多重); character 20 the grade (残疾等级 1–4, 1 the most severe).
 *
 * 22-character numbers: issue 8 names "20/22-digit certificate numbers" without giving what the last two
 * characters mean, and no source in ../shared says. They are accepted when their first 20 characters
 * pass the rule above; the last two (digits or capital letters) are kept as they came, not interpreted,
 * and reported (CERT_SUFFIX_UNCHECKED).
 */
import { checkIdNumber, normalizeIdNumber, type IdNumberIssue } from './id-number';

/** 残疾类别 by code (第二代残疾人证说明). */
export const DISABILITY_CATEGORY_ZH: Record<number, string> = { 1: '视力残疾', 2: '听力残疾', 3: '言语残疾', 4: '肢体残疾', 5: '智力残疾', 6: '精神残疾', 7: '多重残疾' };

/** Codes of what can be wrong with a certificate number, beyond the ID part's. */
export type CertificateIssue = IdNumberIssue | 'CERT_BAD_FORMAT' | 'CERT_BAD_CATEGORY' | 'CERT_BAD_GRADE' | 'CERT_SUFFIX_UNCHECKED';

export const CERT_ISSUE_ZH: Record<Exclude<CertificateIssue, IdNumberIssue>, string> = {
  CERT_BAD_FORMAT: '残疾人证号应为20位(18位身份证号+1位残疾类别+1位残疾等级)或22位',
  CERT_BAD_CATEGORY: '残疾人证号第19位(残疾类别)应为1–7',
  CERT_BAD_GRADE: '残疾人证号第20位(残疾等级)应为1–4',
  CERT_SUFFIX_UNCHECKED: '22位残疾人证号的末两位没有公开的编码规则,已原样保存,未校验',
};

/** Result of checking a certificate number. */
export interface CertificateCheck {
  /** true when the number can be stored (status then says whether the ID part needs verification) */
  ok: boolean;
  /** the whole number, normalised (20 or 22 characters) */
  certificate?: string;
  /** the 18-character ID part (stored and matched like any ID number) */
  idNumber?: string;
  /** `checkFailed` when only the ID part's check character is wrong (kept, held for verification) */
  status?: 'valid' | 'checkFailed';
  /** 残疾类别 1–7 */
  category?: number;
  /** 残疾等级 1–4 */
  grade?: number;
  birthDate?: string;
  sex?: 'male' | 'female';
  errors: CertificateIssue[];
  warnings: CertificateIssue[];
}

/** True when a normalised value has the shape of a certificate number (20 or 22 characters, ID part first). */
export const looksLikeCertificate = (value: string) => /^\d{17}[\dX][0-9A-Z]{2}([0-9A-Z]{2})?$/.test(value);

/**
 * Checks a disability-certificate number (see the module comment for the rule and its source).
 * @param raw the cell as it came (normalised as ID numbers are: spaces, full-width digits, x → X)
 * @param asOf ISO date for the ID part's birth date
 * @returns `ok` false with errors for a wrong length or characters, a category outside 1–7, a grade
 *   outside 1–4, or an ID part that cannot be stored; `ok` true with status `checkFailed` (warning
 *   ID_BAD_CHECKSUM) when only the ID part's check character is wrong. Never throws.
 */
export function checkDisabilityCertificate(raw: string, asOf: string): CertificateCheck {
  const { value, changed } = normalizeIdNumber(raw);
  const warnings: CertificateIssue[] = changed ? ['ID_NORMALIZED'] : [];
  if (value === '') return { ok: false, errors: ['ID_EMPTY'], warnings };
  if (!looksLikeCertificate(value)) return { ok: false, errors: ['CERT_BAD_FORMAT'], warnings };
  const errors: CertificateIssue[] = [];
  const category = Number(value[18]);
  const grade = Number(value[19]);
  if (!/[1-7]/.test(value[18]!)) errors.push('CERT_BAD_CATEGORY');
  if (!/[1-4]/.test(value[19]!)) errors.push('CERT_BAD_GRADE');
  const id = checkIdNumber(value.slice(0, 18), asOf);
  errors.push(...id.errors);
  if (errors.length) return { ok: false, errors, warnings: [...warnings, ...id.warnings.filter((w) => w !== 'ID_NORMALIZED')] };
  if (value.length === 22) warnings.push('CERT_SUFFIX_UNCHECKED');
  return {
    ok: true, certificate: value, idNumber: id.idNumber!, status: id.status!, category, grade, birthDate: id.birthDate!, sex: id.sex!,
    errors: [], warnings: [...warnings, ...id.warnings.filter((w) => w !== 'ID_NORMALIZED')],
  };
}

/**
 * ID-number cells as they come (GB 11643-1999 through domain/id-number.ts): text is normalised and
 * checked with the raw value kept; a numeric cell of 16 digits or more, or scientific notation, lost
 * digits in Excel and is rejected with the reason (never stored wrong); a number whose only fault is the
 * check character is held for verification and never used for matching — except when its last digits
 * are 000, the mark of Excel's 15-significant-digit truncation, which is rejected (cases c01, c02, c04).
 */
import { checkIdNumber, ID_ISSUE_ZH, normalizeIdNumber, type IdNumberIssue } from '../../domain/id-number';
import { CERT_ISSUE_ZH, checkDisabilityCertificate, looksLikeCertificate, type CertificateIssue } from '../../domain/disability-certificate';
import type { Cell } from '../readers/cell';

/** Codes of this module beyond the domain's. */
export type IdCellIssue = IdNumberIssue | CertificateIssue | 'ID_NUMERIC_CELL_PRECISION_LOST';

export const ID_CELL_ISSUE_ZH: Record<IdCellIssue, string> = {
  ...ID_ISSUE_ZH,
  ...CERT_ISSUE_ZH,
  ID_NUMERIC_CELL_PRECISION_LOST: '身份证号单元格是数值格式,Excel 只保留15位有效数字,原号码已丢失;请把该列设为文本格式后重新导出',
};

/** The outcome for one ID cell: accepted (use it), held (keep for verification, never match) or rejected. */
export interface IdCellResult {
  status: 'accepted' | 'held' | 'rejected';
  /** 18-character stored form, when accepted or held */
  id: string | null;
  /** the cell as it came */
  raw: string;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  errors: IdCellIssue[];
  warnings: IdCellIssue[];
  /**
   * A 20/22-character disability-certificate number (第二代残疾人证: ID number + category + grade), which the
   * national system writes as the 证件号码 of a person whose 证件类型 is 残疾人证: `id` is then its first 18
   * characters, checked by GB 11643 (domain/disability-certificate.ts)
   */
  certificate?: { number: string; category: number; grade: number } | null;
}

/**
 * Parses an ID cell. Never throws.
 * @param asOf ISO date: birth dates after it are rejected (ID_BIRTHDATE_IN_FUTURE)
 */
export function parseIdCell(cell: Cell | undefined, asOf: string): IdCellResult {
  const raw = cell && cell.t !== 'empty' ? String(cell.v) : '';
  const base = { raw, birthDate: null, sex: null, id: null };
  if (cell?.t === 'number') {
    const n = cell.v as number;
    const text = Number.isInteger(n) ? BigInt(n).toString() : String(n);
    if (!Number.isInteger(n) || text.length >= 16) return { ...base, status: 'rejected', errors: ['ID_NUMERIC_CELL_PRECISION_LOST'], warnings: [] };
    return fromText(text, asOf, raw);
  }
  if (cell?.t === 'date' || cell?.t === 'bool' || cell?.t === 'error') return { ...base, status: 'rejected', errors: ['ID_BAD_FORMAT'], warnings: [] };
  return fromText(raw, asOf, raw);
}

function fromText(text: string, asOf: string, raw: string): IdCellResult {
  if (looksLikeCertificate(normalizeIdNumber(text).value)) {
    const k = checkDisabilityCertificate(text, asOf);
    const warnings = k.warnings.filter((w) => w !== 'ID_NORMALIZED');
    if (!k.ok) return { status: 'rejected', id: null, raw, birthDate: null, sex: null, errors: k.errors, warnings };
    const certificate = { number: k.certificate!, category: k.category!, grade: k.grade! };
    const truncated = k.warnings.includes('EXCEL_PRECISION_LOSS_SUSPECTED');
    if (k.status === 'checkFailed') return { status: truncated ? 'rejected' : 'held', id: k.idNumber!, raw, birthDate: k.birthDate!, sex: k.sex!, errors: ['ID_BAD_CHECKSUM'], warnings: warnings.filter((w) => w !== 'ID_BAD_CHECKSUM'), certificate };
    return { status: 'accepted', id: k.idNumber!, raw, birthDate: k.birthDate!, sex: k.sex!, errors: [], warnings, certificate };
  }
  const c = checkIdNumber(text, asOf);
  if (!c.ok) return { status: 'rejected', id: null, raw, birthDate: null, sex: null, errors: c.errors, warnings: c.warnings };
  if (c.status === 'checkFailed') {
    const truncated = c.warnings.includes('EXCEL_PRECISION_LOSS_SUSPECTED');
    return { status: truncated ? 'rejected' : 'held', id: c.idNumber!, raw, birthDate: c.birthDate!, sex: c.sex!, errors: ['ID_BAD_CHECKSUM'], warnings: c.warnings.filter((w) => w !== 'ID_BAD_CHECKSUM') };
  }
  return { status: 'accepted', id: c.idNumber!, raw, birthDate: c.birthDate!, sex: c.sex!, errors: [], warnings: c.warnings };
}

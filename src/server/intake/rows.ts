/**
 * Parsing one data row with a template and a mapping: each mapped cell goes through the value parser of
 * its column type; every problem carries its sheet, row, column and a Chinese message. Pure.
 */
import { cellText, isBlank, type RawRow } from './readers/cell';
import type { HeaderColumn } from './readers/header';
import type { IntakeProblem, ProblemLevel } from './problems';
import { DATE_ISSUE_ZH, parseDateCell, parseMonthCell } from './values/date';
import { ID_CELL_ISSUE_ZH, parseIdCell, type IdCellResult } from './values/id';
import { normalizeIdNumber } from '../domain/id-number';
import { maskIdNumber } from '../domain/masking';
import { MONEY_ISSUE_ZH, parseMoneyCell } from './values/money';
import { NAME_ISSUE_ZH, parseNameCell } from './values/name';
import { enumKey, type ColumnMapping } from './templates/mapping';
import type { ImportTemplate, TemplateColumn } from './templates/template';

/** A parsed value: string, number (money in fen, decimals), boolean, or null when blank. */
export type Value = string | number | boolean | null;

export interface ParsedRow {
  row: number;
  values: Record<string, Value>;
  /** the ID cell's outcome, when the template has an ID column */
  id: IdCellResult | null;
  problems: IntakeProblem[];
  /** national layouts: every cell of the row as text, in the header's order (kept per row, intake/national/layout.ts) */
  texts?: string[];
}

/** Chinese messages of every value code. */
export const VALUE_ISSUE_ZH: Record<string, string> = {
  ...ID_CELL_ISSUE_ZH, ...DATE_ISSUE_ZH, ...MONEY_ISSUE_ZH, ...NAME_ISSUE_ZH,
  VALUE_NOT_IN_LIST: '值不在可选范围内',
  VALUE_NOT_IN_VOCABULARY: '取值不在全国防返贫监测信息系统的取值表中,本行待核实',
  CERT_ID_TYPE_MISMATCH: '证件类型为居民身份证,证件号码却是20位残疾人证号,待核实',
  CERT_NUMBER_MISSING: '证件类型为残疾人证,证件号码却不是残疾人证号(18位身份证号+1位残疾类别+1位残疾等级),待核实',
  VALUE_NOT_A_NUMBER: '不是数字',
  REQUIRED_MISSING: '必填项为空',
  ID_HASH_BAD_FORMAT: '身份证号哈希应为64位十六进制',
  FORMULA_NO_CACHED_VALUE: '公式单元格没有保存计算结果;已按其他列计算,请在 Excel 中重新计算并保存',
  FORMULA_ERROR: '公式单元格的结果是错误值',
};

/**
 * Parses a row.
 * @param asOf ISO date for ID-number birth dates
 */
export function parseRow(t: ImportTemplate, mapping: ColumnMapping, columns: readonly HeaderColumn[], raw: RawRow, sheet: string, asOf: string): ParsedRow {
  const problems: IntakeProblem[] = [];
  const values: Record<string, Value> = {};
  let id: IdCellResult | null = null;
  const byIndex = new Map(columns.map((c) => [c.index, c]));
  const add = (col: string | null, code: string, level: ProblemLevel, detail?: string) =>
    problems.push({ sheet, row: raw.row, column: col, code, level, message: `${VALUE_ISSUE_ZH[code] ?? code}${detail ? `:${detail}` : ''}` });
  for (const tc of t.columns) {
    const idx = mapping[tc.key];
    if (idx === undefined || tc.ignored) continue;
    const hc = byIndex.get(idx);
    const colName = hc?.name ?? tc.zh;
    const cell = raw.cells[idx];
    if (cell?.formula === 'noResult') add(colName, 'FORMULA_NO_CACHED_VALUE', 'warning');
    if (cell?.t === 'error') {
      add(colName, 'FORMULA_ERROR', tc.required ? 'error' : 'warning', String(cell.v));
      values[tc.key] = null;
      continue;
    }
    values[tc.key] = parseValue(tc, cell, hc, asOf, (code, level, detail) => add(colName, code, level, detail), (r) => (id = r), t.national === true);
    if (tc.required && values[tc.key] === null && !(tc.type === 'id' && mapping.idHash !== undefined)) {
      if (!problems.some((p) => p.column === colName && p.level === 'error')) add(colName, 'REQUIRED_MISSING', 'error');
    }
  }
  const idr = id as IdCellResult | null;
  if (idr && idr.status !== 'rejected' && typeof values.idType === 'string') {
    // 证件类型 and the shape of 证件号码 must agree (残疾人证: 20/22 characters, domain/disability-certificate.ts)
    const idCol = byIndex.get(mapping.idNumber!)?.name ?? '证件号码';
    if (values.idType === 'residentId' && idr.certificate) add(idCol, 'CERT_ID_TYPE_MISMATCH', 'hold', idr.raw);
    if (values.idType === 'disabilityCertificate' && !idr.certificate) add(idCol, 'CERT_NUMBER_MISSING', 'hold', idr.raw);
  }
  return { row: raw.row, values, id, problems, ...(t.national ? { texts: columns.map((c) => cellText(raw.cells[c.index])) } : {}) };
}

function parseValue(
  tc: TemplateColumn, cell: RawRow['cells'][number] | undefined, hc: HeaderColumn | undefined, asOf: string,
  add: (code: string, level: ProblemLevel, detail?: string) => void, setId: (r: IdCellResult) => void, national = false,
): Value {
  switch (tc.type) {
    case 'id': {
      if (isBlank(cell)) return null;
      const r = parseIdCell(cell, asOf);
      // the row's own number decides the row; another (a student's guardian) only informs: never rejects the row
      const own = tc.key === 'idNumber';
      if (own) setId(r);
      // the cell is named by its masked form only: no clear ID number in a problem (issue 9 item 9)
      for (const e of r.errors) add(e, !own ? 'warning' : r.status === 'held' ? 'hold' : 'error', maskIdNumber(normalizeIdNumber(r.raw).value));
      // a 15-digit number: the upgraded number and the raw value, both masked (issue 9 item 4)
      for (const w of r.warnings) if (w !== 'ID_NORMALIZED') add(w, 'warning', w === 'ID_LEGACY_15' && r.id ? `${maskIdNumber(r.id)}(原值 ${maskIdNumber(normalizeIdNumber(r.raw).value)})` : undefined);
      return own || r.status === 'accepted' ? r.id : null;
    }
    case 'idHash': {
      if (isBlank(cell)) return null;
      const h = cellText(cell).trim().toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(h)) {
        add('ID_HASH_BAD_FORMAT', 'error');
        return null;
      }
      return h;
    }
    case 'name': {
      if (isBlank(cell)) return null;
      const r = parseNameCell(cell);
      for (const e of r.errors) add(e, 'error');
      return r.name;
    }
    case 'date': {
      const r = parseDateCell(cell);
      for (const e of r.errors) add(e, 'error', cellText(cell));
      for (const w of r.warnings) add(w, 'warning');
      return r.date;
    }
    case 'month': {
      const r = parseMonthCell(cell);
      for (const e of r.errors) add(e, 'error', cellText(cell));
      return r.date;
    }
    case 'money': {
      const r = parseMoneyCell(cell, hc?.unit ?? tc.unit ?? 'yuan');
      for (const e of r.errors) add(e, 'error', cellText(cell));
      for (const w of r.warnings) add(w, 'warning');
      return r.fen;
    }
    case 'int':
    case 'decimal': {
      if (isBlank(cell)) return null;
      const s = cellText(cell).replace(/[\s,]/g, '');
      const n = Number(s);
      if (s === '' || !Number.isFinite(n) || (tc.type === 'int' && !Number.isInteger(n))) {
        add('VALUE_NOT_A_NUMBER', 'error', cellText(cell));
        return null;
      }
      return n;
    }
    case 'bool':
    case 'enum': {
      if (isBlank(cell)) return null;
      const v = tc.values?.[enumKey(cellText(cell))];
      if (v === undefined) {
        // national layouts: a value outside every spelling holds the row, naming every accepted spelling (issue 8)
        if (national) add('VALUE_NOT_IN_VOCABULARY', 'hold', `“${cellText(cell)}”,可填:${Object.keys(tc.values ?? {}).join('、')}`);
        else add('VALUE_NOT_IN_LIST', 'error', `“${cellText(cell)}”,可填:${Object.keys(tc.values ?? {}).slice(0, 12).join('、')}`);
        return null;
      }
      return tc.type === 'bool' ? v === '1' : v;
    }
    default:
      return isBlank(cell) ? null : cellText(cell).trim();
  }
}

/**
 * Matching a file's header to a template: by full name first (户主信息/身份证号 vs 就诊人信息/身份证号),
 * then by the lower header cell and by the name without its unit; a name matching several columns is
 * left unmapped (ambiguous) for the user to choose. A confirmed mapping is remembered per header
 * signature (the SHA-256 of the normalised header names) and applied to the next file with the same headers.
 */
import { createHash } from 'node:crypto';
import { normalizeHeader, splitUnit, type HeaderBand, type HeaderColumn } from '../readers/header';
import type { ImportTemplate, TemplateColumn } from './template';

/** Column key → 0-based column index in the file. */
export type ColumnMapping = Record<string, number>;

export interface MappingResult {
  mapping: ColumnMapping;
  /** required template columns with no file column */
  missing: TemplateColumn[];
  /** file columns that match no template column */
  unknown: HeaderColumn[];
  /** template columns whose name fits several file columns: key → candidate names */
  ambiguous: Record<string, string[]>;
}

const names = (c: TemplateColumn) => [c.zh, ...(c.synonyms ?? [])].map((n) => normalizeHeader(n));

/** Scorer for header detection: how many of the names are known to the template. */
export function headerScorer(t: ImportTemplate): (hs: string[]) => number {
  const known = new Set(t.columns.flatMap((c) => names(c).flatMap((n) => [n, splitUnit(n).base])));
  return (hs) => hs.filter((h) => h !== '' && known.has(h)).length;
}

/** Signature of a header: SHA-256 (hex) of the normalised column names in order. */
export function headerSignature(band: HeaderBand): string {
  return createHash('sha256').update(JSON.stringify(band.columns.map((c) => c.key))).digest('hex');
}

/**
 * Maps a header to a template.
 * @param overrides a remembered or user-given mapping (column name → key, or '' to leave a column out):
 *   applied before automatic matching
 */
export function matchHeader(t: ImportTemplate, band: HeaderBand, overrides: Record<string, string> = {}): MappingResult {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const ambiguous: Record<string, string[]> = {};
  for (const [colName, key] of Object.entries(overrides)) {
    const col = band.columns.find((c) => c.name === colName || c.key === normalizeHeader(colName));
    if (!col) continue;
    used.add(col.index);
    if (key && t.columns.some((c) => c.key === key)) mapping[key] = col.index;
  }
  const passes: ((c: HeaderColumn, n: string) => boolean)[] = [
    (c, n) => c.key === n,
    (c, n) => c.base === n || c.base === splitUnit(n).base,
  ];
  for (const tc of t.columns) {
    if (tc.key in mapping) continue;
    const ns = names(tc);
    for (const pass of passes) {
      const hits = band.columns.filter((c) => !used.has(c.index) && ns.some((n) => pass(c, n)));
      if (hits.length === 1) {
        mapping[tc.key] = hits[0]!.index;
        used.add(hits[0]!.index);
        break;
      }
      if (hits.length > 1) {
        ambiguous[tc.key] = hits.map((h) => h.name);
        break;
      }
    }
  }
  return {
    mapping,
    missing: t.columns.filter((c) => c.required && !(c.key in mapping) && !(c.type === 'id' && 'idHash' in mapping)),
    unknown: band.columns.filter((c) => !used.has(c.index) && !Object.values(mapping).includes(c.index)),
    ambiguous,
  };
}

/**
 * A department's own code values for enum columns: column (template key or Chinese name) → file value →
 * template value (a Chinese value of the column, e.g. 低保, or its code, e.g. dibao). Given with an import
 * (web form, CLI `--value-map`) and remembered per kind and county (table value_mapping).
 */
export type ValueMap = Record<string, Record<string, string>>;

/** A cell value as the enum parser compares it (rows.ts): no white space, full-width brackets as ASCII. */
export const enumKey = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')');

/**
 * The template with a value map applied: each mapped file value is one more accepted value of its enum
 * column, standing for the template value it maps to. Pure.
 * @returns the template, the map keyed by column key with codes as targets (what is remembered), and
 *   one error per entry naming a column that is not an enum of the template or a target that is not one
 *   of its values (field `valueMap.<列>.<值>`)
 */
export function applyValueMap(t: ImportTemplate, vm: ValueMap): { template: ImportTemplate; map: ValueMap; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const map: ValueMap = {};
  const columns = t.columns.map((c) => ({ ...c, values: c.values ? { ...c.values } : undefined }));
  for (const [col, entries] of Object.entries(vm)) {
    const tc = columns.find((c) => c.key === col || normalizeHeader(c.zh) === normalizeHeader(col) || (c.synonyms ?? []).some((s) => normalizeHeader(s) === normalizeHeader(col)));
    if (!tc || (tc.type !== 'enum' && tc.type !== 'bool') || !tc.values) {
      errors.push({ field: `valueMap.${col}`, message: `“${col}”不是${t.zh}中可对应取值的列` });
      continue;
    }
    for (const [from, to] of Object.entries(entries)) {
      const code = tc.values[enumKey(to)] ?? (Object.values(tc.values).includes(to) ? to : undefined);
      if (code === undefined || enumKey(from) === '') {
        errors.push({ field: `valueMap.${col}.${from}`, message: `“${to}”不是“${tc.zh}”的取值(可填:${[...new Set(Object.keys(tc.values))].slice(0, 12).join('、')})` });
        continue;
      }
      tc.values[enumKey(from)] = code;
      (map[tc.key] ??= {})[from] = code;
    }
  }
  return { template: { ...t, columns }, map, errors };
}

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

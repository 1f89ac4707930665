/**
 * Finding the header in a sheet as county staff make them: title and unit rows above it (the national
 * exports put the header on row 3), and headers over two rows where a parent cell merged across columns
 * names a group (户主信息 → 姓名, 身份证号). Column names become `parent/child` when a group has a
 * parent, so that the two 姓名 columns of different groups stay apart.
 */
import { cellText, isBlank, type RawRow } from './cell';

/** Money unit named in a header, e.g. 工资性收入（元）, 经营性收入（万元）. */
export type HeaderUnit = 'yuan' | 'wanYuan' | null;

/** One column of the header. */
export interface HeaderColumn {
  /** 0-based column index */
  index: number;
  /** full name as shown in the file (white space removed): `parent/child` in a two-row header */
  name: string;
  /** normalised full name, for matching (see normalizeHeader) */
  key: string;
  /** the lower header cell (or the only one) without its unit */
  base: string;
  parent: string | null;
  unit: HeaderUnit;
}

export interface HeaderBand {
  /** spreadsheet rows of the header (one or two) */
  rows: number[];
  columns: HeaderColumn[];
}

/** Rows searched for the header. */
export const HEADER_SEARCH_ROWS = 15;

/** Header text normalised for comparison: no white space, no required-marker `*`, ASCII parentheses. */
export function normalizeHeader(s: string): string {
  return s
    .replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '')
    .replace(/[*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

const shown = (s: string) => s.replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '');

/** Units that may follow a header in parentheses. */
const UNIT_WORDS = /^(元|万元|元\/年|元\/月|元\/人|亩|平方米|m2|㎡|公里|km|人|户|个|月|岁|%|分)$/i;

/** Splits a unit in trailing parentheses off a header: 工资性收入(元) → [工资性收入, 元]. */
export function splitUnit(h: string): { base: string; unitText: string | null } {
  const m = /^(.*?)\(([^()]*)\)$/.exec(h);
  if (m && m[1] && UNIT_WORDS.test(m[2]!)) return { base: m[1], unitText: m[2]! };
  return { base: h, unitText: null };
}

function unitOf(text: string | null): HeaderUnit {
  if (!text) return null;
  if (/万元/.test(text)) return 'wanYuan';
  if (/^元/.test(text) || /元/.test(text)) return 'yuan';
  return null;
}

/**
 * Picks the header among the first rows: the row where the scorer recognises most column names (ties:
 * the earlier row); with two rows when the row below a group row repeats a name or leaves a cell empty
 * under a filled one (a cell merged down, like 序号). Returns null when no row scores at least `minScore`.
 * @param score number of recognised names in a list of normalised header names
 */
export function detectHeader(rows: readonly RawRow[], score: (names: string[]) => number, minScore = 1): HeaderBand | null {
  let best: { i: number; s: number } | null = null;
  rows.forEach((r, i) => {
    const names = r.cells.map((c) => normalizeHeader(cellText(c)));
    const s = score(names) + score(names.map((n) => splitUnit(n).base));
    if (s >= minScore && (!best || s > best.s)) best = { i, s };
  });
  if (!best) return null;
  const { i } = best as { i: number; s: number };
  const child = rows[i]!;
  const above = i > 0 ? rows[i - 1] : undefined;
  const childTexts = child.cells.map((c) => shown(cellText(c)));
  const nonEmpty = childTexts.filter((t) => t !== '');
  const hasDup = new Set(nonEmpty).size !== nonEmpty.length;
  const width = Math.max(child.cells.length, above?.cells.length ?? 0);
  let twoRow = false;
  if (above && above.row === child.row - 1 && above.cells.filter((c) => !isBlank(c)).length >= 2) {
    const mergedDown = Array.from({ length: width }, (_, k) => k).some((k) => isBlank(child.cells[k]) && !isBlank(above.cells[k]));
    twoRow = hasDup || mergedDown;
  }
  const parents: (string | null)[] = [];
  if (twoRow) {
    let last: string | null = null;
    for (let k = 0; k < width; k++) {
      const p = shown(cellText(above!.cells[k]));
      if (p) last = p;
      else if (!isBlank(child.cells[k]) && last !== null) {
        /* a parent merged across columns: the stream keeps only its first cell */
      } else last = null;
      parents.push(p || last);
    }
  }
  const columns: HeaderColumn[] = [];
  for (let k = 0; k < width; k++) {
    const c = childTexts[k] ?? '';
    const p = twoRow ? parents[k] ?? null : null;
    if (!c && !p) continue;
    const own = splitUnit(normalizeHeader(c || p!));
    const parentUnit = p ? splitUnit(normalizeHeader(p)).unitText : null;
    const name = p && c && p !== c ? `${p}/${c}` : c || p!;
    columns.push({ index: k, name, key: normalizeHeader(name), base: own.base, parent: p && c && p !== c ? normalizeHeader(p) : null, unit: unitOf(own.unitText) ?? unitOf(parentUnit) });
  }
  return { rows: twoRow ? [above!.row, child.row] : [child.row], columns };
}

/** Rows below a table that are not data: totals and notes. */
export function isFooterRow(r: RawRow): boolean {
  const first = r.cells.find((c) => !isBlank(c));
  if (!first) return false;
  const t = cellText(first).trim();
  return /^(合\s*计|总\s*计|小\s*计|注[:：]|说明[:：]|备注[:：]|填表人|制表人|审核人)/.test(t);
}

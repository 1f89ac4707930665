/**
 * Finding the village of a row (issue 9 item 8, issue 8 item 2). Pure: the caller loads the county's towns,
 * villages and remembered name mappings, and the crosswalk status of the code's county.
 *
 * Order: by code (12-digit 村级区划代码), else by the full town + village path within the county, else by a
 * name mapping the county's users made once in an import preview. Names are compared whole after
 * normalisation (NFKC, no spaces, the committee suffix of the statistical code list read as the place it
 * names: 石门村民委员会 = 石门村委会 = 石门村村委会 = 石门村; 东华社区居委会 = 东华社区). A name that only begins
 * like a real one (石门 for 石门村) is a near miss: it gets suggestions and is never assigned by itself. A village
 * name alone that two towns of the county hold is AMBIGUOUS_VILLAGE with both candidates. Placeholder
 * characters (_ ? □ �, and their full-width forms) in a code or name never match and never create a place.
 * Source of the code structure: 统计用区划代码 (National Bureau of Statistics): county 6 digits, township 9,
 * village 12; names as in data/regions/divisions-west-2023.csv.gz.
 */
import { describeChain, type CodeStatus } from './crosswalk';

/** A town or village of the current code list. */
export interface PlaceNode {
  code: string;
  name: string;
  parentCode: string | null;
}

/** What the resolver needs of one county: its towns (9 digits), villages (12 digits) and remembered mappings. */
export interface CountyPlaces {
  county: { code: string; name: string };
  towns: readonly PlaceNode[];
  villages: readonly PlaceNode[];
  /** mappingKey(town, village) → township (9) or village (12) code */
  mappings: ReadonlyMap<string, string>;
}

/** Problem codes of place resolution (the import report's problem codes). */
export type PlaceProblem =
  | 'PLACE_PLACEHOLDER'
  | 'VILLAGE_CODE_INVALID'
  | 'VILLAGE_CODE_UNKNOWN'
  | 'VILLAGE_CODE_RETIRED'
  | 'AMBIGUOUS_VILLAGE'
  | 'AMBIGUOUS_TOWN'
  | 'TOWN_NOT_FOUND'
  | 'VILLAGE_NOT_FOUND'
  | 'VILLAGE_NAME_MISSING';

/** A candidate or suggestion: code, name and the town it lies in. */
export interface PlaceOption {
  code: string;
  name: string;
  town: string | null;
}

/** The outcome for one row. `warning` travels with a found place (an old code mapped to the current one). */
export type PlaceOutcome =
  | { ok: true; code: string; via: 'code' | 'path' | 'mapping' | 'crosswalk'; warning?: { code: 'PLACE_CODE_REPLACED'; message: string } }
  | {
      ok: false;
      problem: PlaceProblem;
      message: string;
      /** equally good matches (AMBIGUOUS_*) */
      candidates?: PlaceOption[];
      /** near misses offered to the user (never assigned) */
      suggestions?: PlaceOption[];
      /** set when the user may map the file's names once (TOWN_NOT_FOUND, VILLAGE_NOT_FOUND) */
      mappable?: { town: string; village: string };
    };

const PLACEHOLDER = /[_?□\uFFFD]/u;

/** NFKC, no white space (full-width forms and spaces never make two names differ). */
export function placeText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

/** True when a code or name holds a placeholder character (_ ? □ �, full-width forms included). */
export function hasPlaceholder(s: string): boolean {
  return PLACEHOLDER.test(placeText(s));
}

/**
 * The name a village is compared by: the committee suffix of the statistical list read as the place
 * (X村民委员会, X村委会, X村村委会 → X村; X社区居委会, X社区居民委员会, X居民委员会, X居委会 → X社区).
 */
export function villageStem(name: string): string {
  let s = placeText(name);
  if (/社区(居民委员会|居委会)$/u.test(s)) return s.replace(/(居民委员会|居委会)$/u, '');
  if (/(居民委员会|居委会)$/u.test(s)) return s.replace(/(居民委员会|居委会)$/u, '社区');
  if (/村(民委员会|委会)$/u.test(s)) {
    s = s.replace(/(民委员会|委会)$/u, '');
    return s.endsWith('村村') ? s.slice(0, -1) : s;
  }
  return s;
}

/** The key a remembered mapping is stored under: normalised town and village names ('' when absent). */
export function mappingKey(town: string | null | undefined, village: string | null | undefined): string {
  return `${town ? placeText(town) : ''}/${village ? villageStem(village) : ''}`;
}

const nearMiss = (given: string, real: string) => given !== real && given.length > 0 && (real.startsWith(given) || given.startsWith(real));

/**
 * Resolves a row by its 12-digit village code.
 * @param countyStatus crosswalk status of the code's first six digits (crosswalk.currentCodeOf)
 * @param places the current county's places (the county of countyStatus when current or replaced), or null
 * @param villageName the row's village name, when the file has one: an old code is mapped only when the
 *   village under the current county code bears that name
 */
export function resolveByCode(code: string, villageName: string | null, countyStatus: CodeStatus, places: CountyPlaces | null): PlaceOutcome {
  if (hasPlaceholder(code)) return { ok: false, problem: 'PLACE_PLACEHOLDER', message: `村级区划代码“${code}”含占位字符,不能用来确定村` };
  const c = placeText(code);
  if (!/^\d{12}$/.test(c)) return { ok: false, problem: 'VILLAGE_CODE_INVALID', message: `村级区划代码“${code}”应为12位数字` };
  if (countyStatus.status === 'unknown') return { ok: false, problem: 'VILLAGE_CODE_UNKNOWN', message: `村级区划代码 ${c}:${countyStatus.reason}` };
  if (countyStatus.status === 'divided') {
    return {
      ok: false, problem: 'VILLAGE_CODE_RETIRED',
      message: `村级区划代码 ${c} 所属的县级区划已撤销并分入 ${countyStatus.candidates.join('、') || '(未收录的区划)'},无法确定现属哪个村,请填写现行代码:${describeChain(countyStatus.chain)}`,
    };
  }
  const town = (code9: string) => places?.towns.find((t) => t.code === code9)?.name ?? null;
  if (countyStatus.status === 'current') {
    const v = places?.villages.find((x) => x.code === c);
    return v ? { ok: true, code: c, via: 'code' } : { ok: false, problem: 'VILLAGE_CODE_UNKNOWN', message: `村级区划代码 ${c} 不在${places?.county.name ?? '该县'}的现行区划代码中` };
  }
  const candidate = countyStatus.code + c.slice(6);
  const v = places?.villages.find((x) => x.code === candidate);
  const steps = describeChain(countyStatus.chain);
  if (v && villageName !== null && villageStem(villageName) === villageStem(v.name)) {
    return { ok: true, code: candidate, via: 'crosswalk', warning: { code: 'PLACE_CODE_REPLACED', message: `旧区划代码 ${c} 已按区划变更改为现行代码 ${candidate}(${v.name}):${steps}` } };
  }
  return {
    ok: false, problem: 'VILLAGE_CODE_RETIRED',
    message: `村级区划代码 ${c} 属于已变更的县级区划(${steps});${v ? `现行代码 ${candidate} 是“${v.name}”,${villageName ? `与本行村名“${villageName}”不符` : '本行没有村名可核对'}` : `现行代码中没有 ${candidate}`},请填写现行代码`,
    suggestions: v ? [{ code: v.code, name: v.name, town: town(v.code.slice(0, 9)) }] : undefined,
  };
}

/**
 * Resolves a row by its town and village names within one county (see the module comment for the rules).
 * @param town the file's township name, or null when the file has none
 * @param village the file's village name
 */
export function resolveByPath(town: string | null, village: string | null, places: CountyPlaces): PlaceOutcome {
  for (const [label, s] of [['乡镇', town], ['村', village]] as const) {
    if (s && hasPlaceholder(s)) return { ok: false, problem: 'PLACE_PLACEHOLDER', message: `${label}名“${s}”含占位字符,不能用来确定或新建地点` };
  }
  if (!village || !placeText(village)) return { ok: false, problem: 'VILLAGE_NAME_MISSING', message: '村名为空' };
  const townName = (code: string | null) => (code ? places.towns.find((t) => t.code === code)?.name ?? null : null);
  const option = (v: PlaceNode): PlaceOption => ({ code: v.code, name: v.name, town: townName(v.parentCode) });
  const stem = villageStem(village);
  const mapped = places.mappings.get(mappingKey(town, village));
  if (mapped && places.villages.some((v) => v.code === mapped)) return { ok: true, code: mapped, via: 'mapping' };

  let pool = places.villages;
  let where = places.county.name;
  if (town && placeText(town)) {
    const t = placeText(town);
    const towns = places.towns.filter((x) => placeText(x.name) === t);
    const townMapped = places.mappings.get(mappingKey(town, null));
    if (towns.length === 0 && townMapped) towns.push(...places.towns.filter((x) => x.code === townMapped));
    if (towns.length > 1) {
      return { ok: false, problem: 'AMBIGUOUS_TOWN', message: `乡镇名“${town}”在${places.county.name}有 ${towns.length} 个`, candidates: towns.map((x) => ({ code: x.code, name: x.name, town: null })) };
    }
    if (towns.length === 0) {
      const suggestions = places.towns.filter((x) => nearMiss(t, placeText(x.name))).slice(0, 5).map((x) => ({ code: x.code, name: x.name, town: null }));
      return {
        ok: false, problem: 'TOWN_NOT_FOUND',
        message: `在${places.county.name}的区划代码中找不到乡镇“${town}”${suggestions.length ? `(相近:${suggestions.map((x) => x.name).join('、')};不会自动采用)` : ''};可在导入预览中对应一次,以后自动沿用`,
        suggestions, mappable: { town, village },
      };
    }
    pool = places.villages.filter((v) => v.parentCode === towns[0]!.code);
    where = towns[0]!.name;
  }
  const hits = pool.filter((v) => villageStem(v.name) === stem);
  if (hits.length === 1) return { ok: true, code: hits[0]!.code, via: 'path' };
  if (hits.length > 1) {
    const candidates = hits.map(option);
    return {
      ok: false, problem: 'AMBIGUOUS_VILLAGE',
      message: `村名“${village}”在${where}有 ${hits.length} 个:${candidates.map((x) => `${x.town ?? ''}${x.name}(${x.code})`).join('、')};请补上乡镇名或填写村级区划代码`,
      candidates,
    };
  }
  const suggestions = pool.filter((v) => nearMiss(stem, villageStem(v.name))).slice(0, 5).map(option);
  return {
    ok: false, problem: 'VILLAGE_NOT_FOUND',
    message: `在${where}的区划代码中找不到村“${village}”${suggestions.length ? `(相近:${suggestions.map((x) => x.name).join('、')};不会自动采用)` : ''};可在导入预览中对应一次,以后自动沿用`,
    suggestions, mappable: { town: town ?? '', village },
  };
}

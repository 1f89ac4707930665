/**
 * The value vocabularies of the national monitoring system's exports (全国防返贫监测信息系统), read from
 * data/national-vocabularies.csv: one row per spelling the system writes (old and new), the code the
 * registry keeps for it, whether it is the spelling written for that code when no original spelling is
 * known (`preferred`), and the source of the spelling. Several spellings share one code (之父 and 父亲 →
 * father; 本科一年级 and 本科 → undergraduate); the import keeps the original spelling per row
 * (national_row), so that an export writes back what came in.
 *
 * Checked when first read: every code belongs to its code list (src/shared/enums.ts, workflow.ts), every
 * row has a source, each code has exactly one preferred spelling, no spelling twice in a vocabulary. A
 * bad file is refused (bad_file naming the row).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  EDUCATION_LEVELS, HEALTH_STATUSES, HOUSEHOLD_TYPES, ID_TYPES, LABOUR_SKILLS, MONITORED_CATEGORIES, RELATIONS_TO_HEAD, RISK_TYPES, SCHOOL_STAGES, SEXES,
} from '../../../shared/enums';
import { ELIMINATION_MODES, MEASURE_SUB_KINDS } from '../../../shared/workflow';
import { badFile } from '../../errors';
import { enumKey } from '../templates/mapping';

/** The codes each vocabulary maps to (yes/no-like vocabularies map to '1' / '0'). */
const CODES = {
  householdType: HOUSEHOLD_TYPES,
  monitoredCategory: MONITORED_CATEGORIES,
  riskType: RISK_TYPES,
  labourSkill: LABOUR_SKILLS,
  healthStatus: HEALTH_STATUSES,
  education: EDUCATION_LEVELS,
  schoolStage: SCHOOL_STAGES,
  relationToHead: RELATIONS_TO_HEAD,
  sex: SEXES,
  idType: ID_TYPES,
  yesNo: ['1', '0'],
  /** 享受低保政策情况: 农村低保 / 城市低保 = enjoys it */
  dibaoStatus: ['1', '0'],
  /** 享受特困供养政策情况: 农村特困 / 城市特困 = enjoys it */
  tekunStatus: ['1', '0'],
  eliminationMode: ELIMINATION_MODES,
  /** items of the measure columns that name a sub-kind (综合保障: 低保 …; 教育帮扶: 雨露计划) */
  measureSubKind: MEASURE_SUB_KINDS,
} as const satisfies Record<string, readonly string[]>;

/** Name of a vocabulary. */
export type VocabularyName = keyof typeof CODES;

/** One spelling of a vocabulary. */
export interface VocabularyEntry {
  spelling: string;
  code: string;
  preferred: boolean;
  source: string;
}

/** The file, relative to the project. */
export const VOCABULARY_FILE = 'data/national-vocabularies.csv';
const PATH = join(dirname(fileURLToPath(import.meta.url)), '../../../..', VOCABULARY_FILE);

/** A cell's text as vocabularies compare it: white space (also U+3000) dropped, full-width parentheses half-width (templates/mapping.ts enumKey). */
export const normalizeSpelling = enumKey;

let cache: Map<VocabularyName, VocabularyEntry[]> | null = null;

/**
 * Every vocabulary, checked (see the module comment). Cached after the first read.
 * @throws bad_file naming the row of the first problem
 */
export function vocabularies(): ReadonlyMap<VocabularyName, readonly VocabularyEntry[]> {
  if (cache) return cache;
  const rows = parse(readFileSync(PATH), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const out = new Map<VocabularyName, VocabularyEntry[]>();
  rows.forEach((r, i) => {
    const where = `${VOCABULARY_FILE} 第 ${i + 2} 行`;
    const name = r.vocabulary as VocabularyName;
    const codes = CODES[name] as readonly string[] | undefined;
    if (!codes) throw badFile(`${where}:未知的取值表“${r.vocabulary}”`);
    if (!codes.includes(r.code ?? '')) throw badFile(`${where}:代码“${r.code}”不在${name}的代码表中`);
    if (!r.source?.trim()) throw badFile(`${where}:缺少来源`);
    const spelling = normalizeSpelling(r.spelling ?? '');
    if (!spelling) throw badFile(`${where}:写法为空`);
    const list = out.get(name) ?? [];
    if (list.some((e) => e.spelling === spelling)) throw badFile(`${where}:写法“${spelling}”重复`);
    list.push({ spelling, code: r.code!, preferred: r.preferred === '1', source: r.source });
    out.set(name, list);
  });
  for (const [name, list] of out) {
    for (const code of new Set(list.map((e) => e.code))) {
      const n = list.filter((e) => e.code === code && e.preferred).length;
      if (n !== 1) throw badFile(`${VOCABULARY_FILE}:${name} 的代码 ${code} 应有且仅有一个首选写法(preferred=1),实有 ${n} 个`);
    }
  }
  return (cache = out);
}

/** The entries of one vocabulary. */
export const vocabulary = (name: VocabularyName): readonly VocabularyEntry[] => vocabularies().get(name) ?? [];

/** Spelling → code of a vocabulary (spellings normalised as normalizeSpelling does). */
export function vocabularyValues(name: VocabularyName): Record<string, string> {
  return Object.fromEntries(vocabulary(name).map((e) => [e.spelling, e.code]));
}

/** The spelling written for a code when no original spelling is kept (the row marked preferred). */
export function preferredSpelling(name: VocabularyName, code: string): string {
  const e = vocabulary(name).find((x) => x.code === code && x.preferred);
  if (!e) throw badFile(`${VOCABULARY_FILE}:${name} 没有代码 ${code} 的首选写法`);
  return e.spelling;
}

/**
 * The rows of the national layouts as text, both ways (issue 8 items 1 and 4). Pure.
 *
 * - `renderValue` writes a parsed value as the national system spells it: the preferred spelling of its
 *   vocabulary (data/national-vocabularies.csv), 是/否, money in yuan (fen / 100), months YYYYMM, dates ISO.
 * - `personRowValues` gives, for one member of a registry household, the value of every column of
 *   （自定义）监测对象信息 (household fields repeated on each member's row), from the registry's own shape; the
 *   import computes it from what it is about to store and the export from what is stored, so that both
 *   render the same text.
 * - `rowDiff` keeps, per imported row, each cell whose text differs from that rendering (the original
 *   spelling, with the rendering it stood for) and the cells of the columns the product does not know;
 *   `rowCells` writes a row back: the original text where the stored value still renders as it did at
 *   import, the rendering of the current value where it changed since, the unknown columns as they came.
 *   A county's file → import → export thus gives the same cells.
 */
import type { HouseholdData, PersonData } from '../../../shared/registry';
import type { IncomeData } from '../../../shared/registry';
import type { Value } from '../rows';
import type { TemplateColumn } from '../templates/template';
import { MEASURE_COLUMNS, measureKey } from '../templates/national';
import { NATIONAL_VILLAGE } from '../templates/national-other';
import { preferredSpelling } from './vocabulary';

/** A column of an imported header: its name in the file and the template key it was read as (null: unknown to the product). */
export type HeaderEntry = [name: string, key: string | null];

/** What is kept of one imported row: original spellings (column → [text, rendering]) and unknown columns (column → text). */
export interface RowKeep {
  spellings: Record<string, [string, string]>;
  extra: Record<string, string>;
}

/** A decimal as written: at most 7 significant digits (what a 4-byte real keeps), no trailing zeros. */
export const decimalText = (n: number): string => String(Number(Number(n).toPrecision(7)));

/** Integer fen as yuan text (123450 → "1234.5"). */
export const yuanText = (fen: number): string => String(Number(fen) / 100);

/** A value of a template column as the national system writes it ('' for nothing). */
export function renderValue(tc: TemplateColumn, v: Value | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (tc.type === 'bool') return tc.vocabulary ? preferredSpelling(tc.vocabulary, v ? '1' : '0') : v ? '是' : '否';
  if (tc.type === 'enum') return tc.vocabulary ? preferredSpelling(tc.vocabulary, String(v)) : String(v);
  if (tc.type === 'money') return tc.unit === 'wanYuan' ? String(Number(v) / 1_000_000) : yuanText(Number(v));
  if (tc.type === 'month') return String(v).replace('-', '');
  if (tc.type === 'decimal' || tc.type === 'int') return decimalText(Number(v));
  return String(v);
}

/** Renders every column of a template from a values map (key → value). */
export function renderRow(columns: readonly TemplateColumn[], values: Record<string, Value>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columns) if (!c.ignored) out[c.key] = renderValue(c, values[c.key]);
  return out;
}

/** Columns that work_spell stores (the other columns of the work tables are kept as they came). */
export const SPELL_KEYS: ReadonlySet<string> = new Set(['idNumber', 'working', 'startMonth', 'endMonth', 'workCounty', 'monthlyWage', 'channel', 'industry', 'employer', 'transportSubsidy', 'serviceNeed']);
/** Columns that village_profile stores (the place names are kept as they came). */
export const VILLAGE_KEYS: ReadonlySet<string> = new Set(NATIONAL_VILLAGE.columns.map((c) => c.key).filter((k) => k !== 'county' && k !== 'township' && k !== 'village'));

/**
 * What a row of one of the other national tables keeps: the columns its own table stores rendered from
 * what was stored (`stored`: template keys), every other column as it came (rendered as nothing, so the
 * cell is kept whole). JSON of the spellings and the unknown columns.
 */
export function keepOtherRow(columns: readonly TemplateColumn[], stored: ReadonlySet<string>, header: readonly HeaderEntry[], texts: readonly string[], values: Record<string, Value>): { spellingsJson: string; extraJson: string } {
  const k = rowDiff(header, texts, renderRow(columns.filter((c) => stored.has(c.key)), values));
  return { spellingsJson: JSON.stringify(k.spellings), extraJson: JSON.stringify(k.extra) };
}

/** Place names of a household's village (县, 乡, 村) and its code. */
export interface PlaceNames {
  county: string | null;
  township: string | null;
  village: string | null;
  villageCode: string;
}

/** A member as the registry holds it: the 18-character ID number, the certificate when 证件类型 is 残疾人证, sex and birth date. */
export type PersonModel = Omit<PersonData, 'sex'> & { sex: string; birthDate: string };
/** A household's fields as the registry holds them. */
export type HouseholdModel = Omit<HouseholdData, 'members' | 'incomes'>;

/** The value of every column of （自定义）监测对象信息 for one member of a household (the income of the layout's year, or null). */
export function personRowValues(place: PlaceNames, h: HouseholdModel, p: PersonModel, income: IncomeData | null): Record<string, Value> {
  const v: Record<string, Value> = {
    county: place.county, township: place.township, village: place.village, villageCode: place.villageCode,
    householdNo: h.householdNo, idNumber: p.certificateNumber ?? p.idNumber, idType: p.idType, name: p.name, relationToHead: p.relationToHead, sex: p.sex, birthDate: p.birthDate,
    ethnicity: p.ethnicity, education: p.education, schoolStage: p.schoolStage, dropoutReason: p.dropoutReason, notEnrolledReason: p.notEnrolledReason, outOfSchool: p.outOfSchool,
    healthStatus: p.healthStatus, labourSkill: p.labourSkill, workPlace: p.workPlace, employmentChannel: p.employmentChannel,
    residentMedicalInsurance: p.residentMedicalInsurance, employeeMedicalInsurance: p.employeeMedicalInsurance, criticalIllnessInsurance: p.criticalIllnessInsurance,
    medicalAssistance: p.medicalAssistance, memberUninsured: h.memberUninsured, residentPension: p.residentPension, employeePension: p.employeePension,
    dibao: p.dibao, tekun: p.tekun, tekunSupport: p.tekunSupportFen, fullSupport: h.fullSupport,
    householdType: h.householdType, monitoredCategory: h.monitoredCategory,
    identifiedMonth: h.identifiedMonth, riskEliminated: h.riskEliminated, eliminationMode: h.eliminationMode, eliminatedMonth: h.eliminatedMonth,
    housingDamagedAfter: h.housingDamagedAfter, waterDamagedAfter: h.waterDamagedAfter, outOfSchoolAfter: h.outOfSchoolAfter,
    compliantOutOfPocket: income?.compliantOutOfPocketFen ?? null, perCapitaIncome: h.recordedPerCapitaIncomeFen,
    wage: income?.wageFen ?? null, business: income?.businessIncomeFen ?? null, businessExpenses: income?.businessExpensesFen ?? null, property: income?.propertyFen ?? null, transfer: income?.transferFen ?? null,
    farmlandMu: h.farmlandMu, forestMu: h.forestMu, returnedFarmlandMu: h.returnedFarmlandMu, orchardMu: h.orchardMu, grasslandMu: h.grasslandMu, waterSurfaceMu: h.waterSurfaceMu,
    housingAreaM2: h.housingAreaM2, dangerousHouse: h.dangerousHouse, distanceToRoadKm: h.distanceToRoadKm, roadHardened: h.roadHardened, electricity: h.electricity,
    safeDrinkingWater: h.safeDrinkingWater, sanitaryToilet: h.sanitaryToilet, developmentalMeasures: h.developmentalMeasures,
    phone: h.phone, memberPhone: p.phone, collectorName: h.collectorName, collectorPhone: h.collectorPhone, workMonths: p.workMonths,
  };
  h.riskTypes.forEach((r, i) => (v[`risk${i + 1}`] = r));
  for (const m of MEASURE_COLUMNS) {
    const items = h.recordedMeasures.filter((x) => x.kind === m.kind).map((x) => x.text);
    v[measureKey(m.kind)] = items.length ? items.join('、') : null;
  }
  return v;
}

/**
 * What to keep of an imported row: every cell of a known column whose text differs from `rendered`
 * (the rendering of what the product stores for it), and every non-blank cell of an unknown column.
 * @param texts the row's cells as text, by position in `header`
 */
export function rowDiff(header: readonly HeaderEntry[], texts: readonly string[], rendered: Record<string, string>): RowKeep {
  const keep: RowKeep = { spellings: {}, extra: {} };
  header.forEach(([name, key], i) => {
    const raw = texts[i] ?? '';
    if (key === null) {
      if (raw !== '') keep.extra[name] = raw;
      return;
    }
    const r = rendered[key] ?? '';
    if (raw !== r) keep.spellings[name] = [raw, r];
  });
  return keep;
}

/**
 * A row of a national layout written back: per column of `header`, the original text where the current
 * rendering is still the one it stood for, else the current rendering; unknown columns as they came.
 */
export function rowCells(header: readonly HeaderEntry[], rendered: Record<string, string>, keep: RowKeep | undefined): string[] {
  return header.map(([name, key]) => {
    if (key === null) return keep?.extra[name] ?? '';
    const r = rendered[key] ?? '';
    const s = keep?.spellings[name];
    return s && s[1] === r ? s[0] : r;
  });
}

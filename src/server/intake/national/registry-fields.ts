/**
 * The columns of （自定义）监测对象信息 that the registry holds beyond the basic ones (issue 8, migration
 * 20261203100000-national-columns), from a parsed row to the registry's input shape: per person the 证件类型
 * and 残疾人证 number, schooling reasons, 就业渠道, 特困人员救助供养金, 务工时间, phone; per household the land
 * areas, insurance and post-elimination flags, the recorded 人均纯收入 (kept beside the recomputed figure,
 * never replacing it), phones, 信息采集人, and the assistance measures as the national system recorded them
 * (one measure per item of a measure column, MEASURE_COLUMNS). Pure.
 */
import type { HouseholdInput, PersonInput } from '../../../shared/registry';
import type { IdCellResult } from '../values/id';
import type { Value } from '../rows';
import { MEASURE_COLUMNS, measureKey } from '../templates/national';
import { normalizeSpelling, vocabularyValues } from './vocabulary';
import type { MeasureSubKind } from '../../../shared/workflow';

const text = (v: Value | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const num = (v: Value | undefined) => (typeof v === 'number' ? v : null);
const flag = (v: Value | undefined) => (typeof v === 'boolean' ? v : null);

/** Separators between the items of a measure cell (低保、残疾人补贴 / 低保,残疾人补贴 …). */
export const MEASURE_ITEM_SEPARATOR = /[、,，;；\n]+/;
/** Cell texts of a measure column that say "no measure" rather than name one. */
const NO_MEASURE = new Set(['否', '无']);

/** The items of a measure cell, trimmed, without empty ones and without 否/无. */
export function measureItems(cell: string): string[] {
  return cell.split(MEASURE_ITEM_SEPARATOR).map((x) => x.trim()).filter((x) => x !== '' && !NO_MEASURE.has(x));
}

/**
 * The measures a row records: one per item of each measure column, of the column's kind; an item that
 * names a sub-kind (综合保障: 低保, 特困供养, 残疾人补贴; 教育帮扶: 雨露计划, vocabulary measureSubKind) carries it.
 */
export function recordedMeasures(v: Record<string, Value>): NonNullable<HouseholdInput['recordedMeasures']> {
  const sub = vocabularyValues('measureSubKind');
  const out: NonNullable<HouseholdInput['recordedMeasures']> = [];
  for (const m of MEASURE_COLUMNS) {
    const cell = text(v[measureKey(m.kind)]);
    if (!cell) continue;
    for (const item of measureItems(cell)) out.push({ kind: m.kind, subKind: (sub[normalizeSpelling(item)] as MeasureSubKind | undefined) ?? null, text: item.slice(0, 200) });
  }
  return out;
}

/** Person fields of the national columns, from a parsed row and its 证件号码 cell. */
export function nationalPersonFields(pv: Record<string, Value>, id: IdCellResult): Partial<PersonInput> {
  return {
    idType: id.certificate ? 'disabilityCertificate' : 'residentId',
    certificateNumber: id.certificate?.number ?? null,
    disabilityCategory: id.certificate?.category ?? null,
    disabilityGrade: id.certificate?.grade ?? null,
    outOfSchool: flag(pv.outOfSchool),
    dropoutReason: text(pv.dropoutReason),
    notEnrolledReason: text(pv.notEnrolledReason),
    employmentChannel: text(pv.employmentChannel),
    tekunSupportFen: num(pv.tekunSupport),
    workMonths: num(pv.workMonths),
    phone: text(pv.memberPhone),
  };
}

/**
 * Household fields of the national columns, from the head's row. `recordedPerCapitaIncomeFen` is the
 * 人均纯收入（元） as recorded, for the income year of the import.
 */
export function nationalHouseholdFields(v: Record<string, Value>, year: number): Partial<HouseholdInput> {
  const recorded = num(v.perCapitaIncome);
  return {
    returnedFarmlandMu: num(v.returnedFarmlandMu), orchardMu: num(v.orchardMu), grasslandMu: num(v.grasslandMu), waterSurfaceMu: num(v.waterSurfaceMu),
    memberUninsured: flag(v.memberUninsured), fullSupport: flag(v.fullSupport),
    housingDamagedAfter: flag(v.housingDamagedAfter), waterDamagedAfter: flag(v.waterDamagedAfter), outOfSchoolAfter: flag(v.outOfSchoolAfter),
    recordedPerCapitaIncomeFen: recorded, recordedIncomeYear: recorded === null ? null : year,
    phone: text(v.phone), collectorName: text(v.collectorName), collectorPhone: text(v.collectorPhone),
    developmentalMeasures: text(v.developmentalMeasures),
    recordedMeasures: recordedMeasures(v),
  };
}

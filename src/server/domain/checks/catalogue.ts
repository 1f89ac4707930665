/**
 * The catalogue of data-quality checks (数据质量核查) and the runners. Each check has an id, a Chinese name,
 * what it means in policy, its source, the level it applies to and a fix hint (model.ts CheckInfo); the
 * families are one file each. Findings carry the values that triggered them.
 */
import { ASSISTANCE_CHECKS } from './assistance';
import { CERTIFICATE_CHECKS } from './certificates';
import { HOUSEHOLD_CHECKS } from './household';
import { INCOME_CHECKS } from './income';
import { INSURANCE_CHECKS } from './insurance';
import { LABOUR_CHECKS } from './labour';
import { LAND_CHECKS } from './land';
import { MEASURE_CHECKS } from './measures';
import { factsOf, labelled, type CheckDef, type CheckFamily, type CheckHousehold, type CheckInfo, type CheckLevel, type CheckVillage, type Finding, type VillageCheckDef } from './model';
import { MONITORING_CHECKS } from './monitoring';
import { PHONE_CHECKS } from './phones';
import { PLAN_CHECKS } from './plans';
import { REQUIRED_CHECKS } from './required';
import { STUDENT_CHECKS } from './students';
import { VILLAGE_CHECKS } from './villages';
import { WORK_CHECKS } from './work';

/** Household-level checks (household, person and spell findings), family by family. */
export const CHECKS: readonly CheckDef[] = [
  ...HOUSEHOLD_CHECKS, ...CERTIFICATE_CHECKS, ...PHONE_CHECKS, ...INSURANCE_CHECKS, ...ASSISTANCE_CHECKS, ...LABOUR_CHECKS, ...STUDENT_CHECKS,
  ...MONITORING_CHECKS, ...MEASURE_CHECKS, ...WORK_CHECKS, ...PLAN_CHECKS, ...INCOME_CHECKS, ...REQUIRED_CHECKS, ...LAND_CHECKS,
];
export { VILLAGE_CHECKS };

/** Every check's catalogue entry (no functions), household checks first, then village checks. */
export const CATALOGUE: readonly CheckInfo[] = [...CHECKS, ...VILLAGE_CHECKS].map(({ id, family, zh, meaning, source, level, hint, health }) => ({ id, family, zh, meaning, source, level, hint, ...(health ? { health } : {}) }));

/** Ids of the checks whose facts are health information (withheld without personal.view). */
export const HEALTH_CHECK_IDS: ReadonlySet<string> = new Set(CATALOGUE.filter((c) => c.health).map((c) => c.id));

/** Filters of the catalogue (GET /checks/catalogue). `q` matches id, name, meaning or source. */
export interface CatalogueFilter {
  family?: CheckFamily;
  level?: CheckLevel;
  q?: string;
}

/** The catalogue entries matching every given filter, in catalogue order. */
export function findChecks(f: CatalogueFilter = {}): CheckInfo[] {
  const q = f.q?.trim().toLowerCase();
  return CATALOGUE.filter((c) => (!f.family || c.family === f.family) && (!f.level || c.level === f.level) && (!q || [c.id, c.zh, c.meaning, c.source].some((s) => s.toLowerCase().includes(q))));
}

/** Runs every household check on one household. Checks whose data the household lacks are skipped. */
export function runChecks(h: CheckHousehold, asOf: string, checks: readonly CheckDef[] = CHECKS): Finding[] {
  const out: Finding[] = [];
  for (const c of checks) {
    if (c.applies && !c.applies(h)) continue;
    for (const hit of c.run(h, asOf)) {
      const values = labelled(hit.values);
      out.push({
        checkId: c.id, householdId: h.householdId, householdNo: h.householdNo, countyCode: h.countyCode, villageCode: h.villageCode,
        member: hit.member ? hit.member.name : null, sourceRow: hit.sourceRow ?? null, values, facts: factsOf(values),
      });
    }
  }
  return out;
}

/** Runs every village check on one village profile; findings name the village (no household). */
export function runVillageChecks(v: CheckVillage, checks: readonly VillageCheckDef[] = VILLAGE_CHECKS): Finding[] {
  const out: Finding[] = [];
  for (const c of checks) {
    const values = c.run(v);
    if (values) out.push({ checkId: c.id, householdId: null, householdNo: '', countyCode: v.countyCode, villageCode: v.villageCode, member: null, sourceRow: v.sourceRow, values, facts: factsOf(values) });
  }
  return out;
}

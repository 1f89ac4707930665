/**
 * Every data-quality check on hand-built records (as of 2026-03-15, generated: no real person): one record
 * that fires the check and one near miss that does not, each asserting the check's id. A clean household
 * and a clean village raise nothing; the catalogue has at least 150 checks, each described in full.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, CHECKS, findChecks, runChecks, runVillageChecks, VILLAGE_CHECKS } from './catalogue';
import type { CheckHousehold, CheckMember, CheckSpell, CheckVillage } from './model';

const asOf = '2026-03-15';
/** A member: 46-year-old healthy ordinary labourer, male (17th ID digit 1), insured, not in school. */
const m = (over: Partial<CheckMember> = {}): CheckMember => ({
  name: '成员', idMasked: '522633**********12', idStatus: 'valid', idType: 'residentId', certificate: null, birthDate: '1980-01-01', sex: 'male', relationToHead: 'head',
  ethnicity: '汉族', education: 'juniorSecondary', healthStatus: 'healthy', disabilityGrade: null, disabilityCategory: null, labourSkill: 'ordinary', schoolStage: 'notInSchool', workPlace: null,
  residentMedicalInsurance: 1, employeeMedicalInsurance: 0, criticalIllnessInsurance: 1, medicalAssistance: 0, residentPension: 1, employeePension: 0, dibao: 0, tekun: 0,
  outOfSchool: false, dropoutReason: null, notEnrolledReason: null, employmentChannel: null, tekunSupportFen: null, workMonths: null, phoneMasked: '138******78', spells: [], plans: [], ...over,
});
/** The spouse: female (17th digit 2), born 1982. */
const spouse = (over: Partial<CheckMember> = {}) => m({ name: '配偶', relationToHead: 'spouse', sex: 'female', idMasked: '522633**********21', birthDate: '1982-05-01', ...over });
/** A spell of migrant work, complete, in another county. */
const sp = (over: Partial<CheckSpell> = {}): CheckSpell => ({
  kind: 'workSpell', sourceRow: 4, working: true, startMonth: '2025-03', endMonth: null, workCounty: '南海区', monthlyWageFen: 450_000, channel: '自主就业', industry: '制造业', employer: '某电子厂', transportSubsidyFen: null, serviceNeed: null, ...over,
});
const plan = (over: Partial<CheckSpell> = {}): CheckSpell => sp({ kind: 'workPlan', startMonth: null, monthlyWageFen: null, channel: null, industry: null, employer: null, serviceNeed: '岗位推荐', ...over });
/** A clean household from a national export: 一般农户, not monitored, every national field given. */
const h = (over: Partial<CheckHousehold> = {}): CheckHousehold => ({
  householdId: 1, householdNo: 'H1', countyCode: '522633', countyName: '从江县', villageCode: '522633100207', fromNational: true, householdType: 'ordinaryRural', monitoredCategory: null, riskTypes: [],
  identifiedMonth: null, riskEliminated: false, eliminationMode: null, eliminatedMonth: null, farmlandMu: 3, forestMu: 5, returnedFarmlandMu: 0, orchardMu: 0, grasslandMu: 0, waterSurfaceMu: 0,
  housingAreaM2: 120, dangerousHouse: false, distanceToRoadKm: 1, roadHardened: true, electricity: true, safeDrinkingWater: true, sanitaryToilet: true, memberUninsured: false, fullSupport: false,
  housingDamagedAfter: null, waterDamagedAfter: null, outOfSchoolAfter: null, recordedPerCapitaIncomeFen: 1_000_000, phoneMasked: '138******78', collectorName: '王**', collectorPhoneMasked: '139******01',
  developmentalMeasures: '是', memberCount: 2, members: [m(), spouse()], perCapitaNetIncomeFen: 1_000_000,
  income: { wageFen: 2_000_000, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0, compliantOutOfPocketFen: 0 }, thresholdFen: 730_000, measures: [], ...over,
});
/** The household with a third member. */
const plus = (x: Partial<CheckMember>, over: Partial<CheckHousehold> = {}) => h({ memberCount: 3, members: [m(), spouse(), m({ name: '之子', relationToHead: 'son', birthDate: '2005-06-01', ...x })], ...over });
/** The head changed. */
const hd = (x: Partial<CheckMember>, over: Partial<CheckHousehold> = {}) => h({ members: [m(x), spouse()], ...over });
/** Monitored, risk open (边缘易致贫户, identified 2025-06). */
const MON = { monitoredCategory: 'marginalVulnerable', identifiedMonth: '2025-06', riskTypes: ['illness'] } as const;
const mon = (over: Partial<CheckHousehold> = {}) => h({ ...MON, riskTypes: [...MON.riskTypes], measures: [{ kind: 'health', subKind: null, text: '医疗救助' }], ...over });
/** Eliminated by assistance 2026-01 after identification 2025-06. */
const elim = (over: Partial<CheckHousehold> = {}) => mon({ riskEliminated: true, eliminationMode: 'assistance', eliminatedMonth: '2026-01', housingDamagedAfter: false, waterDamagedAfter: false, outOfSchoolAfter: false, ...over });
const meas = (...xs: [string, string | null, string][]) => xs.map(([kind, subKind, text]) => ({ kind, subKind, text })) as CheckHousehold['measures'];
const inc = (over: Partial<NonNullable<CheckHousehold['income']>>) => ({ wageFen: 2_000_000, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0, compliantOutOfPocketFen: 0, ...over });
const worker = (s: Partial<CheckSpell> = {}, x: Partial<CheckMember> = {}, over: Partial<CheckHousehold> = {}) => plus({ birthDate: '2000-01-01', spells: [sp(s)], ...x }, over);

const ids = (x: CheckHousehold) => runChecks(x, asOf).map((f) => f.checkId);

/** [check id, a record that fires it, a near miss that does not]. */
const CASES: [string, CheckHousehold, CheckHousehold][] = [
  // household and relations
  ['Q02', h({ members: [m(), spouse({ relationToHead: 'head' })] }), h()],
  ['Q03', h({ members: [m({ relationToHead: 'son' }), spouse()] }), h()],
  ['Q04', h({ members: [], memberCount: 0 }), h()],
  ['Q05', plus({ birthDate: '2027-01-01' }), plus({ birthDate: '2026-03-01' })],
  ['Q06', h({ memberCount: 5 }), h({ memberCount: 2 })],
  ['Q30', hd({ birthDate: '2011-01-01' }), hd({ birthDate: '2010-01-01' })],
  ['HH-01', h({ members: [m(), spouse({ sex: 'male', idMasked: '522633**********11' })] }), h()],
  ['HH-02', plus({ sex: 'female', idMasked: '522633**********22' }), plus({ relationToHead: 'daughter', sex: 'female', idMasked: '522633**********22' })],
  ['HH-03', plus({ relationToHead: 'daughter' }), plus({ relationToHead: 'son' })],
  ['HH-04', plus({ birthDate: '1990-01-01' }), plus({ birthDate: '1992-01-01' })],
  ['HH-05', plus({ relationToHead: 'father', birthDate: '1970-01-01' }), plus({ relationToHead: 'father', birthDate: '1955-01-01' })],
  ['HH-06', plus({ relationToHead: 'spouse', sex: 'female', idMasked: '522633**********22', birthDate: '1985-01-01' }), plus({ relationToHead: 'daughterInLaw', sex: 'female', idMasked: '522633**********22', birthDate: '1985-01-01' })],
  // certificates
  ['Q31', hd({ idStatus: 'checkFailed' }), hd({ idStatus: 'valid' })],
  ['Q23', hd({ healthStatus: 'disabled' }), hd({ healthStatus: 'disabled', disabilityGrade: 2 })],
  ['Q24', hd({ disabilityGrade: 2 }), hd({ disabilityGrade: 2, healthStatus: 'disabled' })],
  ['CRT-01', hd({ idStatus: 'checkFailed', idType: 'disabilityCertificate', healthStatus: 'disabled' }), hd({ idStatus: 'checkFailed' })],
  ['CRT-02', hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X82' }), hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X72' })],
  ['CRT-03', hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X45' }), hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X44' })],
  ['CRT-04', hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X4' }), hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X42' })],
  ['CRT-05', hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X42', disabilityGrade: 3 }), hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', certificate: '11010519491231002X42', disabilityGrade: 2 })],
  ['CRT-06', hd({ idType: 'disabilityCertificate', healthStatus: 'healthy' }), hd({ idType: 'disabilityCertificate', healthStatus: 'disabled', disabilityGrade: 2 })],
  ['CRT-07', hd({ idMasked: '999999**********12' }), hd({ idMasked: '522633**********12' })],
  ['CRT-08', hd({ idMasked: '522633**********22' }), hd({ idMasked: '522633**********32' })],
  // phones
  ['TEL-01', h({ householdType: 'liftedOutOfPoverty', phoneMasked: null }), h({ householdType: 'liftedOutOfPoverty', phoneMasked: '138******78' })],
  ['TEL-02', h({ phoneMasked: '123*****78' }), h({ phoneMasked: '085*******34' })],
  ['TEL-03', h({ ...MON, riskTypes: ['illness'], members: [m({ workPlace: '广东省佛山市南海区', phoneMasked: null }), spouse()] }), h({ ...MON, riskTypes: ['illness'], members: [m({ workPlace: '广东省佛山市南海区' }), spouse()] })],
  ['TEL-04', hd({ spells: [sp()], phoneMasked: '085*******34' }), hd({ spells: [sp()], phoneMasked: '159******34' })],
  ['TEL-05', hd({ phoneMasked: '12****' }), hd({ phoneMasked: '085*******34' })],
  ['TEL-06', mon({ collectorName: null }), mon({ collectorName: '王**' })],
  ['TEL-07', h({ collectorPhoneMasked: null }), h({ collectorName: null, collectorPhoneMasked: null })],
  ['TEL-08', h({ collectorPhoneMasked: '239******01' }), h({ collectorPhoneMasked: '199******01' })],
  // insurance
  ['Q32', hd({ residentMedicalInsurance: 0, criticalIllnessInsurance: 0 }), hd({ residentMedicalInsurance: 0, employeeMedicalInsurance: 1, criticalIllnessInsurance: 0 })],
  ['INS-01', hd({ employeeMedicalInsurance: 1 }), hd({ residentMedicalInsurance: 0, employeeMedicalInsurance: 1 })],
  ['INS-02', hd({ criticalIllnessInsurance: 0 }), hd({ residentMedicalInsurance: 0, employeeMedicalInsurance: 1, criticalIllnessInsurance: 0 })],
  ['INS-03', hd({ residentMedicalInsurance: 0 }), hd({ residentMedicalInsurance: 0, criticalIllnessInsurance: 0 })],
  ['INS-04', hd({ residentMedicalInsurance: 0, medicalAssistance: 1 }), hd({ residentMedicalInsurance: 0, employeeMedicalInsurance: 1, medicalAssistance: 1 })],
  ['INS-05', hd({ residentMedicalInsurance: 0, criticalIllnessInsurance: 0 }), hd({ residentMedicalInsurance: 0, criticalIllnessInsurance: 0 }, { memberUninsured: true })],
  ['INS-06', h({ memberUninsured: true }), h({ memberUninsured: false })],
  ['INS-07', hd({ employeePension: 1 }), hd({ residentPension: 0, employeePension: 1 })],
  ['INS-08', plus({ birthDate: '2012-01-01', residentPension: 1, labourSkill: 'none', schoolStage: 'notInSchool' }), plus({ birthDate: '2010-01-01', residentPension: 1, labourSkill: 'ordinary' })],
  ['INS-09', plus({ schoolStage: 'undergraduate', residentPension: 1 }), plus({ schoolStage: 'undergraduate', residentPension: 0 })],
  ['INS-10', plus({ birthDate: '2012-01-01', residentMedicalInsurance: 0, employeeMedicalInsurance: 1, labourSkill: 'none' }), plus({ birthDate: '2012-01-01', labourSkill: 'none' })],
  ['INS-11', plus({ birthDate: '2012-01-01', residentPension: 0, employeePension: 1, labourSkill: 'none' }), plus({ birthDate: '2012-01-01', residentPension: 0, labourSkill: 'none' })],
  // 低保 and 特困
  ['Q33', hd({ dibao: 1 }), hd({ dibao: 1 }, { householdType: 'liftedOutOfPoverty' })],
  ['SA-01', hd({ dibao: 1, tekun: 1, tekunSupportFen: 60_000 }), hd({ dibao: 1 })],
  ['SA-02', hd({ tekun: 1, tekunSupportFen: 60_000 }), hd({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'none' })],
  ['SA-03', hd({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'weakOrHalf', spells: [sp()] }), hd({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'weakOrHalf', spells: [sp({ working: false, monthlyWageFen: null, employer: null })] })],
  ['SA-04', hd({ tekunSupportFen: 60_000 }), hd({ tekunSupportFen: 0 })],
  ['SA-05', hd({ tekun: 1, tekunSupportFen: 0, labourSkill: 'none' }), hd({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'none' })],
  ['SA-06', mon({ members: [m({ dibao: 1 }), spouse()] }), mon({ members: [m({ dibao: 1 }), spouse()], measures: meas(['socialSecurity', 'dibao', '低保']) })],
  ['SA-07', mon({ measures: meas(['socialSecurity', 'dibao', '低保']) }), mon({ members: [m({ dibao: 1 }), spouse()], measures: meas(['socialSecurity', 'dibao', '低保']) })],
  ['SA-08', mon({ members: [m({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'none' }), spouse()] }), mon({ members: [m({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'none' }), spouse()], measures: meas(['socialSecurity', 'tekun', '特困供养']) })],
  ['SA-09', mon({ measures: meas(['socialSecurity', 'tekun', '特困供养']) }), mon({ members: [m({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'none' }), spouse()], measures: meas(['socialSecurity', 'tekun', '特困供养']) })],
  ['SA-10', mon({ measures: meas(['socialSecurity', 'disabilityAllowance', '残疾人补贴']) }), mon({ members: [m({ healthStatus: 'disabled', disabilityGrade: 2 }), spouse()], measures: meas(['socialSecurity', 'disabilityAllowance', '残疾人补贴']) })],
  ['SA-11', h({ fullSupport: true, members: [m({ dibao: 1 }), spouse({ labourSkill: 'none' })] }), h({ fullSupport: true, members: [m({ dibao: 1, labourSkill: 'lost' }), spouse({ labourSkill: 'none' })] })],
  ['SA-12', mon({ members: [m({ labourSkill: 'lost' }), spouse({ labourSkill: 'none' })] }), mon({ members: [m({ labourSkill: 'lost', dibao: 1 }), spouse({ labourSkill: 'none' })] })],
  ['SA-13', mon({ riskTypes: ['disability'], members: [m({ healthStatus: 'disabled', disabilityGrade: 1 }), spouse()] }), mon({ riskTypes: ['disability'], members: [m({ healthStatus: 'disabled', disabilityGrade: 3 }), spouse()] })],
  ['SA-14', h({ fullSupport: true, members: [m({ labourSkill: 'none' }), spouse({ labourSkill: 'none' })] }), h({ fullSupport: true, members: [m({ labourSkill: 'none', tekun: 1, tekunSupportFen: 60_000 }), spouse({ labourSkill: 'none' })] })],
  // labour
  ['Q14', mon({ riskTypes: ['lackOfLabour'] }), mon({ riskTypes: ['lackOfLabour'], members: [m(), spouse({ labourSkill: 'none' }), m({ relationToHead: 'father', birthDate: '1950-01-01', labourSkill: 'none' }), m({ relationToHead: 'mother', sex: 'female', idMasked: '522633**********22', birthDate: '1952-01-01', labourSkill: 'none' })], memberCount: 4 })],
  ['Q16', hd({ labourSkill: 'weakOrHalf' }), hd({ labourSkill: 'weakOrHalf', healthStatus: 'chronicIllness' })],
  ['LAB-01', plus({ birthDate: '2011-01-01', labourSkill: 'weakOrHalf' }), plus({ birthDate: '2010-01-01', labourSkill: 'weakOrHalf', healthStatus: 'chronicIllness' })],
  ['LAB-02', plus({ relationToHead: 'father', birthDate: '1944-01-01' }), plus({ relationToHead: 'father', birthDate: '1947-01-01' })],
  ['LAB-03', hd({ labourSkill: 'lost' }), hd({ labourSkill: 'lost', healthStatus: 'seriousIllness' })],
  ['LAB-04', hd({ labourSkill: 'none' }), plus({ schoolStage: 'undergraduate', labourSkill: 'none' })],
  ['LAB-05', hd({ healthStatus: 'disabled', disabilityCategory: 4, disabilityGrade: 2 }), hd({ healthStatus: 'disabled', disabilityCategory: 4, disabilityGrade: 3 })],
  ['LAB-06', mon({ riskTypes: ['unstableEmployment'], members: [m({ labourSkill: 'lost' }), spouse({ labourSkill: 'none' })] }), mon({ riskTypes: ['unstableEmployment'], members: [m({ labourSkill: 'weakOrHalf' }), spouse({ labourSkill: 'none' })] })],
  ['LAB-07', hd({ labourSkill: 'none', spells: [sp()] }), hd({ labourSkill: 'weakOrHalf', spells: [sp()] })],
  ['LAB-08', mon({ riskTypes: ['lackOfLabour'] }), mon({ riskTypes: ['lackOfLabour'], members: [m(), spouse({ labourSkill: 'weakOrHalf', healthStatus: 'chronicIllness' })] })],
  // students
  ['Q17', plus({ schoolStage: 'juniorSecondary', birthDate: '2005-06-01', labourSkill: 'none' }), plus({ schoolStage: 'juniorSecondary', birthDate: '2011-06-01', labourSkill: 'none' })],
  ['Q18', plus({ schoolStage: 'seniorSecondary', birthDate: '2004-06-01' }), plus({ schoolStage: 'seniorSecondary', birthDate: '2008-06-01', labourSkill: 'none' })],
  ['Q19', plus({ schoolStage: 'vocationalSecondary', birthDate: '2013-06-01', labourSkill: 'none' }), plus({ schoolStage: 'vocationalSecondary', birthDate: '2009-06-01', labourSkill: 'none' })],
  ['Q20', plus({ schoolStage: 'primary', birthDate: '2010-06-01', labourSkill: 'none' }), plus({ schoolStage: 'primary', birthDate: '2013-06-01', labourSkill: 'none' })],
  ['Q21', plus({ schoolStage: 'preschoolChild', birthDate: '2018-01-01', labourSkill: 'none' }), plus({ schoolStage: 'preschoolChild', birthDate: '2019-01-01', labourSkill: 'none' })],
  ['Q22', plus({ birthDate: '2015-01-01', labourSkill: 'none' }), plus({ birthDate: '2015-01-01', labourSkill: 'none', notEnrolledReason: '重度残疾送教上门', healthStatus: 'disabled', disabilityGrade: 1 })],
  ['STU-01', plus({ schoolStage: 'seniorSecondary', birthDate: '2008-06-01', labourSkill: 'none', spells: [sp()] }), plus({ schoolStage: 'undergraduate', spells: [sp()] })],
  ['STU-02', plus({ schoolStage: 'seniorSecondary', birthDate: '2008-06-01', labourSkill: 'none', plans: [plan()] }), plus({ schoolStage: 'notInSchool', birthDate: '2008-06-01', labourSkill: 'ordinary', plans: [plan()] })],
  ['STU-03', plus({ schoolStage: 'preschool', birthDate: '2018-01-01', labourSkill: 'none' }), plus({ schoolStage: 'preschool', birthDate: '2019-01-01', labourSkill: 'none' })],
  ['STU-04', plus({ education: 'juniorCollege', birthDate: '2008-06-01', labourSkill: 'none', schoolStage: 'vocationalCollege' }), plus({ education: 'juniorCollege', birthDate: '2007-06-01', schoolStage: 'notInSchool' })],
  ['STU-05', plus({ schoolStage: 'postgraduate', birthDate: '2007-01-01', labourSkill: 'none' }), plus({ schoolStage: 'postgraduate', birthDate: '2005-01-01', labourSkill: 'none' })],
  ['STU-06', plus({ schoolStage: 'undergraduate', birthDate: '2011-01-01', labourSkill: 'none' }), plus({ schoolStage: 'undergraduate', birthDate: '2009-01-01', labourSkill: 'none' })],
  ['STU-07', plus({ schoolStage: 'vocationalCollege', birthDate: '2012-01-01', labourSkill: 'none' }), plus({ schoolStage: 'vocationalCollege', birthDate: '2010-01-01', labourSkill: 'none' })],
  ['STU-08', plus({ birthDate: '2006-01-01', education: 'primary' }), plus({ birthDate: '2006-01-01', education: 'primary', healthStatus: 'disabled', disabilityGrade: 2 })],
  ['STU-09', plus({ outOfSchool: true }), h({ members: [m({ outOfSchool: true }), spouse({ outOfSchool: true }), m({ relationToHead: 'son', outOfSchool: true, birthDate: '2012-01-01', labourSkill: 'none', schoolStage: 'notInSchool', notEnrolledReason: '辍学' })], memberCount: 3 })],
  ['STU-10', plus({ birthDate: '2014-01-01', labourSkill: 'none', notEnrolledReason: '因病' }), plus({ birthDate: '2014-01-01', labourSkill: 'none', notEnrolledReason: '因病', healthStatus: 'seriousIllness' })],
  ['STU-11', plus({ schoolStage: 'seniorSecondary', birthDate: '2008-06-01', labourSkill: 'none', dropoutReason: '厌学' }), plus({ birthDate: '2008-06-01', dropoutReason: '厌学' })],
  ['STU-12', mon({ measures: meas(['education', 'yuluPlan', '雨露计划']) }), mon({ measures: meas(['education', 'yuluPlan', '雨露计划']), members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2008-06-01', schoolStage: 'vocationalSecondary', labourSkill: 'none' })], memberCount: 3 })],
  // identification and elimination
  ['Q07', h({ householdType: 'liftedOutOfPoverty', perCapitaNetIncomeFen: 650_000, recordedPerCapitaIncomeFen: 650_000 }), h({ householdType: 'liftedOutOfPoverty', perCapitaNetIncomeFen: 730_000, recordedPerCapitaIncomeFen: 730_000 })],
  ['Q08', elim({ eliminatedMonth: '2025-11' }), elim({ eliminatedMonth: '2025-12' })],
  ['Q09', elim({ eliminatedMonth: null }), elim()],
  ['Q10', elim({ eliminatedMonth: '2025-05', eliminationMode: 'natural' }), elim()],
  ['Q11', mon({ identifiedMonth: null }), mon()],
  ['Q12', mon({ riskTypes: [] }), mon()],
  ['Q13', h({ riskTypes: ['illness'] }), mon()],
  ['Q28', mon({ identifiedMonth: '2026-01', perCapitaNetIncomeFen: 2_100_000, recordedPerCapitaIncomeFen: 2_100_000 }), mon({ identifiedMonth: '2025-12', perCapitaNetIncomeFen: 2_100_000, recordedPerCapitaIncomeFen: 2_100_000 })],
  ['Q29', elim({ members: [m({ labourSkill: 'none' }), spouse({ labourSkill: 'lost' })] }), elim({ members: [m({ labourSkill: 'weakOrHalf' }), spouse({ labourSkill: 'lost' })] })],
  ['Q41', elim({ dangerousHouse: true }), mon({ dangerousHouse: true })],
  ['Q42', elim({ safeDrinkingWater: false }), mon({ safeDrinkingWater: false })],
  ['MON-01', h({ dangerousHouse: true }), mon({ dangerousHouse: true, riskTypes: ['housingSafety'] })],
  ['MON-02', h({ safeDrinkingWater: false }), mon({ safeDrinkingWater: false, riskTypes: ['drinkingWater'] })],
  ['MON-03', hd({ criticalIllnessInsurance: 0, residentMedicalInsurance: 0 }), hd({ criticalIllnessInsurance: 0, residentMedicalInsurance: 0, employeeMedicalInsurance: 1 })],
  ['MON-04', mon({ identifiedMonth: '2026-04' }), mon({ identifiedMonth: '2026-03' })],
  ['MON-05', elim({ eliminatedMonth: '2026-04' }), elim({ eliminatedMonth: '2026-03' })],
  ['MON-06', elim({ eliminationMode: null }), elim()],
  ['MON-07', mon({ eliminatedMonth: '2026-01' }), mon()],
  ['MON-08', elim({ housingDamagedAfter: true }), elim({ housingDamagedAfter: false })],
  ['MON-09', elim({ waterDamagedAfter: true }), elim({ waterDamagedAfter: false })],
  ['MON-10', elim({ outOfSchoolAfter: true }), elim({ outOfSchoolAfter: false })],
  ['MON-11', elim({ members: [m({ residentMedicalInsurance: 0, criticalIllnessInsurance: 0 }), spouse()] }), mon({ members: [m({ residentMedicalInsurance: 0, criticalIllnessInsurance: 0 }), spouse()] })],
  ['MON-12', elim({ members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2013-01-01', labourSkill: 'none', outOfSchool: true })] }), elim({ members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2013-01-01', labourSkill: 'none', schoolStage: 'primary' })] })],
  ['MON-13', elim({ perCapitaNetIncomeFen: 700_000, recordedPerCapitaIncomeFen: 700_000 }), elim({ eliminationMode: 'natural', perCapitaNetIncomeFen: 700_000, recordedPerCapitaIncomeFen: 700_000 })],
  ['MON-14', mon(), mon({ members: [m({ healthStatus: 'chronicIllness' }), spouse()] })],
  ['MON-15', mon({ riskTypes: ['disability'] }), mon({ riskTypes: ['disability'], members: [m({ healthStatus: 'disabled', disabilityGrade: 3 }), spouse()] })],
  ['MON-16', mon({ riskTypes: ['educationCosts'] }), mon({ riskTypes: ['educationCosts'], members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2008-06-01', schoolStage: 'seniorSecondary', labourSkill: 'none' })], memberCount: 3 })],
  ['MON-17', mon(), mon({ income: inc({ compliantOutOfPocketFen: 1_200_000 }) })],
  ['MON-18', mon({ safeDrinkingWater: false }), mon({ safeDrinkingWater: false, riskTypes: ['illness', 'drinkingWater'] })],
  ['MON-19', mon({ dangerousHouse: true }), mon({ dangerousHouse: true, riskTypes: ['illness', 'housingSafety'] })],
  ['MON-20', mon({ members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2012-01-01', labourSkill: 'none', outOfSchool: true })] }), mon({ riskTypes: ['educationCosts'], members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2012-01-01', labourSkill: 'none', outOfSchool: true })] })],
  // measures against risks
  ['Q34', mon({ measures: meas(['industry', null, '种养殖']) }), mon()],
  ['Q35', mon({ riskTypes: ['educationCosts'] }), mon({ riskTypes: ['educationCosts'], measures: meas(['education', 'yuluPlan', '雨露计划']) })],
  ['Q36', mon({ riskTypes: ['housingSafety'] }), mon({ riskTypes: ['housingSafety'], measures: meas(['relocation', null, '易地搬迁']) })],
  ['Q37', mon({ riskTypes: ['drinkingWater'] }), mon({ riskTypes: ['drinkingWater'], measures: meas(['drinkingWater', null, '饮水工程']) })],
  ['Q38', mon({ riskTypes: ['disability'] }), mon({ riskTypes: ['disability'], measures: meas(['socialSecurity', 'disabilityAllowance', '残疾人补贴']) })],
  ['Q39', mon({ measures: meas(['socialSecurity', 'dibao', '低保']) }), mon({ measures: meas(['socialSecurity', 'dibao', '低保']), members: [m({ labourSkill: 'lost' }), spouse({ labourSkill: 'none' })] })],
  ['Q40', mon({ measures: [] }), elim({ measures: [], eliminationMode: 'natural' })],
  ['MEA-01', elim({ measures: [] }), elim({ measures: [], eliminationMode: 'natural' })],
  ['MEA-02', mon(), mon({ measures: meas(['health', null, '医疗救助'], ['employment', null, '技能培训']) })],
  ['MEA-03', mon({ measures: meas(['industry', null, '种养殖']), developmentalMeasures: '尚未实施' }), mon({ measures: meas(['industry', null, '种养殖']), developmentalMeasures: '是' })],
  ['MEA-04', mon({ measures: meas(['employment', null, '技能培训']) }), mon({ measures: meas(['employment', null, '技能培训']), members: [m({ spells: [sp()] }), spouse()] })],
  ['MEA-05', mon({ measures: meas(['employment', null, '外出务工补贴']), members: [m({ spells: [sp()] }), spouse()] }), mon({ measures: meas(['employment', null, '外出务工补贴']), members: [m({ spells: [sp({ transportSubsidyFen: 50_000 })] }), spouse()] })],
  ['MEA-06', mon({ measures: meas(['employment', null, '劳务输出']), members: [m({ spells: [sp({ workCounty: '从江县', channel: '自主就业' })] }), spouse()] }), mon({ measures: meas(['employment', null, '劳务输出']), members: [m({ spells: [sp()] }), spouse()] })],
  ['MEA-07', elim({ measures: meas(['industry', null, '种养殖']) }), elim({ measures: meas(['industry', null, '种养殖']), income: inc({ businessIncomeFen: 300_000 }) })],
  ['MEA-08', elim({ measures: meas(['publicWelfareJob', null, '护林员']), income: inc({ wageFen: 0, transferFen: 2_000_000 }) }), elim({ measures: meas(['publicWelfareJob', null, '护林员']) })],
  ['MEA-09', elim({ measures: meas(['socialSecurity', 'dibao', '低保']) }), elim({ measures: meas(['socialSecurity', 'dibao', '低保']), income: inc({ transferFen: 480_000 }) })],
  ['MEA-10', mon({ members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2012-01-01', labourSkill: 'none', outOfSchool: true })] }), mon({ measures: meas(['health', null, '医疗救助'], ['compulsoryEducation', null, '控辍保学']), members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2012-01-01', labourSkill: 'none', outOfSchool: true })] })],
  ['MEA-11', mon({ memberUninsured: true, measures: meas(['industry', null, '种养殖']) }), mon({ memberUninsured: true })],
  ['MEA-12', mon({ riskTypes: ['unstableEmployment'] }), mon({ riskTypes: ['unstableEmployment'], measures: meas(['publicWelfareJob', null, '保洁员']) })],
  ['MEA-13', mon({ riskTypes: ['businessFailure'] }), mon({ riskTypes: ['businessFailure'], measures: meas(['finance', null, '小额信贷']) })],
  ['MEA-14', mon({ measures: meas(['publicWelfareJob', null, '护林员']), members: [m({ labourSkill: 'lost' }), spouse({ labourSkill: 'none' })] }), mon({ measures: meas(['publicWelfareJob', null, '护林员']), members: [m({ labourSkill: 'weakOrHalf', healthStatus: 'chronicIllness' }), spouse({ labourSkill: 'none' })] })],
  // work spells
  ['Q15', mon({ riskTypes: ['unstableEmployment'] }), mon({ riskTypes: ['unstableEmployment'], members: [m({ spells: [sp()] }), spouse()] })],
  ['Q43', worker({ monthlyWageFen: 3_800_000 }), worker({ monthlyWageFen: 3_000_000 })],
  ['WRK-01', worker({ startMonth: null }), worker({ startMonth: null, working: false, monthlyWageFen: null, employer: null })],
  ['WRK-02', worker({ endMonth: '2025-02' }), worker({ endMonth: '2025-03' })],
  ['WRK-03', worker({ startMonth: '2026-04' }), worker({ startMonth: '2026-03' })],
  ['WRK-04', worker({}, { spells: [sp({ sourceRow: 4, startMonth: '2025-03', endMonth: '2025-08' }), sp({ sourceRow: 5, startMonth: '2025-08' })] }), worker({}, { spells: [sp({ sourceRow: 4, startMonth: '2025-03', endMonth: '2025-08' }), sp({ sourceRow: 5, startMonth: '2025-09' })] })],
  ['WRK-05', worker({ workCounty: null }), worker({ workCounty: null, working: false, monthlyWageFen: null, employer: null })],
  ['WRK-06', worker({ monthlyWageFen: null }), worker({ monthlyWageFen: 100_00 })],
  ['WRK-07', worker({ employer: '' }), worker({ employer: '个体(灵活就业)' })],
  ['WRK-08', worker({ industry: null }), worker({ industry: '建筑业' })],
  ['WRK-09', worker({ channel: null }), worker({ channel: '劳务协作' })],
  ['WRK-10', worker({ pointToPoint: '' }), worker({ pointToPoint: undefined })],
  ['WRK-11', worker({ channel: '公益性岗位' }), worker({ channel: '公益性岗位', workCounty: '贵州省黔东南州从江县' })],
  ['WRK-12', worker({ workCounty: '黔东南州从江县', transportSubsidyFen: 50_000 }), worker({ transportSubsidyFen: 50_000 })],
  ['WRK-13', worker({ startMonth: '2025-03' }, { birthDate: '2009-06-01' }), worker({ startMonth: '2025-06' }, { birthDate: '2009-06-01' })],
  ['WRK-14', worker({ working: false }), worker({ working: false, monthlyWageFen: null, employer: null })],
  ['WRK-15', hd({ workMonths: 14 }), hd({ workMonths: 12 })],
  ['WRK-16', hd({ workPlace: '广东省深圳' }), hd({ workPlace: '广东省深圳市' })],
  // planned work
  ['PLN-01', plus({ birthDate: '2000-01-01', plans: [plan({ workCounty: null })] }), plus({ birthDate: '2000-01-01', plans: [plan({ workCounty: null, working: false })] })],
  ['PLN-02', plus({ birthDate: '2000-01-01', plans: [plan({ serviceNeed: null })] }), plus({ birthDate: '2000-01-01', plans: [plan()] })],
  ['PLN-03', plus({ birthDate: '2011-01-01', labourSkill: 'none', plans: [plan()] }), plus({ birthDate: '2010-01-01', plans: [plan()] })],
  ['PLN-04', plus({ birthDate: '2000-01-01', labourSkill: 'lost', healthStatus: 'seriousIllness', plans: [plan()] }), plus({ birthDate: '2000-01-01', labourSkill: 'weakOrHalf', healthStatus: 'chronicIllness', plans: [plan()] })],
  ['PLN-05', plus({ birthDate: '2000-01-01', plans: [plan({ working: null })] }), plus({ birthDate: '2000-01-01', plans: [plan({ working: false })] })],
  ['PLN-06', hd({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'weakOrHalf', healthStatus: 'chronicIllness', plans: [plan()] }), hd({ tekun: 1, tekunSupportFen: 60_000, labourSkill: 'weakOrHalf', healthStatus: 'chronicIllness', plans: [plan({ working: false })] })],
  // income
  ['INC-01', h({ recordedPerCapitaIncomeFen: 1_000_200 }), h({ recordedPerCapitaIncomeFen: 1_000_100 })],
  ['INC-02', h({ householdType: 'liftedOutOfPoverty', recordedPerCapitaIncomeFen: null, perCapitaNetIncomeFen: null, income: null }), h({ householdType: 'liftedOutOfPoverty', recordedPerCapitaIncomeFen: 1_000_000, perCapitaNetIncomeFen: null, income: null })],
  ['INC-03', h({ income: inc({ wageFen: 5_000 }), perCapitaNetIncomeFen: 2_500, recordedPerCapitaIncomeFen: 2_500 }), h({ income: inc({ wageFen: 10_000 }), perCapitaNetIncomeFen: 5_000, recordedPerCapitaIncomeFen: 5_000 })],
  ['INC-04', h({ income: inc({ wageFen: 0, businessIncomeFen: 2_000_000 }), members: [m({ spells: [sp()] }), spouse()] }), h({ members: [m({ spells: [sp()] }), spouse()] })],
  ['INC-05', hd({ dibao: 1 }), hd({ dibao: 1 }, { income: inc({ transferFen: 400_000 }) })],
  ['INC-06', hd({ tekun: 1, tekunSupportFen: 700_000, labourSkill: 'none' }, { income: inc({ transferFen: 600_000 }) }), hd({ tekun: 1, tekunSupportFen: 600_000, labourSkill: 'none' }, { income: inc({ transferFen: 600_000 }) })],
  // empty required fields
  ['REQ-01', h({ householdType: 'liftedOutOfPoverty', members: [m({ ethnicity: '' }), spouse()] }), h({ members: [m({ ethnicity: '' }), spouse()] })],
  ['REQ-02', mon({ members: [m({ healthStatus: '' }), spouse()] }), h({ members: [m({ healthStatus: '' }), spouse()] })],
  ['REQ-03', mon({ members: [m({ labourSkill: '' }), spouse()] }), mon()],
  ['REQ-04', mon({ members: [m(), spouse({ relationToHead: '' })] }), mon()],
  ['REQ-05', mon({ members: [m({ education: null, schoolStage: '' }), spouse()] }), mon({ members: [m({ education: null }), spouse()] })],
  ['REQ-06', mon({ members: [m({ sex: '' }), spouse()] }), mon()],
  ['REQ-07', mon({ members: [m({ birthDate: '' }), spouse()] }), mon()],
  ['REQ-08', mon({ members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2014-01-01', labourSkill: 'none', schoolStage: 'primary', outOfSchool: null })], memberCount: 3 }), mon({ members: [m(), spouse(), m({ relationToHead: 'son', birthDate: '2014-01-01', labourSkill: 'none', schoolStage: 'primary', outOfSchool: null })], memberCount: 3, fromNational: false })],
  ['REQ-09', mon({ members: [m({ tekun: 1, labourSkill: 'none' }), spouse()] }), mon({ members: [m({ tekun: 1, labourSkill: 'none', tekunSupportFen: 60_000 }), spouse()] })],
  ['REQ-10', mon({ housingAreaM2: null }), mon({ housingAreaM2: null, fromNational: false })],
  ['REQ-11', mon({ distanceToRoadKm: null }), mon()],
  ['REQ-12', mon({ returnedFarmlandMu: null }), h({ returnedFarmlandMu: null })],
  ['REQ-13', mon({ orchardMu: null }), mon()],
  ['REQ-14', mon({ grasslandMu: null }), mon()],
  ['REQ-15', mon({ waterSurfaceMu: null }), mon()],
  ['REQ-16', mon({ memberUninsured: null }), mon()],
  ['REQ-17', mon({ fullSupport: null }), mon()],
  ['REQ-18', elim({ housingDamagedAfter: null }), mon({ housingDamagedAfter: null })],
  ['REQ-19', elim({ waterDamagedAfter: null }), mon({ waterDamagedAfter: null })],
  ['REQ-20', elim({ outOfSchoolAfter: null }), mon({ outOfSchoolAfter: null })],
  ['REQ-21', mon({ developmentalMeasures: null }), elim({ developmentalMeasures: null })],
  ['REQ-22', h({ householdType: '' }), h()],
  // land and living conditions
  ['Q25', h({ householdType: 'liftedOutOfPoverty', farmlandMu: 120 }), h({ householdType: 'liftedOutOfPoverty', farmlandMu: 100 })],
  ['Q26', h({ householdType: 'liftedOutOfPoverty', forestMu: 250 }), h({ householdType: 'liftedOutOfPoverty', forestMu: 200 })],
  ['Q27', h({ distanceToRoadKm: 6.5 }), h({ distanceToRoadKm: 5 })],
  ['LND-01', mon({ returnedFarmlandMu: 201 }), mon({ returnedFarmlandMu: 200 })],
  ['LND-02', mon({ orchardMu: -1 }), mon({ orchardMu: 0 })],
  ['LND-03', mon({ grasslandMu: 150 }), mon({ grasslandMu: 100 })],
  ['LND-04', mon({ waterSurfaceMu: 101 }), mon({ waterSurfaceMu: 100 })],
  ['LND-05', mon({ farmlandMu: 130 }), mon({ farmlandMu: 130, householdType: 'liftedOutOfPoverty' })],
  ['LND-06', mon({ forestMu: 230 }), mon({ forestMu: 200 })],
  ['LND-07', h({ housingAreaM2: 1500 }), h({ housingAreaM2: 0 })],
  ['LIV-01', h({ householdType: 'liftedOutOfPoverty', electricity: false }), h({ electricity: false })],
];

/** A clean village: 300 households, 1,100 persons; the registry holds 40 households of it. */
const vil = (figures: Record<string, number | boolean | null> = {}, registry: Partial<CheckVillage['registry']> = {}, collectiveIncomeFen: number | null = 1_000_000): CheckVillage => ({
  villageCode: '522633100207', countyCode: '522633', sourceRow: 4, collectiveIncomeFen,
  figures: { households: 300, population: 1100, dibaoHouseholds: 20, dibaoPersons: 45, tekunPersons: 5, disabledPersons: 30, dangerousHouses: 2, unsafeWaterHouseholds: 3, residentPensionPersons: 600, exited: true, busService: true, pavedRoadToTownship: true, primarySchools: 1, ...figures },
  registry: { households: 40, persons: 150, dibaoPersons: 10, tekunPersons: 2, disabledPersons: 8, dangerousHouses: 1, unsafeWaterHouseholds: 1, ...registry },
});
const VCASES: [string, CheckVillage, CheckVillage][] = [
  ['VIL-01', vil({ households: 0 }), vil({ households: 45 }, { households: 40 })],
  ['VIL-02', vil({ population: null }), vil({ population: 300 })],
  ['VIL-03', vil({ population: 299 }, { persons: 100 }), vil({ population: 300 })],
  ['VIL-04', vil({ dibaoHouseholds: 301, dibaoPersons: 400 }), vil({ dibaoHouseholds: 300, dibaoPersons: 400 })],
  ['VIL-05', vil({ dibaoHouseholds: 46 }), vil({ dibaoHouseholds: 45 })],
  ['VIL-06', vil({ dibaoPersons: 1101, dibaoHouseholds: 20 }), vil({ dibaoPersons: 1100 })],
  ['VIL-07', vil({ tekunPersons: 1101 }), vil({ tekunPersons: 1100 })],
  ['VIL-08', vil({ disabledPersons: 1101 }), vil({ disabledPersons: 1100 })],
  ['VIL-09', vil({ dangerousHouses: 301 }), vil({ dangerousHouses: 300 })],
  ['VIL-10', vil({ unsafeWaterHouseholds: 301 }), vil({ unsafeWaterHouseholds: 300 })],
  ['VIL-11', vil({ residentPensionPersons: 1101 }), vil({ residentPensionPersons: 1100 })],
  ['VIL-12', vil({ pavedRoadToTownship: false }), vil({ pavedRoadToTownship: false, exited: false })],
  ['VIL-13', vil({}, {}, null), vil({ exited: false }, {}, null)],
  ['VIL-14', vil({ primarySchools: null }), vil({ primarySchools: 0 })],
  ['VIL-15', vil({ busService: null }), vil({ busService: false })],
  ['VIL-16', vil({ dibaoPersons: null }), vil({ dibaoPersons: 45 })],
  ['VIL-17', vil({ tekunPersons: null }), vil({ tekunPersons: 0 }, { tekunPersons: 0 })],
  ['VIL-18', vil({ disabledPersons: null }), vil()],
  ['VIL-19', vil({ residentPensionPersons: null }), vil()],
  ['VIL-20', vil({ dibaoHouseholds: null }), vil()],
  ['VIL-21', vil({}, { households: 301 }), vil({}, { households: 300 })],
  ['VIL-22', vil({}, { persons: 1101 }), vil({}, { persons: 1100 })],
  ['VIL-23', vil({}, { dibaoPersons: 46 }), vil({}, { dibaoPersons: 45 })],
  ['VIL-24', vil({}, { tekunPersons: 6 }), vil({}, { tekunPersons: 5 })],
  ['VIL-25', vil({}, { disabledPersons: 31 }), vil({}, { disabledPersons: 30 })],
  ['VIL-26', vil({}, { dangerousHouses: 3 }), vil({}, { dangerousHouses: 2 })],
  ['VIL-27', vil({}, { unsafeWaterHouseholds: 4 }), vil({}, { unsafeWaterHouseholds: 3 })],
];

describe('data-quality checks: catalogue', () => {
  it('at least 150 checks, unique ids, each with a Chinese name, meaning, source, level and hint', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CATALOGUE.map((c) => c.id)).size).toBe(CATALOGUE.length);
    for (const c of CATALOGUE) {
      expect(c.zh, c.id).toMatch(/[\u4e00-\u9fff]/);
      expect(c.meaning, c.id).toMatch(/[\u4e00-\u9fff]/);
      expect(c.hint, c.id).toMatch(/[\u4e00-\u9fff]/);
      expect(c.source.length, c.id).toBeGreaterThan(3);
      expect(['household', 'person', 'spell', 'village']).toContain(c.level);
    }
  });
  it('every check has exactly one case (fire and near miss) below', () => {
    const tested = [...CASES.map((c) => c[0]), ...VCASES.map((c) => c[0]), 'Q01'].sort();
    expect(tested).toEqual(CATALOGUE.map((c) => c.id).sort());
  });
  it('filters by family, level and text', () => {
    expect(findChecks({ family: 'villages' }).map((c) => c.id)).toEqual(VILLAGE_CHECKS.map((c) => c.id));
    expect(findChecks({ level: 'spell' }).every((c) => c.level === 'spell')).toBe(true);
    expect(findChecks({ q: '点对点' }).map((c) => c.id)).toEqual(['WRK-10']);
    expect(findChecks({ family: 'plans', level: 'household' })).toEqual([]);
  });
  it('a clean household and a clean village raise nothing', () => {
    expect(ids(h())).toEqual([]);
    expect(ids(h({ householdType: 'liftedOutOfPoverty' }))).toEqual([]);
    expect(runVillageChecks(vil())).toEqual([]);
  });
  it('a household entered in this product (no national columns) is not asked for them', () => {
    const own = h({ fromNational: false, householdType: 'liftedOutOfPoverty', returnedFarmlandMu: null, orchardMu: null, grasslandMu: null, waterSurfaceMu: null, memberUninsured: null, fullSupport: null, phoneMasked: null, collectorName: null, collectorPhoneMasked: null, recordedPerCapitaIncomeFen: null });
    expect(ids(own)).toEqual([]);
  });
});

describe('data-quality checks: each fires on its record and not on its near miss', () => {
  it.each(CASES)('%s', (id, fire, miss) => {
    expect(ids(fire)).toContain(id);
    expect(ids(miss)).not.toContain(id);
  });
  it.each(VCASES)('%s', (id, fire, miss) => {
    expect(runVillageChecks(fire).map((f) => f.checkId)).toContain(id);
    expect(runVillageChecks(miss).map((f) => f.checkId)).not.toContain(id);
  });
});

describe('data-quality checks: findings carry the values that triggered them', () => {
  it('Q08: 2025-06 → 2025-11 is 5 months', () => {
    expect(runChecks(elim({ eliminatedMonth: '2025-11' }), asOf).find((f) => f.checkId === 'Q08')).toMatchObject({ values: { 识别监测时间: '2025-06', 消除监测时间: '2025-11', 相隔月数: 5 }, facts: '识别监测时间 2025-06,消除监测时间 2025-11,相隔月数 5' });
  });
  it('INC-01: recorded 10,002.00 against 10,000.00 from the components', () => {
    expect(runChecks(h({ recordedPerCapitaIncomeFen: 1_000_200 }), asOf)).toMatchObject([{ checkId: 'INC-01', member: null, values: { '人均纯收入（元）': '10,002.00 元', 分项计算: '10,000.00 元', 差额: '2.00 元' } }]);
  });
  it('WRK-04: the second spell (row 5) overlaps 2025-03–2025-08', () => {
    const f = runChecks(worker({}, { name: '之子', spells: [sp({ sourceRow: 4, startMonth: '2025-03', endMonth: '2025-08' }), sp({ sourceRow: 5, startMonth: '2025-08' })] }), asOf).filter((x) => x.checkId === 'WRK-04');
    expect(f).toMatchObject([{ member: '之子', sourceRow: 5, values: { 开始时间: '2025-08', 上一段: '2025-03–2025-08' } }]);
  });
  it('Q17: the member, the stage and the age (20 on 2026-03-15)', () => {
    expect(runChecks(plus({ schoolStage: 'juniorSecondary', birthDate: '2005-06-01', labourSkill: 'none' }), asOf).find((f) => f.checkId === 'Q17')).toMatchObject({ member: '之子', values: { 在校生状况: '初中', 年龄: 20 } });
  });
  it('the recorded 人均纯收入 is the official figure: components adding up to 6,500 against 8,000 recorded are INC-01, not Q07', () => {
    expect(ids(h({ householdType: 'liftedOutOfPoverty', perCapitaNetIncomeFen: 650_000, recordedPerCapitaIncomeFen: 800_000 }))).toEqual(['INC-01']);
    expect(ids(h({ householdType: 'liftedOutOfPoverty', perCapitaNetIncomeFen: 650_000, recordedPerCapitaIncomeFen: null }))).toEqual(['Q07']);
  });
  it('coded values are shown as the national exports spell them', () => {
    expect(runChecks(hd({ labourSkill: 'none' }), asOf).find((f) => f.checkId === 'LAB-04')).toMatchObject({ values: { 年龄: 46, 健康状况: '健康', 劳动技能: '无劳动力' }, facts: '年龄 46,健康状况 健康,劳动技能 无劳动力' });
    expect(runChecks(h({ riskTypes: ['illness', 'drinkingWater'] }), asOf).find((f) => f.checkId === 'Q13')).toMatchObject({ values: { 致贫返贫风险: '因病、因安全饮水' } });
  });
  it('VIL-05: 46 低保户 but 45 低保人口', () => {
    expect(runVillageChecks(vil({ dibaoHouseholds: 46 }))).toMatchObject([{ checkId: 'VIL-05', householdId: null, villageCode: '522633100207', sourceRow: 4, values: { 低保户数: 46, 低保人口数: 45 } }]);
  });
  it('household-level checks run over CHECKS only, village checks over VILLAGE_CHECKS only', () => {
    expect(CHECKS.some((c) => c.level === 'village')).toBe(false);
    expect(VILLAGE_CHECKS.every((c) => c.level === 'village')).toBe(true);
  });
});

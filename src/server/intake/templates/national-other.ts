/**
 * The national monitoring system's other tables (../shared/formats/national-system-exports.md §2 "Other
 * exports"): migrant-work spells （务工月监测）已外出务工信息, work plans 计划外出务工信息, and village profiles
 * （自定义）行政村信息. Only the columns the formats file lists; the columns that these tables share with the
 * person table (户类型, 监测对象类别) are recognised and not stored (the person table owns them).
 */
import { vocab, yes } from './national';
import type { ImportTemplate, TemplateColumn } from './template';

const SOURCE = '全国防返贫监测信息系统导出格式(../shared/formats/national-system-exports.md §2 Other exports)';
/** Columns that the person table owns (户类型, 监测对象类别): read against their vocabulary, kept per row as they came (spellings_json). */
const householdTypeCol = vocab('householdType', '户类型', 'householdType');
const categoryCol = vocab('monitoredCategory', '监测对象类别', 'monitoredCategory');
const place: TemplateColumn[] = [
  { key: 'county', zh: '县', synonyms: ['县(市、区、旗)', '县(市、区)', '县区'], type: 'text' },
  { key: 'township', zh: '乡', synonyms: ['乡(镇)', '乡镇', '乡镇(街道)'], type: 'text' },
  { key: 'village', zh: '行政村', synonyms: ['村', '村(社区)'], type: 'text' },
];
const personKey: TemplateColumn[] = [
  { key: 'householdNo', zh: '户编号', synonyms: ['户号'], type: 'text' },
  { key: 'idNumber', zh: '证件号码', synonyms: ['身份证号', '身份证号码', '公民身份号码'], type: 'id', required: true },
];

/** （务工月监测）已外出务工信息: one row per person and spell of work; 务工月收入 in yuan, stored in fen. */
export const NATIONAL_WORK_SPELL: ImportTemplate = {
  kind: 'national-work',
  zh: '（务工月监测）已外出务工信息',
  target: 'workSpell',
  sheetName: '已外出务工信息',
  titleRows: ['（务工月监测）已外出务工信息', '导出单位:        导出时间:'],
  source: SOURCE,
  national: true,
  columns: [
    ...place, ...personKey,
    householdTypeCol,
    categoryCol,
    yes('working', '是否已务工'),
    { key: 'startMonth', zh: '开始时间', synonyms: ['务工开始时间'], type: 'month' },
    { key: 'endMonth', zh: '结束时间', synonyms: ['务工结束时间'], type: 'month' },
    { key: 'workCounty', zh: '务工所在县', type: 'text' },
    { key: 'monthlyWage', zh: '务工月收入', synonyms: ['务工月收入（元）', '月收入'], type: 'money', unit: 'yuan' },
    { key: 'channel', zh: '就业渠道', type: 'text' },
    { key: 'industry', zh: '所属行业', type: 'text' },
    { key: 'employer', zh: '务工企业名称', type: 'text' },
    { key: 'transportSubsidy', zh: '年度交通费补助', synonyms: ['年度交通费补助（元）'], type: 'money', unit: 'yuan' },
  ],
};

/** 计划外出务工信息: one row per person and plan. */
export const NATIONAL_WORK_PLAN: ImportTemplate = {
  kind: 'national-work-plan',
  zh: '计划外出务工信息',
  target: 'workSpell',
  sheetName: '计划外出务工信息',
  titleRows: ['计划外出务工信息', '导出单位:        导出时间:'],
  source: SOURCE,
  national: true,
  columns: [
    ...personKey,
    householdTypeCol,
    yes('working', '是否计划务工', ['是否计划外出务工']),
    { key: 'workCounty', zh: '计划务工所在县', type: 'text' },
    { key: 'serviceNeed', zh: '就业服务需求', type: 'text' },
  ],
};

const count = (key: string, zh: string): TemplateColumn => ({ key, zh, type: 'int' });

/** （自定义）行政村信息: one row per village; 村级集体经济收入（万元） stored in fen. */
export const NATIONAL_VILLAGE: ImportTemplate = {
  kind: 'national-village',
  zh: '（自定义）行政村信息',
  target: 'villageProfile',
  sheetName: '行政村信息',
  titleRows: ['（自定义）行政村信息', '导出单位:        导出时间:'],
  source: SOURCE,
  national: true,
  columns: [
    { key: 'county', zh: '县', synonyms: ['县(市、区、旗)', '县(市、区)', '县区'], type: 'text' },
    { key: 'township', zh: '乡', synonyms: ['乡(镇)', '乡镇', '乡镇(街道)'], type: 'text' },
    // a village is found by its code, else by the town + village names (domain/places); one of them is needed per row
    { key: 'village', zh: '村', synonyms: ['行政村', '村(社区)'], type: 'text' },
    { key: 'villageCode', zh: '村级区划代码', synonyms: ['行政区划代码', '村代码', '区划代码'], type: 'text' },
    count('households', '总户数'),
    count('population', '总人口数'),
    count('dibaoHouseholds', '低保户数'),
    count('dibaoPersons', '低保人口数'),
    count('tekunPersons', '特困供养人口数'),
    count('disabledPersons', '残疾人口数'),
    count('dangerousHouses', '危房户数'),
    count('unsafeWaterHouseholds', '未实现饮水安全户数'),
    count('residentPensionPersons', '参加城乡居民基本养老保险人数'),
    yes('exited', '是否出列'),
    yes('busService', '是否通客运班车'),
    yes('pavedRoadToTownship', '到乡镇是否通沥青（水泥）路'),
    count('primarySchools', '村小学（个数）'),
    { key: 'collectiveIncome', zh: '村级集体经济收入（万元）', synonyms: ['村级集体经济收入'], type: 'money', unit: 'wanYuan' },
  ],
};

/**
 * （乡村建设）户信息: one row per household, matched by 户编号 inside the scope; updates the living-condition
 * fields that the registry holds (卫生厕所是否能正常使用 → household.sanitary_toilet). The place columns, the
 * head's 证件号码 and 户类型 are recognised and not stored (the person table owns them).
 */
export const NATIONAL_HOUSEHOLD: ImportTemplate = {
  kind: 'national-household',
  zh: '（乡村建设）户信息',
  target: 'householdUpdate',
  sheetName: '户信息',
  titleRows: ['（乡村建设）户信息', '导出单位:        导出时间:'],
  source: SOURCE,
  national: true,
  columns: [
    { key: 'county', zh: '县(市、区、旗)', synonyms: ['县', '县(市、区)', '县区'], type: 'text' },
    { key: 'township', zh: '乡(镇)', synonyms: ['乡', '乡镇'], type: 'text' },
    { key: 'village', zh: '行政村', synonyms: ['村'], type: 'text' },
    { key: 'householdNo', zh: '户编号', synonyms: ['户号'], type: 'text', required: true },
    { key: 'idNumber', zh: '证件号码', synonyms: ['身份证号', '身份证号码'], type: 'id' },
    householdTypeCol,
    yes('sanitaryToilet', '卫生厕所是否能正常使用', ['是否有卫生厕所', '卫生厕所']),
  ],
};

/** The kinds above, in the order the template list shows them. */
export const NATIONAL_OTHER_TEMPLATES: ImportTemplate[] = [NATIONAL_HOUSEHOLD, NATIONAL_WORK_SPELL, NATIONAL_WORK_PLAN, NATIONAL_VILLAGE];

/**
 * Code lists of the national monitoring information system (全国防返贫监测信息系统), as they appear in its
 * exports. Source: ../shared/formats/national-system-exports.md ("Values seen"), which quotes real
 * exports of the system. Code names follow the project glossary (docs/GLOSSARY.md).
 *
 * Each list is `as const` so that TypeScript can check exhaustive switches; each has a Chinese label map
 * used by the UI, exports and imports.
 */

/** Level of a region in the division tree: 省 / 市(州) / 县(区) / 乡镇(街道) / 村(社区). */
export const REGION_LEVELS = ['national', 'province', 'prefecture', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_ZH: Record<RegionLevel, string> = {
  national: '全国',
  province: '省',
  prefecture: '市(州)',
  county: '县(区)',
  township: '乡镇(街道)',
  village: '村(社区)',
};

/**
 * Kind of key-county designation: national key county (国家乡村振兴重点帮扶县, notice of 2021-08-27),
 * provincial key county (省级乡村振兴重点帮扶县, per provincial notice), or a county of Xinjiang or Tibet
 * handled by reference to the key-county policies (参照执行).
 */
export const DESIGNATION_KINDS = ['national', 'provincial', 'reference'] as const;
export type DesignationKind = (typeof DESIGNATION_KINDS)[number];
export const DESIGNATION_KIND_ZH: Record<DesignationKind, string> = {
  national: '国家乡村振兴重点帮扶县',
  provincial: '省级乡村振兴重点帮扶县',
  reference: '参照执行',
};

/** 户类型. Since 2026 monitoring covers all rural households, so 一般农户 are in the registry too. */
export const HOUSEHOLD_TYPES = ['liftedOutOfPoverty', 'ordinaryRural'] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];
export const HOUSEHOLD_TYPE_ZH: Record<HouseholdType, string> = {
  liftedOutOfPoverty: '脱贫户',
  ordinaryRural: '一般农户',
};

/** 监测对象类别 (中农组发〔2021〕7号): the three categories of monitored household. */
export const MONITORED_CATEGORIES = ['unstableLifted', 'marginalVulnerable', 'suddenHardship'] as const;
export type MonitoredCategory = (typeof MONITORED_CATEGORIES)[number];
export const MONITORED_CATEGORY_ZH: Record<MonitoredCategory, string> = {
  unstableLifted: '脱贫不稳定户',
  marginalVulnerable: '边缘易致贫户',
  suddenHardship: '突发严重困难户',
};

/**
 * 致贫/返贫风险 (risk types), as in the national export and local rules (因灾, 因意外事故); 因收入骤减或支出骤增
 * is a value of the national system named by issue 8. Every spelling the national system writes is in
 * src/server/intake/national/vocabulary.ts.
 */
export const RISK_TYPES = [
  'illness',
  'disability',
  'educationCosts',
  'naturalDisaster',
  'accident',
  'businessFailure',
  'unstableEmployment',
  'lackOfLabour',
  'housingSafety',
  'drinkingWater',
  'incomeShock',
  'other',
] as const;
export type RiskType = (typeof RISK_TYPES)[number];
export const RISK_TYPE_ZH: Record<RiskType, string> = {
  illness: '因病',
  disability: '因残',
  educationCosts: '因学',
  naturalDisaster: '因灾',
  accident: '因意外事故',
  businessFailure: '因产业项目失败',
  unstableEmployment: '因务工就业不稳',
  lackOfLabour: '缺劳动力',
  housingSafety: '因安全住房',
  drinkingWater: '因安全饮水',
  incomeShock: '因收入骤减或支出骤增',
  other: '其他',
};

/** 劳动技能. 普通劳动力 and 技能劳动力 count as able to work (labour force). */
export const LABOUR_SKILLS = ['ordinary', 'skilled', 'weakOrHalf', 'lost', 'none'] as const;
export type LabourSkill = (typeof LABOUR_SKILLS)[number];
export const LABOUR_SKILL_ZH: Record<LabourSkill, string> = {
  ordinary: '普通劳动力',
  skilled: '技能劳动力',
  weakOrHalf: '弱劳动力或半劳动力',
  lost: '丧失劳动力',
  none: '无劳动力',
};

/** 健康状况. */
export const HEALTH_STATUSES = ['healthy', 'chronicIllness', 'seriousIllness', 'disabled'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export const HEALTH_STATUS_ZH: Record<HealthStatus, string> = {
  healthy: '健康',
  chronicIllness: '长期慢性病',
  seriousIllness: '大病',
  disabled: '残疾',
};

/** 文化程度. */
export const EDUCATION_LEVELS = ['illiterate', 'primary', 'juniorSecondary', 'seniorSecondary', 'vocationalSecondary', 'juniorCollege', 'bachelorOrAbove', 'technician'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_ZH: Record<EducationLevel, string> = {
  illiterate: '文盲或半文盲',
  primary: '小学',
  juniorSecondary: '初中',
  seniorSecondary: '高中',
  vocationalSecondary: '中专',
  juniorCollege: '大专',
  bachelorOrAbove: '本科及以上',
  /** 技师: a 文化程度 value of newer national exports (Gzuwkj/fuping rules 5_12_017, 5_17_005; data/national-vocabularies.csv) */
  technician: '技师',
};

/**
 * 在校生状况, grouped into stages. The national export lists single grades (七年级 … 九年级,
 * 高中一年级 …); the registry keeps the stage, which is what the checks and rules use.
 */
export const SCHOOL_STAGES = ['preschoolChild', 'preschool', 'primary', 'juniorSecondary', 'seniorSecondary', 'vocationalSecondary', 'vocationalCollege', 'undergraduate', 'postgraduate', 'notInSchool'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];
export const SCHOOL_STAGE_ZH: Record<SchoolStage, string> = {
  preschoolChild: '学龄前儿童',
  preschool: '学前教育',
  primary: '小学',
  juniorSecondary: '初中(七至九年级)',
  seniorSecondary: '高中',
  vocationalSecondary: '中职',
  vocationalCollege: '高职高专',
  undergraduate: '本科',
  postgraduate: '硕士生及以上',
  notInSchool: '非在校生',
};

/**
 * 与户主关系. The relations the national system writes beyond the formats file's list (之岳父/之公公,
 * 之祖父/之外祖父, 之曾孙子, 之叔伯, 之侄儿 …: Gzuwkj/fuping's rules over real exports) have codes of their own
 * so that checks can use them (sex, age); spellings that share a code (之公公 and 之岳父) are kept per value
 * by the import (src/server/intake/national/vocabulary.ts).
 */
export const RELATIONS_TO_HEAD = [
  'head', 'spouse', 'son', 'daughter', 'daughterInLaw', 'sonInLaw', 'grandson', 'granddaughter', 'father', 'mother', 'sibling', 'other',
  'fatherInLaw', 'motherInLaw', 'grandfather', 'grandmother', 'greatGrandson', 'greatGranddaughter', 'uncle', 'sisterInLaw', 'nephew', 'niece',
] as const;
export type RelationToHead = (typeof RELATIONS_TO_HEAD)[number];
export const RELATION_TO_HEAD_ZH: Record<RelationToHead, string> = {
  head: '户主',
  spouse: '配偶',
  son: '之子',
  daughter: '之女',
  daughterInLaw: '之儿媳',
  sonInLaw: '之女婿',
  grandson: '之孙子',
  granddaughter: '之孙女',
  father: '父亲',
  mother: '母亲',
  sibling: '兄弟姐妹',
  other: '其他',
  fatherInLaw: '之岳父',
  motherInLaw: '之岳母',
  grandfather: '之祖父',
  grandmother: '之祖母',
  greatGrandson: '之曾孙子',
  greatGranddaughter: '之曾孙女',
  uncle: '之叔伯',
  sisterInLaw: '之兄弟媳妇',
  nephew: '之侄儿',
  niece: '之侄女',
};

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_ZH: Record<Sex, string> = { male: '男', female: '女' };

/**
 * Status of a resident ID number (公民身份号码, GB 11643-1999) as stored:
 * `valid`, or `checkFailed` (kept and marked for verification: some real numbers upgraded from 15
 * digits long ago fail the check character; they are never dropped and never "corrected").
 */
export const ID_NUMBER_STATUSES = ['valid', 'checkFailed'] as const;
export type IdNumberStatus = (typeof ID_NUMBER_STATUSES)[number];
/**
 * 证件类型 of a person in the national export: 居民身份证 or 残疾人证 (a disabled person's 证件号码 is then the
 * 20-character certificate number: ID number + category + grade, src/server/domain/disability-certificate.ts).
 */
export const ID_TYPES = ['residentId', 'disabilityCertificate'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_ZH: Record<IdType, string> = { residentId: '居民身份证', disabilityCertificate: '残疾人证' };

export const ID_NUMBER_STATUS_ZH: Record<IdNumberStatus, string> = { valid: '有效', checkFailed: '校验位不符,待核实' };

/**
 * Status of a monitoring threshold value: `sourced` (from a public source, listed in
 * data/monitoring-thresholds.csv), `confirmed` (entered or confirmed by an administrator), or
 * `placeholder` (no source: every result computed with it is marked as such).
 */
export const THRESHOLD_STATUSES = ['sourced', 'confirmed', 'placeholder'] as const;
export type ThresholdStatus = (typeof THRESHOLD_STATUSES)[number];
export const THRESHOLD_STATUS_ZH: Record<ThresholdStatus, string> = { sourced: '有来源', confirmed: '已确认', placeholder: '待确认(占位值)' };

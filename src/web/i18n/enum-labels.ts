/**
 * English renderings of the shared code lists (src/shared/enums.ts), after the project glossary. The
 * Chinese labels come from the shared label maps; in English mode both are shown: "English (中文)".
 */
import {
  DESIGNATION_KIND_ZH, EDUCATION_LEVEL_ZH, HEALTH_STATUS_ZH, HOUSEHOLD_TYPE_ZH, ID_NUMBER_STATUS_ZH, LABOUR_SKILL_ZH,
  MONITORED_CATEGORY_ZH, REGION_LEVEL_ZH, RELATION_TO_HEAD_ZH, RISK_TYPE_ZH, SCHOOL_STAGE_ZH, SEX_ZH,
  THRESHOLD_STATUS_ZH,
  type DesignationKind, type EducationLevel, type HealthStatus, type HouseholdType, type IdNumberStatus,
  type LabourSkill, type MonitoredCategory, type RegionLevel, type RelationToHead, type RiskType, type SchoolStage,
  type Sex, type ThresholdStatus,
} from '../../shared/enums';

/** A code list with its Chinese and English labels. */
interface LabelPair<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

/** All code lists the UI labels, by name. */
export const ENUM_LABELS = {
  regionLevel: {
    zh: REGION_LEVEL_ZH,
    en: { national: 'nation', province: 'province', prefecture: 'prefecture', county: 'county', township: 'township', village: 'village' },
  } satisfies LabelPair<RegionLevel>,
  designationKind: {
    zh: DESIGNATION_KIND_ZH,
    en: { national: 'national key county', provincial: 'provincial key county', reference: 'handled by reference' },
  } satisfies LabelPair<DesignationKind>,
  householdType: {
    zh: HOUSEHOLD_TYPE_ZH,
    en: { liftedOutOfPoverty: 'lifted out of poverty', ordinaryRural: 'ordinary rural household' },
  } satisfies LabelPair<HouseholdType>,
  monitoredCategory: {
    zh: MONITORED_CATEGORY_ZH,
    en: {
      unstableLifted: 'unstable household lifted out of poverty',
      marginalVulnerable: 'marginal household vulnerable to poverty',
      suddenHardship: 'household in sudden severe difficulty',
    },
  } satisfies LabelPair<MonitoredCategory>,
  riskType: {
    zh: RISK_TYPE_ZH,
    en: {
      illness: 'illness',
      disability: 'disability',
      educationCosts: 'education costs',
      naturalDisaster: 'natural disaster',
      accident: 'accident',
      businessFailure: 'business failure',
      unstableEmployment: 'unstable employment',
      lackOfLabour: 'lack of labour',
      housingSafety: 'housing safety',
      drinkingWater: 'drinking water',
      incomeShock: 'sudden income drop or expense surge',
      other: 'other',
    },
  } satisfies LabelPair<RiskType>,
  labourSkill: {
    zh: LABOUR_SKILL_ZH,
    en: { ordinary: 'ordinary labour', skilled: 'skilled labour', weakOrHalf: 'weak or half labour', lost: 'lost labour capacity', none: 'no labour' },
  } satisfies LabelPair<LabourSkill>,
  healthStatus: {
    zh: HEALTH_STATUS_ZH,
    en: { healthy: 'healthy', chronicIllness: 'chronic illness', seriousIllness: 'serious illness', disabled: 'disability' },
  } satisfies LabelPair<HealthStatus>,
  educationLevel: {
    zh: EDUCATION_LEVEL_ZH,
    en: {
      illiterate: 'illiterate or semi-literate',
      primary: 'primary school',
      juniorSecondary: 'junior secondary',
      seniorSecondary: 'senior secondary',
      vocationalSecondary: 'vocational secondary',
      juniorCollege: 'junior college',
      bachelorOrAbove: "bachelor's or above",
      technician: 'technician (技师)',
    },
  } satisfies LabelPair<EducationLevel>,
  schoolStage: {
    zh: SCHOOL_STAGE_ZH,
    en: {
      preschoolChild: 'preschool-age child',
      preschool: 'preschool education',
      primary: 'primary school',
      juniorSecondary: 'junior secondary',
      seniorSecondary: 'senior secondary',
      vocationalSecondary: 'vocational secondary',
      vocationalCollege: 'vocational college',
      undergraduate: 'undergraduate',
      postgraduate: 'postgraduate',
      notInSchool: 'not in school',
    },
  } satisfies LabelPair<SchoolStage>,
  relationToHead: {
    zh: RELATION_TO_HEAD_ZH,
    en: {
      head: 'head', spouse: 'spouse', son: 'son', daughter: 'daughter', daughterInLaw: 'daughter-in-law',
      sonInLaw: 'son-in-law', grandson: 'grandson', granddaughter: 'granddaughter', father: 'father',
      mother: 'mother', sibling: 'sibling', other: 'other', fatherInLaw: 'father-in-law', motherInLaw: 'mother-in-law',
      grandfather: 'grandfather', grandmother: 'grandmother', greatGrandson: 'great-grandson', greatGranddaughter: 'great-granddaughter',
      uncle: 'uncle', sisterInLaw: 'sister-in-law', nephew: 'nephew', niece: 'niece',
    },
  } satisfies LabelPair<RelationToHead>,
  sex: { zh: SEX_ZH, en: { male: 'male', female: 'female' } } satisfies LabelPair<Sex>,
  idNumberStatus: {
    zh: ID_NUMBER_STATUS_ZH,
    en: { valid: 'valid', checkFailed: 'check character mismatch, to be verified' },
  } satisfies LabelPair<IdNumberStatus>,
  thresholdStatus: {
    zh: THRESHOLD_STATUS_ZH,
    en: { sourced: 'sourced', confirmed: 'confirmed', placeholder: 'placeholder, to be confirmed' },
  } satisfies LabelPair<ThresholdStatus>,
};

/** Name of a code list in {@link ENUM_LABELS}. */
export type EnumName = keyof typeof ENUM_LABELS;
/** The codes of one code list. */
export type EnumCode<N extends EnumName> = keyof (typeof ENUM_LABELS)[N]['zh'] & string;

/**
 * Response shapes (DTOs) of the HTTP API /api/v1, shared by the server's presenters and the web client.
 * No Node imports: the web bundle uses this file. Money is integer fen (divide by 100 for yuan),
 * persons and households are counts, region codes are strings, dates ISO.
 * ID numbers only ever leave the server masked (`522633**********1X`).
 */
import type {
  DesignationKind, HealthStatus, HouseholdType, IdNumberStatus, LabourSkill, MonitoredCategory, RegionLevel,
  RelationToHead, RiskType, SchoolStage, Sex, ThresholdStatus, EducationLevel,
} from './enums';

/** Error body of every non-2xx response. `code` is stable snake_case; `message` is Chinese. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** One node of the region tree. `keyCounty` is set on counties with a designation. */
export interface RegionDto {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Designations of a county (national / provincial / reference), each with its source. */
  designations?: DesignationDto[];
  /** Number of direct children loaded in the registry's region tree. */
  childCount?: number;
}

/** A key-county designation with the source it comes from. */
export interface DesignationDto {
  kind: DesignationKind;
  source: string;
  /** 地质灾害高发区: null while no source says. */
  geoHazardProne: boolean | null;
}

/** Threshold used for a region and year, with its status (placeholder values must be shown as such). */
export interface ThresholdDto {
  provinceCode: string;
  countyCode: string | null;
  year: number;
  valueFen: number;
  status: ThresholdStatus;
  source: string;
}

/**
 * Key figures of a region for a year, read from rollups maintained by screening (never computed from
 * persons per request).
 */
export interface RegionSummaryDto {
  region: RegionDto;
  year: number;
  /** Path from the nation down to this region, for breadcrumbs. */
  path: { code: string; name: string; level: RegionLevel }[];
  households: number;
  persons: number;
  liftedHouseholds: number;
  monitoredHouseholds: number;
  /** Households flagged by at least one rule. */
  flaggedHouseholds: number;
  byCategory: Record<MonitoredCategory, number>;
  /** Households flagged, per rule id. */
  byRule: Record<string, number>;
  /** Households flagged by this rule and no other, per rule id (issue 16: what a rule adds on its own). */
  byRuleAlone: Record<string, number>;
  /** Households with each risk type recorded. */
  byRiskType: Partial<Record<RiskType, number>>;
  /**
   * Households by per-capita net income relative to each county's threshold t, in bins (bounds vary by
   * county, so lowerFen/upperFen are null): `negative` (< 0), `below` (0 ≤ p < t), `near` (t ≤ p < 1.5t),
   * `middle` (1.5t ≤ p < 3t), `high` (≥ 3t), `noData` (no income or no members). `negative` and `below`
   * are under the threshold.
   */
  incomeDistribution: { bin: string; label: string; lowerFen: number | null; upperFen: number | null; households: number }[];
  /** Thresholds used for the figures; any placeholder makes the figures provisional. */
  thresholds: ThresholdDto[];
  usesPlaceholderThreshold: boolean;
  /** When the rollups were last updated (ISO timestamp), null if never screened. */
  screenedAt: string | null;
}

/** One row of the per-child table (counties of a province, townships of a county, …). */
export interface RegionFiguresRow {
  code: string;
  name: string;
  level: RegionLevel;
  designations: DesignationKind[];
  households: number;
  persons: number;
  monitoredHouseholds: number;
  flaggedHouseholds: number;
  /** flaggedHouseholds / households, 0–1 (null when no households). */
  flaggedShare: number | null;
  belowThresholdHouseholds: number;
  usesPlaceholderThreshold: boolean;
}

/** A page of a cursor-paginated list. `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Total rows matching the filters (all pages). */
  total: number;
  /**
   * Present (true) when `total` is a lower bound: more rows match than were counted (lists whose
   * filters the region figures do not keep are counted up to a cap; see HouseholdService.total).
   */
  totalAtLeast?: boolean;
}

/** One household in a list. */
export interface HouseholdListItem {
  id: number;
  householdNo: string;
  villageCode: string;
  villageName: string;
  townshipName: string;
  countyName: string;
  householdType: HouseholdType;
  monitoredCategory: MonitoredCategory | null;
  riskTypes: RiskType[];
  /** Head's name (issue 5 adds masking by permission). */
  headName: string;
  memberCount: number;
  /** Per-capita net income of the screened year in fen; null when no members or no income record. */
  perCapitaNetIncomeFen: number | null;
  /** Rule ids that flag this household in the screened year. */
  flaggedRules: string[];
}

/** One member as shown on the household page. */
export interface PersonDto {
  id: number;
  name: string;
  /** THE mask rule (server domain/masking.ts): first 6 and last 2 characters */
  idNumberMasked: string;
  idNumberStatus: IdNumberStatus;
  sex: Sex;
  /** the birth year only (`1970`) in answers of the API: shown beside the masked number, the full date would give it back (mask rule) */
  birthDate: string;
  age: number;
  relationToHead: RelationToHead;
  ethnicity: string;
  education: EducationLevel | null;
  schoolStage: SchoolStage;
  /** null when withheld (the caller lacks the personal.view permission) */
  healthStatus: HealthStatus | null;
  disabilityGrade: number | null;
  /** true when name and health details are masked for this caller */
  personalDataMasked?: boolean;
  labourSkill: LabourSkill;
  workPlace: string | null;
  residentMedicalInsurance: boolean;
  employeeMedicalInsurance: boolean;
  dibao: boolean;
  tekun: boolean;
}

/** One year's income with the derived net and per-capita figures (fen). */
export interface IncomeDto {
  year: number;
  wageFen: number;
  businessIncomeFen: number;
  businessExpensesFen: number;
  propertyFen: number;
  transferFen: number;
  compliantOutOfPocketFen: number;
  netIncomeFen: number;
  perCapitaNetIncomeFen: number | null;
}

/** The verdict of one rule on one household for one year, with its explanation. */
export interface VerdictDto {
  ruleId: string;
  ruleName: string;
  ruleVersion: string;
  source: string;
  outcome: 'flagged' | 'clear' | 'noData';
  riskTypes: RiskType[];
  explanation: ExplanationDto;
  usesPlaceholderThreshold: boolean;
  screenedAt: string;
  /**
   * Present (true) when the household's facts changed after this screening and the next run will
   * re-screen it: the verdict shown is then that of the current facts under the same threshold.
   */
  pendingRescreen?: boolean;
}

/** Why a rule said what it said: the inputs it used, the threshold, and what would clear it. */
export interface ExplanationDto {
  /** One sentence in Chinese. */
  summary: string;
  /** Named inputs with their values (money in fen, as numbers; booleans; text). `percent` values are 0–100. */
  inputs: { key: string; label: string; value: number | string | boolean | null; unit?: 'fen' | 'persons' | 'percent' }[];
  threshold?: { valueFen: number; status: ThresholdStatus; source: string };
  /** What would clear the flag, in Chinese. */
  clearIf: string;
}

/** A household with members, income history and verdicts. */
export interface HouseholdDetailDto {
  id: number;
  householdNo: string;
  regionPath: { code: string; name: string; level: RegionLevel }[];
  householdType: HouseholdType;
  monitoredCategory: MonitoredCategory | null;
  riskTypes: RiskType[];
  identifiedMonth: string | null;
  riskEliminated: boolean;
  eliminationMode: 'assistance' | 'natural' | null;
  eliminatedMonth: string | null;
  farmlandMu: number;
  forestMu: number;
  housingAreaM2: number | null;
  dangerousHouse: boolean;
  safeDrinkingWater: boolean;
  sanitaryToilet: boolean;
  members: PersonDto[];
  incomes: IncomeDto[];
  /** Facts maintained for the screened year. */
  facts: { year: number; memberCount: number; labourCount: number; perCapitaNetIncomeFen: number | null } | null;
  verdicts: VerdictDto[];
  /** The generated demo population says so on every household. */
  isDemo: boolean;
}

/** A screening rule as listed by /api/v1/rules. */
export interface RuleDto {
  id: string;
  name: string;
  version: string;
  source: string;
  riskTypes: RiskType[];
  description: string;
}

/** GET /api/v1/meta: what the dashboard needs to know about the installation. */
export interface MetaDto {
  defaultYear: number;
  years: number[];
  keyCounties: { nationalLoaded: number; nationalOfficial: number; provincialLoaded: number; source: string };
  /** true when the invented demo population was generated in this database */
  demoData: boolean;
  /** true when any threshold in force for the default year is a placeholder */
  thresholdPlaceholders: boolean;
}

/** Key county list row (/api/v1/key-counties). */
export interface KeyCountyDto extends RegionFiguresRow {
  provinceCode: string;
  provinceName: string;
  prefectureName: string;
  sources: string[];
  geoHazardProne: boolean | null;
}

/**
 * Table types for Kysely (camelCase here, snake_case in the database through CamelCasePlugin).
 * Portable column types only: booleans are integers 0/1, money integer fen (bigint), timestamps and
 * dates ISO text, region codes text.
 */
import type { Generated } from 'kysely';

export interface RegionTable {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  provinceCode: string;
}

/** A retired division code and the code that replaced it (data/regions/division-crosswalk.csv). */
export interface DivisionChangeTable {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  /** ISO date of the approving document */
  changedOn: string;
  /** rename | merge | split */
  kind: string;
  /** document number (文号), '' when only a published source is known */
  document: string;
  source: string;
}

/** A town/village name of a county's files mapped by a user to a region code (remembered per county). */
export interface PlaceNameMappingTable {
  id: Generated<number>;
  countyCode: string;
  /** normalised town name as the files write it */
  townName: string;
  /** normalised village name; '' for a township mapping */
  villageName: string;
  /** 9-digit township or 12-digit village code */
  regionCode: string;
  createdBy: string;
  createdAt: string;
}

export interface DesignationTable {
  id: Generated<number>;
  countyCode: string;
  kind: string;
  source: string;
  /** 1/0, null = unknown until a source says */
  geoHazardProne: number | null;
  geoHazardSource: string | null;
  loadedFrom: string;
  loadedAt: string;
}

export interface MonitoringThresholdTable {
  id: Generated<number>;
  provinceCode: string;
  /** '' for the whole province */
  countyCode: string;
  year: number;
  valueFen: number;
  status: string;
  source: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export interface HouseholdTable {
  id: Generated<number>;
  householdNo: string;
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  householdType: string;
  monitoredCategory: string | null;
  /** comma-separated RiskType codes */
  riskTypes: string;
  identifiedMonth: string | null;
  riskEliminated: number;
  eliminationMode: string | null;
  eliminatedMonth: string | null;
  farmlandMu: number;
  forestMu: number;
  housingAreaM2: number | null;
  dangerousHouse: number;
  distanceToRoadKm: number | null;
  roadHardened: number;
  electricity: number;
  safeDrinkingWater: number;
  sanitaryToilet: number;
  /** Head's name kept on the household for lists (names are masked on the way out). */
  headName: string;
  memberCount: number;
  isDemo: number;
  /** 退耕还林面积（亩）, null when not given (migration 20261203100000) */
  returnedFarmlandMu: number | null;
  /** 林果面积（亩） */
  orchardMu: number | null;
  /** 牧草地面积 (mu) */
  grasslandMu: number | null;
  /** 水面面积 (mu) */
  waterSurfaceMu: number | null;
  /** 是否有家庭成员未参加城乡居民（职工）基本医疗保险: 1/0, null = not given */
  memberUninsured: number | null;
  /** 整户无劳动能力兜底保障户: 1/0, null = not given */
  fullSupport: number | null;
  /** 风险消除后是否住房损毁 */
  housingDamagedAfter: number | null;
  /** 风险消除后是否饮水设施损毁 */
  waterDamagedAfter: number | null;
  /** 风险消除后是否义务教育阶段适龄儿童少年失学辍学 */
  outOfSchoolAfter: number | null;
  /** 人均纯收入（元） as the national system recorded it, in fen (the recomputed figure is household_fact's) */
  recordedPerCapitaIncomeFen: number | null;
  /** income year of the recorded figure */
  recordedIncomeYear: number | null;
  /** 户联系电话: AES-256-GCM ciphertext and masked form only */
  phoneCipher: string | null;
  phoneMasked: string | null;
  /** 信息采集人 (staff member who collected the record) */
  collectorName: string | null;
  /** 信息采集人联系电话: ciphertext and masked form */
  collectorPhoneCipher: string | null;
  collectorPhoneMasked: string | null;
  /** 实施开发式帮扶措施情况, as recorded (e.g. 尚未实施) */
  developmentalMeasures: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PersonTable {
  id: Generated<number>;
  householdId: number;
  /** HMAC-SHA-256 of the 18-character ID number, hex: exact matching without the number. */
  idHash: string;
  /** AES-256-GCM ciphertext of the ID number (base64 iv.tag.ct), for authorised display. */
  idCipher: string;
  idMasked: string;
  idStatus: string;
  name: string;
  sex: string;
  birthDate: string;
  relationToHead: string;
  ethnicity: string;
  education: string | null;
  schoolStage: string;
  healthStatus: string;
  disabilityGrade: number | null;
  labourSkill: string;
  workPlace: string | null;
  residentMedicalInsurance: number;
  employeeMedicalInsurance: number;
  criticalIllnessInsurance: number;
  medicalAssistance: number;
  residentPension: number;
  employeePension: number;
  dibao: number;
  tekun: number;
  /** 证件类型: residentId (居民身份证) | disabilityCertificate (残疾人证); id_* always hold the 18-character ID part */
  idType: string;
  /** the whole 残疾人证 number (20 or 22 characters): lookup hash, ciphertext, masked form; null for residentId */
  certHash: string | null;
  certCipher: string | null;
  certMasked: string | null;
  /** 残疾类别 1–7 (19th character of the certificate number) */
  disabilityCategory: number | null;
  /** 是否义务教育阶段适龄儿童少年失学辍学: 1/0, null = not given */
  outOfSchool: number | null;
  /** 失学或辍学原因 */
  dropoutReason: string | null;
  /** 义务教育阶段未上学原因 */
  notEnrolledReason: string | null;
  /** 就业渠道（易地搬迁后扶使用） */
  employmentChannel: string | null;
  /** 特困人员救助供养金, fen */
  tekunSupportFen: number | null;
  /** 务工时间（月） */
  workMonths: number | null;
  /** 家庭成员联系电话: ciphertext and masked form */
  phoneCipher: string | null;
  phoneMasked: string | null;
}

export interface IncomeRecordTable {
  householdId: number;
  year: number;
  wageFen: number;
  businessIncomeFen: number;
  businessExpensesFen: number;
  propertyFen: number;
  transferFen: number;
  compliantOutOfPocketFen: number;
}

export interface HouseholdFactTable {
  householdId: number;
  year: number;
  countyCode: string;
  villageCode: string;
  memberCount: number;
  labourCount: number;
  netIncomeFen: number | null;
  perCapitaNetIncomeFen: number | null;
  incomeIssue: string | null;
  prevPerCapitaNetIncomeFen: number | null;
  compliantOutOfPocketFen: number;
  childrenOutOfSchool: number;
  membersWithoutMedicalInsurance: number;
  housingSafe: number;
  safeDrinkingWater: number;
  seriousIllnessMembers: number;
  disabledMembers: number;
  /** 64 bits of sha-256 of the facts (and the county): screening skips households whose facts and context did not change */
  factsHash: string;
  updatedAt: string;
  /**
   * The screening of the household-year (issue 15), null until screened: flag bits (rule bit i set =
   * flagged by that rule, see ScreeningRule.bit), the context (threshold, rule set, parameters), the facts
   * hash it was computed from (together with the context, the input hash: a re-run with both unchanged
   * writes nothing) and the run. Explanations are built on read from the facts and the rules.
   */
  flags?: number | null;
  contextId?: number | null;
  screenedFactsHash?: string | null;
  runId?: number | null;
}

/**
 * The context a county-year was screened under (immutable; a new one is added when anything in it
 * changes): the threshold used, the rule-set version and the rule parameters.
 */
export interface ScreeningContextTable {
  id: Generated<number>;
  year: number;
  countyCode: string;
  /** `R01@1,R02@1,…` */
  rulesetVersion: string;
  /** JSON of the RuleParameters in force */
  parameters: string;
  thresholdFen: number;
  thresholdStatus: string;
  thresholdSource: string;
  /** county | province | carriedForward | nationalPlaceholder */
  thresholdBasis: string;
  /** sha-256 of everything above: one row per distinct context */
  contextHash: string;
  createdAt: string;
}

/** View of the screened household-years (household_fact rows with flags): read-only. */
export interface ScreeningResultTable {
  householdId: number;
  year: number;
  flags: number;
  contextId: number;
  factsHash: string;
  runId: number;
}

export interface ScreeningRunTable {
  id: Generated<number>;
  year: number;
  regionCode: string;
  mode: string;
  startedAt: string;
  finishedAt: string | null;
  households: number;
  changed: number;
  flagged: number;
  status: string;
}

/**
 * Figures of one township or village for a year (issue 15), kept at write time like the county rollups:
 * the non-zero metrics as a JSON object `{ "households": 12, "rule:R01": 3, … }` (a missing metric is 0).
 */
export interface RegionFiguresTable {
  regionCode: string;
  year: number;
  figures: string;
  updatedAt: string;
}

export interface RegionRollupTable {
  regionCode: string;
  year: number;
  metric: string;
  key: string;
  value: number;
  updatedAt: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  /** username, or 'system' / 'cli:<user>' */
  actor: string;
  /** stable snake_case action, e.g. sign_in, view_id_number, export, import_commit, case_step */
  action: string;
  targetType: string;
  targetId: string | null;
  /** region of the target (for scoped search by administrators) */
  regionCode: string | null;
  /** 'ok' | 'denied' | 'failed' */
  outcome: string;
  /** JSON object with what else matters (row counts, reason given, …): never a full ID number */
  details: string;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  lastHash: string;
  count: number;
  /** HMAC of count and last hash under the audit key (migration 20261203160000); null before the key */
  mac: string | null;
}

/** One import of a file (see migrations/20261129030000-intake.ts). status: committed | rolledBack | failed */
export interface ImportBatchTable {
  id: Generated<number>;
  kind: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  sheetName: string | null;
  /** region code of the importer's scope (null = national) */
  scopeCode: string | null;
  actor: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  rowsTotal: number;
  added: number;
  updated: number;
  unchanged: number;
  held: number;
  rejected: number;
  clues: number;
  rolledBackAt: string | null;
  rolledBackBy: string | null;
  /** JSON array of the file's header names in order (national layouts are exported in the same order) */
  headerJson?: string | null;
}

/** A problem of an import (sheet, spreadsheet row, column, code, level error|hold|warning, Chinese message). */
export interface ImportProblemTable {
  id: Generated<number>;
  batchId: number;
  sheet: string | null;
  row: number | null;
  columnName: string | null;
  code: string;
  level: string;
  message: string;
  /** masked ID number of the row (domain/masking.ts), null when the row has none */
  idMasked?: string | null;
  /** keyed lookup hash of the row's ID number (IdProtector.hash), null when none */
  idHash?: string | null;
}

/** A household added or updated by an import, with its state before (JSON) for rollback. */
export interface ImportChangeTable {
  id: Generated<number>;
  batchId: number;
  householdId: number;
  householdNo: string;
  countyCode: string;
  /** added | updated */
  action: string;
  versionAfter: number;
  beforeJson: string | null;
}

/**
 * A row held for verification (check character, one person in two households, two heads, …): kept with
 * its values (no ID number in clear: ciphertext and masked form) until staff resolve it. status: open | resolved
 */
export interface ImportHeldRowTable {
  id: Generated<number>;
  batchId: number;
  row: number;
  householdNo: string | null;
  name: string | null;
  idMasked: string | null;
  idCipher: string | null;
  /** comma-separated codes */
  reasons: string;
  valuesJson: string;
  status: string;
  /** JSON array of Chinese sentences: what holding this row entails (members held with their head, …) */
  consequencesJson?: string | null;
}

/** A confirmed header mapping, remembered per kind and header signature. */
export interface HeaderMappingTable {
  kind: string;
  signature: string;
  mappingJson: string;
  updatedBy: string;
  updatedAt: string;
}

/** A row of a department list, matched (person_id) or not; facts JSON never holds an ID number. */
export interface DepartmentRecordTable {
  id: Generated<number>;
  batchId: number;
  kind: string;
  row: number;
  personId: number | null;
  householdId: number | null;
  countyCode: string | null;
  factsJson: string;
  /** student lists: the guardian found by the guardian's ID number (issue 9 item 3) */
  guardianPersonId?: number | null;
}

/** A department's code values mapped to a template column's values, per kind and county ('' = everywhere): JSON { columnKey: { fileValue: templateValue } }. */
export interface ValueMappingTable {
  kind: string;
  countyCode: string;
  mappingJson: string;
  updatedBy: string;
  updatedAt: string;
}

/**
 * A spell of migrant work (kind workSpell, （务工月监测）已外出务工信息) or a plan to work away (kind workPlan,
 * 计划外出务工信息) of a registry person, written by an import batch. Months `YYYY-MM`; money in fen;
 * working 1/0 or null when not given.
 */
export interface WorkSpellTable {
  id: Generated<number>;
  batchId: number;
  /** the person's ID-number lookup hash (person.id_hash): stable when a person import re-inserts members */
  idHash: string;
  householdId: number;
  countyCode: string;
  villageCode: string;
  kind: string;
  sourceRow: number;
  working: number | null;
  startMonth: string | null;
  endMonth: string | null;
  workCounty: string | null;
  monthlyWageFen: number | null;
  channel: string | null;
  industry: string | null;
  employer: string | null;
  transportSubsidyFen: number | null;
  serviceNeed: string | null;
  /** JSON: column name → [original text, parsed value] where the file's spelling differs from the canonical one */
  spellingsJson?: string | null;
  /** JSON: header → raw text of the columns the product does not know */
  extraJson?: string | null;
}

/**
 * A village's profile figures (（自定义）行政村信息) as of an import batch: the counts as JSON (template key →
 * number or boolean), 村级集体经济收入 in fen. The latest batch of a village is its current profile.
 */
export interface VillageProfileTable {
  id: Generated<number>;
  batchId: number;
  villageCode: string;
  countyCode: string;
  sourceRow: number;
  figuresJson: string;
  collectiveIncomeFen: number | null;
  /** as work_spell.spellings_json */
  spellingsJson?: string | null;
  /** as work_spell.extra_json */
  extraJson?: string | null;
}

/**
 * One imported row of a national table kept as it came where the registry's columns cannot say it
 * (migration 20261203100000): the original spelling of each value whose text differs from the canonical
 * rendering (column name → [text, parsed value]) and the columns the product does not know (header → raw
 * text). Person rows (kind national-person) name their person by household and ID lookup hash; 户信息 rows
 * (national-household) by household. The newest batch's row of a person or household is current; a
 * rollback deletes the batch's rows.
 */
export interface NationalRowTable {
  id: Generated<number>;
  batchId: number;
  kind: string;
  countyCode: string;
  householdId: number | null;
  idHash: string | null;
  sourceRow: number;
  spellingsJson: string;
  extraJson: string;
}

/** A risk clue (风险线索) raised by a department cross-check rule, in the county's queue. status: open | verified | dismissed */
export interface RiskClueTable {
  id: Generated<number>;
  /** the same fact from the same source raises one clue */
  dedupKey: string;
  countyCode: string;
  villageCode: string;
  householdId: number;
  personId: number | null;
  sourceDepartment: string;
  listKind: string;
  batchId: number;
  sourceRow: number;
  ruleId: string;
  riskType: string;
  factsJson: string;
  summary: string;
  status: string;
  createdAt: string;
}

/** A monitoring case (识别纳入 or 风险消除) of one household; `version` for optimistic concurrency. */
export interface MonitoringCaseTable {
  id: Generated<number>;
  kind: string;
  householdId: number;
  provinceCode: string;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  /** CaseOrigin */
  origin: string;
  /** reference of the clue, e.g. `screening:R01:2025`, `clue:123` */
  sourceRef: string | null;
  note: string;
  state: string;
  currentStep: string | null;
  clueDate: string;
  /** date the current step's allowance counts from (previous step performed, or the clue) */
  stepBaseDate: string;
  stepDue: string | null;
  decisionDue: string | null;
  verifiedOn: string | null;
  decidedOn: string | null;
  firstMeasureOn: string | null;
  closedOn: string | null;
  category: string | null;
  /** comma-separated RiskType codes decided at county approval */
  riskTypes: string;
  reason: string | null;
  eliminationMode: string | null;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  version: number;
}

export interface CaseStepTable {
  id: Generated<number>;
  caseId: number;
  step: string;
  actor: string;
  actorLevel: string;
  performedOn: string;
  recordedAt: string;
  outcome: string;
  /** JSON object */
  findings: string;
  /** comma-separated attachment ids */
  attachmentIds: string;
}

export interface CaseAttachmentTable {
  id: Generated<number>;
  caseId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  /** path relative to ZX_DATA_DIR */
  storedPath: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface PublicNoticeTable {
  id: Generated<number>;
  caseId: number;
  villageCode: string;
  postedOn: string;
  days: number;
  endsOn: string;
  /** posted | closed | withdrawn */
  status: string;
  closedOn: string | null;
  postedBy: string;
}

export interface NoticeObjectionTable {
  id: Generated<number>;
  noticeId: number;
  caseId: number;
  receivedOn: string;
  summary: string;
  /** upheld | dismissed | null while open */
  resolution: string | null;
  resolvedOn: string | null;
  note: string | null;
  recordedBy: string;
}

/** Append-only log of every change to a case or to a household's monitoring status. */
export interface CaseEventTable {
  id: Generated<number>;
  caseId: number | null;
  householdId: number;
  countyCode: string;
  at: string;
  onDate: string;
  actor: string;
  type: string;
  fromState: string | null;
  toState: string | null;
  /** JSON object */
  details: string;
}

export interface AssistanceMeasureTable {
  id: Generated<number>;
  householdId: number;
  caseId: number | null;
  countyCode: string;
  villageCode: string;
  kind: string;
  subKind: string | null;
  responsibleUnit: string;
  startDate: string;
  endDate: string | null;
  amountFen: number | null;
  status: string;
  note: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** null = entered in this product; 'national' = recorded in a national-system export (replaced by the next import of the household) */
  source?: string | null;
  /** the import batch that wrote a `national` measure */
  batchId?: number | null;
}

export interface UserAccountTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  /** null = national */
  regionCode: string | null;
  /** comma-separated Role codes */
  roles: string;
  /** argon2id PHC string */
  passwordHash: string;
  mustChangePassword: number;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Failed sign-ins of one user name (lower case, existing or not) from one address (migration 20261203160100). */
export interface SignInThrottleTable {
  usernameKey: string;
  address: string;
  /** failures since windowStart */
  failures: number;
  windowStart: string;
  /** ISO time until which this name is refused from this address, or null */
  lockedUntil: string | null;
  expiresAt: string;
}

export interface UserSessionTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the session cookie's token: the token itself is never stored */
  tokenHash: string;
  csrfToken: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
}

export interface AccessGrantTable {
  id: Generated<number>;
  userId: number;
  householdId: number;
  reason: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** A record of a procedure of data/procedures/ (the engine's generic record). */
export interface ProcedureRecordTable {
  id: Generated<number>;
  procedure: string;
  procedureVersion: number;
  subjectKind: string;
  subjectId: string;
  title: string;
  provinceCode: string;
  /** the region the record belongs to (village, township or county code): the scope filter */
  regionCode: string;
  /** the step awaited, or the end reached */
  state: string;
  /** the step awaited (null once ended) */
  currentStep: string | null;
  startedOn: string;
  stepBaseDate: string;
  stepDue: string | null;
  closedOn: string | null;
  /** JSON object: what the work area keeps with the record */
  data: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Append-only log of a procedure record. */
export interface ProcedureEventTable {
  id: Generated<number>;
  recordId: number;
  at: string;
  onDate: string;
  actor: string;
  actorLevel: string;
  step: string | null;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  details: string;
}

/** A notice (公示) of any subject. */
export interface NoticeTable {
  id: Generated<number>;
  subjectKind: string;
  subjectId: string;
  recordId: number | null;
  /** id of the period rule (data/notice-rules.json) */
  rule: string;
  title: string;
  regionCode: string;
  postedOn: string;
  days: number;
  unit: string;
  endsOn: string;
  /** posted | closed | withdrawn */
  status: string;
  closedOn: string | null;
  /** JSON { intro, columns, rows, issuer } after redaction */
  content: string;
  postedBy: string;
  createdAt: string;
  version: number;
}

/** An objection (异议) to a notice and its outcome. */
export interface ObjectionTable {
  id: Generated<number>;
  noticeId: number;
  receivedOn: string;
  summary: string;
  /** upheld | dismissed | null while open */
  outcome: string | null;
  resolvedOn: string | null;
  note: string | null;
  recordedBy: string;
}

/** A snapshot of an indicator set for a period (issue 10): append-only. `scopeCode` '' = national. */
export interface IndicatorSnapshotTable {
  id: Generated<number>;
  setId: string;
  setVersion: number;
  period: string;
  scopeCode: string;
  /** RULESET_VERSION of the screening rules in force when taken */
  rulesetVersion: string;
  /** JSON of the rule parameters in force */
  ruleParameters: string;
  /** why it was taken: 'manual', 'submission:<county>', 'seed' */
  purpose: string;
  takenBy: string;
  takenAt: string;
}

/** One value of a snapshot: indicator × region. */
export interface IndicatorValueTable {
  snapshotId: number;
  indicatorId: string;
  definitionVersion: number;
  regionCode: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** computed | reported */
  origin: string;
}

/** A hand-reported value of a county for a period (indicators with formula null). */
export interface IndicatorReportTable {
  setId: string;
  period: string;
  countyCode: string;
  indicatorId: string;
  value: number;
  enteredBy: string;
  enteredAt: string;
}

/** A reporting period of an indicator set (issue 10 item 4). */
export interface ReportPeriodTable {
  id: Generated<number>;
  setId: string;
  period: string;
  openedBy: string;
  openedAt: string;
}

/** One key county's report of a period, climbing data/indicators/reporting.json. */
export interface ReportSubmissionTable {
  id: Generated<number>;
  periodId: number;
  countyCode: string;
  state: string;
  /** the snapshot submitted (null before the first submission) */
  snapshotId: number | null;
  /** level that locked it (the only level that may unlock) */
  lockedLevel: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** A step of a report (append-only). */
export interface ReportEventTable {
  id: Generated<number>;
  submissionId: number;
  action: string;
  fromState: string;
  toState: string;
  actor: string;
  actorLevel: string;
  reason: string | null;
  snapshotId: number | null;
  at: string;
}

/** An evaluation round (issue 10 item 5). JSON columns: counties (codes), weights, grade lines, strata. */
export interface EvaluationRoundTable {
  id: Generated<number>;
  kind: string;
  name: string;
  year: number;
  setId: string;
  period: string;
  /** evaluating region ('' = nation) */
  regionCode: string;
  counties: string;
  total: number;
  weights: string;
  /** 'source' (the template's) or 'entered:<level>:<username>' (the evaluating level's, marked as theirs) */
  weightsOrigin: string;
  gradeLines: string;
  strata: string;
  seed: number;
  snapshotId: number | null;
  createdBy: string;
  createdAt: string;
  computedAt: string | null;
}

export interface EvaluationEntryTable {
  roundId: number;
  countyCode: string;
  itemId: string;
  value: number;
  enteredBy: string;
  enteredAt: string;
}

export interface EvaluationResultTable {
  roundId: number;
  countyCode: string;
  score: number;
  rank: number;
  grade: string;
  snapshotId: number | null;
  /** JSON ItemScore[] */
  items: string;
}

export interface EvaluationSampleTable {
  roundId: number;
  countyCode: string;
  stratum: string;
  drawOrder: number;
  householdId: number;
}

export interface Database {
  evaluationRound: EvaluationRoundTable;
  evaluationEntry: EvaluationEntryTable;
  evaluationResult: EvaluationResultTable;
  evaluationSample: EvaluationSampleTable;
  reportPeriod: ReportPeriodTable;
  reportSubmission: ReportSubmissionTable;
  reportEvent: ReportEventTable;
  indicatorSnapshot: IndicatorSnapshotTable;
  indicatorValue: IndicatorValueTable;
  indicatorReport: IndicatorReportTable;
  userAccount: UserAccountTable;
  userSession: UserSessionTable;
  signInThrottle: SignInThrottleTable;
  accessGrant: AccessGrantTable;
  auditEvent: AuditEventTable;
  auditHead: AuditHeadTable;
  region: RegionTable;
  designation: DesignationTable;
  divisionChange: DivisionChangeTable;
  placeNameMapping: PlaceNameMappingTable;
  monitoringThreshold: MonitoringThresholdTable;
  household: HouseholdTable;
  person: PersonTable;
  incomeRecord: IncomeRecordTable;
  householdFact: HouseholdFactTable;
  screeningResult: ScreeningResultTable;
  screeningContext: ScreeningContextTable;
  regionFigures: RegionFiguresTable;
  screeningRun: ScreeningRunTable;
  regionRollup: RegionRollupTable;
  appMeta: AppMetaTable;
  importBatch: ImportBatchTable;
  importProblem: ImportProblemTable;
  importChange: ImportChangeTable;
  importHeldRow: ImportHeldRowTable;
  headerMapping: HeaderMappingTable;
  departmentRecord: DepartmentRecordTable;
  valueMapping: ValueMappingTable;
  riskClue: RiskClueTable;
  workSpell: WorkSpellTable;
  villageProfile: VillageProfileTable;
  nationalRow: NationalRowTable;
  monitoringCase: MonitoringCaseTable;
  caseStep: CaseStepTable;
  caseAttachment: CaseAttachmentTable;
  publicNotice: PublicNoticeTable;
  noticeObjection: NoticeObjectionTable;
  caseEvent: CaseEventTable;
  assistanceMeasure: AssistanceMeasureTable;
  procedureRecord: ProcedureRecordTable;
  procedureEvent: ProcedureEventTable;
  notice: NoticeTable;
  objection: ObjectionTable;
}

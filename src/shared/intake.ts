/**
 * Shapes of the intake API (/api/v1/intake) shared by the server and the web client: import reports,
 * batches, risk clues, check reports. No Node imports. Money in integer fen, dates ISO, rows are
 * spreadsheet rows.
 */
import { z } from './zod-locale';

/** One problem of a file: where (sheet, row, column), a stable code, how it is handled, and why (Chinese). */
export interface IntakeProblemDto {
  sheet: string | null;
  row: number | null;
  column: string | null;
  code: string;
  /** error: row rejected; hold: kept for verification; warning: imported with a note */
  level: 'error' | 'hold' | 'warning';
  /** never holds an ID number in clear */
  message: string;
  /** the row's ID number masked (first 6 and last 2 characters), when the row has one */
  idMasked?: string | null;
}

export interface ImportCountsDto {
  rows: number;
  add: number;
  update: number;
  unchanged: number;
  hold: number;
  reject: number;
  duplicate: number;
  households: { add: number; update: number; unchanged: number };
  matched: number;
  clues: number;
}

/** Report of a preview (dryRun) or commit. */
export interface ImportReportDto {
  batchId: number | null;
  dryRun: boolean;
  kind: string;
  kindZh: string;
  fileName: string;
  sha256: string;
  bytes: number;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  sheet: string;
  sheets: { index: number; name: string; hidden: boolean }[];
  hiddenSheets: string[];
  headerRows: number[];
  headerSignature: string;
  columns: { name: string; key: string | null; zh: string | null }[];
  missingColumns: string[];
  /**
   * required columns the list lacks for which a value is proposed: the user confirms it (request
   * `defaults`) or maps a column; until then the import is incomplete (never assumed silently)
   */
  proposedDefaults: { key: string; zh: string; value: string; values: string[]; confirmed: boolean }[];
  /** value map applied (remembered for the county and given with the request): column key → file value → code */
  valueMap: Record<string, Record<string, string>>;
  ambiguous: Record<string, string[]>;
  mappingComplete: boolean;
  alreadyImportedBatchId: number | null;
  counts: ImportCountsDto;
  problems: IntakeProblemDto[];
  skippedRows: { row: number; reason: string }[];
  clues: { row: number; ruleId: string; riskType: string; summary: string }[];
  checks: { findings: number; byCheck: Record<string, number> } | null;
  /** person files: each held row with its reasons and what holding it entails (its household waits, …) */
  heldRows?: { row: number; householdNo: string | null; reasons: string[]; consequences: string[] }[];
  /**
   * The mapping step: town/village names of the file that the code list of their county does not hold, with
   * near-miss suggestions (never assigned by themselves). Send `placeMapping: { [key]: code }` to map them;
   * mappings are remembered per county on commit. Absent for kinds without place columns.
   */
  placeNames?: PlaceNameDto[];
}

/** A file's town/village name pair not in the code list of its county (see ImportReportDto.placeNames). */
export interface PlaceNameDto {
  countyCode: string;
  countyName: string;
  town: string;
  village: string;
  /** key of `placeMapping`: "乡镇/村" */
  key: string;
  /** file rows that carry it (first 1,000) */
  rows: number[];
  suggestions: { code: string; name: string; town: string | null }[];
}

/** An import kind with its template columns. */
export interface ImportKindDto {
  kind: string;
  zh: string;
  target: 'registry' | 'departmentList' | 'householdUpdate' | 'workSpell' | 'villageProfile';
  department: string | null;
  columns: { key: string; zh: string; required: boolean; type: string }[];
}

/** A recorded import. */
export interface ImportBatchDto {
  id: number;
  kind: string;
  fileName: string;
  fileSha256: string;
  actor: string;
  status: string;
  startedAt: string;
  rowsTotal: number;
  added: number;
  updated: number;
  unchanged: number;
  held: number;
  rejected: number;
  clues: number;
  rolledBackAt: string | null;
}

/** A risk clue in a county's queue. */
export interface RiskClueDto {
  id: number;
  countyCode: string;
  villageCode: string;
  householdId: number;
  sourceDepartment: string;
  listKind: string;
  batchId: number;
  sourceRow: number;
  ruleId: string;
  riskType: string;
  summary: string;
  facts: Record<string, unknown>;
  status: string;
  createdAt: string;
  /** true when health details were withheld (the caller lacks personal.view) */
  personalDataMasked?: boolean;
}

/** Level a data-quality check applies to: 户 / 人 / 务工记录 / 行政村. */
export type CheckLevelDto = 'household' | 'person' | 'spell' | 'village';

/** A catalogue entry of a data-quality check (GET /intake/checks/catalogue). */
export interface CheckInfoDto {
  id: string;
  /** family code (e.g. work, measures, villages) */
  family: string;
  /** Chinese name of the family */
  familyZh: string;
  zh: string;
  /** what the check means in policy */
  meaning: string;
  /** the policy document it comes from */
  source: string;
  level: CheckLevelDto;
  /** how to fix a finding */
  hint: string;
  /** facts withheld without personal.view */
  health?: boolean;
}

/** A finding: the household (householdNo '' for a village finding), the member (masked), the values that triggered it. */
export interface CheckFindingDto {
  checkId: string;
  householdId: number | null;
  householdNo: string;
  countyCode: string;
  villageCode: string;
  member: string | null;
  /** row of the imported work/plan/village file when the finding is about such a row */
  sourceRow?: number | null;
  values: Record<string, string | number | boolean | null>;
  facts: string;
}

/** A data-quality check run. */
export interface CheckReportDto {
  asOf: string;
  year: number;
  regionCode: string | null;
  households: number;
  /** village profiles checked */
  villages: number;
  checks: (CheckInfoDto & { findings: number })[];
  findings: CheckFindingDto[];
  byRegion: { regionCode: string; findings: number; households: number }[];
}

/** A background commit. */
export interface ImportJobDto {
  id: string;
  status: 'running' | 'done' | 'failed';
  done: number;
  estimate: number;
  report: ImportReportDto | null;
  error: { code: string; message: string; details?: unknown } | null;
}

/** Body of preview and commit. */
export const importRequest = z.object({
  kind: z.string().min(1).max(40),
  sheet: z.number().int().min(1).max(255).optional(),
  /** file column name → template key ('' = leave out) */
  mapping: z.record(z.string().max(200), z.string().max(60)).optional(),
  year: z.number().int().min(2014).max(2100).optional(),
  village: z.string().regex(/^\d{12}$/, '村级区划代码应为12位数字').optional(),
  /** the mapping step: "乡镇/村" (or "乡镇/") of the file → 12-digit village (9-digit township) code; remembered per county on commit */
  placeMapping: z.record(z.string().min(1).max(200), z.string().regex(/^\d{9}(\d{3})?$/, '应为9位乡级或12位村级区划代码')).optional(),
  /** a department's own code values: column (key or Chinese name) → file value → template value; remembered per county on commit */
  valueMap: z.record(z.string().max(200), z.record(z.string().max(200), z.string().max(60))).optional(),
  /** confirmed values for required columns the list lacks: column (key or Chinese name) → value (see ImportReportDto.proposedDefaults) */
  defaults: z.record(z.string().max(200), z.string().max(60)).optional(),
});
export type ImportRequest = z.infer<typeof importRequest>;

/** Clue statuses: open (in the queue), verified (turned into a verification visit), dismissed. */
export const CLUE_STATUSES = ['open', 'verified', 'dismissed'] as const;
export const CLUE_STATUS_ZH: Record<(typeof CLUE_STATUSES)[number], string> = { open: '待核实', verified: '已入户核实', dismissed: '已排除' };

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
  message: string;
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

/** A data-quality check run. */
export interface CheckReportDto {
  asOf: string;
  year: number;
  regionCode: string | null;
  households: number;
  checks: { id: string; zh: string; source: string; findings: number }[];
  findings: { checkId: string; householdId: number | null; householdNo: string; countyCode: string; villageCode: string; member: string | null; facts: string }[];
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
});
export type ImportRequest = z.infer<typeof importRequest>;

/** Clue statuses: open (in the queue), verified (turned into a verification visit), dismissed. */
export const CLUE_STATUSES = ['open', 'verified', 'dismissed'] as const;
export const CLUE_STATUS_ZH: Record<(typeof CLUE_STATUSES)[number], string> = { open: '待核实', verified: '已入户核实', dismissed: '已排除' };

/**
 * Problems found while reading and importing a file: every one names where it is (sheet, spreadsheet
 * row, column header) with a stable code and a Chinese message for county staff.
 */
import { AppError } from '../errors';

/** Severity: `error` rejects the row, `hold` keeps it for verification, `warning` only informs. */
export type ProblemLevel = 'error' | 'hold' | 'warning';

/** One problem, located in the file. Row numbers are spreadsheet rows (the header row of a plain file is row 1). */
export interface IntakeProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  code: string;
  level: ProblemLevel;
  /** never holds an ID number in clear (issue 9 item 9): a row's number is named by idMasked */
  message: string;
  /** the row's ID number masked (domain/masking.ts), when the row has one */
  idMasked?: string | null;
}

/**
 * A file that cannot be read at all (empty, not what its extension says, a zip bomb, no header found…).
 * Rendered by the HTTP error handler as 400 bad_file with `details.problems`, and by the CLI as exit 2.
 * @param code stable code, e.g. FILE_EMPTY, FILE_NOT_XLSX, ZIP_BOMB_SUSPECTED
 */
export function fileError(code: string, message: string, where: Partial<Pick<IntakeProblem, 'sheet' | 'row' | 'column'>> = {}): AppError {
  const problem: IntakeProblem = { sheet: where.sheet ?? null, row: where.row ?? null, column: where.column ?? null, code, level: 'error', message };
  const loc = [problem.sheet && `工作表“${problem.sheet}”`, problem.row && `第${problem.row}行`, problem.column && `“${problem.column}”列`].filter(Boolean).join('');
  return new AppError('bad_file', 400, `${loc ? `${loc}:` : ''}${message}`, { code, problems: [problem] });
}

/** The intake code of a bad_file error (or undefined for anything else). */
export function fileErrorCode(e: unknown): string | undefined {
  return e instanceof AppError && e.code === 'bad_file' ? (e.details as { code?: string } | undefined)?.code : undefined;
}

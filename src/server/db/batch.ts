/**
 * How many rows one multi-row INSERT may carry. SQLite allows 32,766 bound parameters per statement and
 * PostgreSQL 65,535: a fixed row count breaks as soon as a table gains columns (the person table of the
 * national export has about 60), so the count follows the width of the rows.
 */
const MAX_PARAMS = 30_000;

/** Rows per INSERT for rows shaped like `sample` (at most `cap`, at least 1). */
export function rowsPerInsert(sample: object | undefined, cap = 1000): number {
  const width = sample ? Math.max(1, Object.keys(sample).length) : 1;
  return Math.max(1, Math.min(cap, Math.floor(MAX_PARAMS / width)));
}

/**
 * Times are stored in UTC (ISO 8601 with Z) and shown in Beijing time (Asia/Shanghai, UTC+8, no daylight
 * saving since 1991), the time every county office reads (issue 16 item 8). Pure, no Intl time-zone data
 * needed: the offset is fixed. Used by the web UI (src/web/components/format.ts) and by export headers.
 */

const OFFSET_MS = 8 * 3600_000;

/**
 * An ISO timestamp (UTC) → `YYYY-MM-DD HH:mm:ss` in Beijing time; `—` for null, undefined or an
 * unparseable value. A date without a time (`YYYY-MM-DD`) is a calendar date and is returned as is.
 */
export function formatBeijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** An ISO timestamp (UTC) → `YYYYMMDDHHmmss` in Beijing time, for file names. */
export function beijingStamp(iso: string): string {
  return formatBeijingTime(iso).replace(/[-: ]/g, '');
}

/**
 * Working-day calendar and deadline arithmetic on ISO dates (YYYY-MM-DD, no time zone: the date of the
 * county office). Saturdays and Sundays are rest days unless the State Council made them make-up working
 * days (调休上班); public holidays (法定节假日及调休放假) are rest days. The days come from the yearly
 * notices of the General Office of the State Council (国务院办公厅关于XXXX年部分节假日安排的通知), kept as
 * data in data/holidays/<year>.csv (columns date,kind,name,source; kind `holiday` | `workday`).
 *
 * A year without a file is "not covered": working-day arithmetic through it counts weekends only and
 * marks the result `provisional`, so that no one mistakes it for a sourced deadline.
 */

/** One row of data/holidays/<year>.csv. */
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: string;
}

/** How a rule counts time: calendar days (自然日) or working days (工作日). */
export type DayUnit = 'calendar' | 'working';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. @throws RangeError for a malformed date */
export function dayNumber(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) throw new RangeError(`not a date: ${iso}`);
  return t / DAY_MS;
}

/** ISO date of a day number. */
export function isoOfDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `n` calendar days after (negative: before) `iso`. */
export function addCalendarDays(iso: string, n: number): string {
  return isoOfDay(dayNumber(iso) + n);
}

/** Calendar days from `from` to `to` (0 on the same day, negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** A result of working-day arithmetic: the date, and whether an uncovered year was crossed. */
export interface DeadlineResult {
  date: string;
  /** true when a year without a holiday file was crossed (weekends only were counted there) */
  provisional: boolean;
}

/** The working-day calendar built from the holiday rows of the years that have a file. */
export class WorkCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  /** years with a sourced holiday file */
  readonly coveredYears: ReadonlySet<number>;

  constructor(days: readonly CalendarDay[]) {
    const years = new Set<number>();
    for (const d of days) {
      dayNumber(d.date);
      years.add(Number(d.date.slice(0, 4)));
      (d.kind === 'holiday' ? this.holidays : this.workdays).add(d.date);
    }
    this.coveredYears = years;
  }

  /** Whether the year of `iso` has a sourced holiday file. */
  covers(iso: string): boolean {
    return this.coveredYears.has(Number(iso.slice(0, 4)));
  }

  /**
   * Whether `iso` is a working day: a make-up working day (调休上班) always is; a public holiday never is;
   * otherwise Monday to Friday.
   */
  isWorkingDay(iso: string): boolean {
    if (this.workdays.has(iso)) return true;
    if (this.holidays.has(iso)) return false;
    const dow = new Date(dayNumber(iso) * DAY_MS).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /**
   * The n-th working day after `iso` (n ≥ 1; `iso` itself is not counted: a clue of Friday with
   * "2 working days" is due the following Tuesday in an ordinary week). n = 0 gives `iso`.
   */
  addWorkingDays(iso: string, n: number): DeadlineResult {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    let d = dayNumber(iso);
    let provisional = false;
    let left = n;
    while (left > 0) {
      d++;
      const day = isoOfDay(d);
      if (!this.covers(day)) provisional = true;
      if (this.isWorkingDay(day)) left--;
    }
    return { date: isoOfDay(d), provisional };
  }

  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = dayNumber(from) + 1; d <= dayNumber(to); d++) if (this.isWorkingDay(isoOfDay(d))) n++;
    return n;
  }

  /** The date `n` days after `iso` in the unit of the rule. */
  add(iso: string, n: number, unit: DayUnit): DeadlineResult {
    switch (unit) {
      case 'calendar':
        return { date: addCalendarDays(iso, n), provisional: false };
      case 'working':
        return this.addWorkingDays(iso, n);
      default: {
        const never: never = unit;
        throw new RangeError(`unknown unit ${String(never)}`);
      }
    }
  }

  /** Days from `from` to `to` in the unit of the rule (0 when `to` ≤ `from`). */
  between(from: string, to: string, unit: DayUnit): number {
    switch (unit) {
      case 'calendar':
        return Math.max(0, calendarDaysBetween(from, to));
      case 'working':
        return this.workingDaysBetween(from, to);
      default: {
        const never: never = unit;
        throw new RangeError(`unknown unit ${String(never)}`);
      }
    }
  }
}

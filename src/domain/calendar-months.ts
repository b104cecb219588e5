/** Month arithmetic on ISO dates (YYYY-MM-DD), as the regulations count periods. */

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return [year, month, day];
}

/**
 * Whole months from `start` to `end`, a started month counting as one:
 * 2023-09-01..2024-09-01 is 12, 2023-09-01..2024-09-02 is 13.
 */
export function monthsBetween(start: string, end: string): number {
  const [sy, sm, sd] = parts(start);
  const [ey, em, ed] = parts(end);
  return (ey - sy) * 12 + (em - sm) + (ed > sd ? 1 : 0);
}

/** Whether `date` (YYYY-MM-DD) falls in the yearly window from `start` to `end` (MM-DD, inclusive). */
export function inYearlyWindow(date: string, start: string, end: string): boolean {
  const day = date.slice(5, 10);
  return start <= end ? day >= start && day <= end : day >= start || day <= end;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The semester a date belongs to, as `YYYY-YYYY-N`: autumn (September to January) is the first
 * semester of the school year starting that September, spring (February to August) the second.
 */
export function semesterOf(date: string): string {
  const [, month] = parts(date);
  const year = schoolYearOf(date);
  return `${year}-${year + 1}-${month >= 9 || month === 1 ? 1 : 2}`;
}

/** The year the school year of `date` started in (September starts one): its first-years' enrolment year. */
export function schoolYearOf(date: string): number {
  const [year, month] = parts(date);
  return month >= 9 ? year : year - 1;
}

/** The school calendar's exceptions to "Monday to Friday": public holidays and make-up working days (调休). */
export interface SchoolCalendar {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

/** Weekends only: what counts when the calendar has no entries for the dates in question. */
export const WEEKDAYS_ONLY: SchoolCalendar = { holidays: new Set(), makeUpWorkdays: new Set() };

/** A make-up working day works (even on a Saturday); a holiday does not; otherwise Monday to Friday. */
export function isWorkingDay(date: string, calendar: SchoolCalendar = WEEKDAYS_ONLY): boolean {
  if (calendar.makeUpWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The date `days` working days after `date` (domain.md 4: weekends and holidays skipped, 调休 days counted). */
export function addWorkingDays(date: string, days: number, calendar: SchoolCalendar = WEEKDAYS_ONLY): string {
  const current = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    current.setUTCDate(current.getUTCDate() + 1);
    if (isWorkingDay(current.toISOString().slice(0, 10), calendar)) left -= 1;
  }
  return current.toISOString().slice(0, 10);
}

/**
 * The school calendar (api::calendar-day): which dates are public holidays and which weekend
 * dates are make-up working days (调休). Seeded from the `chinese-days` package, once per year it
 * covers, so that a date an admin edits or deletes stays as the admin left it; working-day
 * arithmetic (step deadlines now, registration and archives next) reads it.
 */
import type { Core } from '@strapi/strapi';
import type { SchoolCalendar } from '../domain/calendar-months';
import { newDocumentId } from '../api/student/repositories/student-rows';

const CALENDAR_DAY = 'api::calendar-day.calendar-day';
const SEEDED_YEARS = { type: 'core', name: 'student-records', key: 'calendar-seeded-years' } as const;
/** Far enough ahead for any deadline counted in working days (60 at most). */
const LOOKAHEAD_DAYS = 200;

interface CalendarRow {
  date: string;
  kind: 'holiday' | 'make-up-workday';
}

/**
 * The calendar's entries from `from` on (enough for any deadline, or up to `through` when a list
 * spans years), on the current transaction when there is one.
 */
export async function loadSchoolCalendar(strapi: Core.Strapi, from: string, through?: string): Promise<SchoolCalendar> {
  const lookahead = new Date(Date.parse(`${from}T00:00:00Z`) + LOOKAHEAD_DAYS * 86_400_000).toISOString().slice(0, 10);
  const until = through && through > lookahead ? through : lookahead;
  const rows = (await strapi.db.query(CALENDAR_DAY as never).findMany({
    where: { date: { $gte: from, $lte: until } },
    select: ['date', 'kind'],
  })) as CalendarRow[];
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
    makeUpWorkdays: new Set(rows.filter((r) => r.kind === 'make-up-workday').map((r) => r.date)),
  };
}

interface PackagedCalendar {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "National Day,国庆节,3" -> 国庆节 */
const chineseName = (entry: string) => entry.split(',')[1] ?? entry;

/** The package's entries, by year. */
function packagedYears(): Map<string, Array<{ date: string; kind: CalendarRow['kind']; name: string }>> {
  const data = require('chinese-days/dist/chinese-days.json') as PackagedCalendar;
  const years = new Map<string, Array<{ date: string; kind: CalendarRow['kind']; name: string }>>();
  const add = (date: string, kind: CalendarRow['kind'], name: string) => {
    const year = date.slice(0, 4);
    if (!years.has(year)) years.set(year, []);
    years.get(year)?.push({ date, kind, name });
  };
  for (const [date, entry] of Object.entries(data.holidays)) add(date, 'holiday', chineseName(entry));
  for (const [date, entry] of Object.entries(data.workdays)) add(date, 'make-up-workday', `${chineseName(entry)}调休上班`);
  return years;
}

/**
 * Adds the package's holidays and make-up days for each year not seeded before (from `fromYear`
 * on: older years no deadline reads); dates already in the calendar are left as they are.
 * Returns the years added.
 */
export async function seedSchoolCalendar(strapi: Core.Strapi, fromYear: number): Promise<string[]> {
  const seeded = new Set(((await strapi.store.get(SEEDED_YEARS)) as string[] | null) ?? []);
  const added: string[] = [];
  for (const [year, entries] of [...packagedYears()].sort(([a], [b]) => a.localeCompare(b))) {
    if (Number(year) < fromYear || seeded.has(year)) continue;
    await strapi.db.transaction(async ({ trx }) => {
      // Processes starting together on one database take turns; the second finds the dates there.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['calendar-seed']);
      const existing = new Set(
        ((await strapi.db.query(CALENDAR_DAY as never).findMany({ where: { date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } }, select: ['date'] })) as CalendarRow[]).map((r) => r.date),
      );
      const at = new Date();
      // The package's rows are well formed (a date, one of the two kinds, a name): no per-row hooks needed.
      const fresh = entries
        .filter((e) => !existing.has(e.date))
        .map((e) => ({ ...e, documentId: newDocumentId(), locale: null, createdAt: at, updatedAt: at, publishedAt: at }));
      if (fresh.length > 0) await strapi.db.query(CALENDAR_DAY as never).createMany({ data: fresh as never });
    });
    seeded.add(year);
    added.push(year);
  }
  if (added.length > 0) await strapi.store.set({ ...SEEDED_YEARS, value: [...seeded].sort() });
  return added;
}

const SEMESTER = 'api::semester.semester';

/** The two semesters of the school year starting in September of `year`, as semesterOf counts them (admins set the real dates). */
function defaultSemesters(year: number) {
  return [
    { code: `${year}-${year + 1}-1`, startDate: `${year}-09-01`, endDate: `${year + 1}-01-31`, registrationWorkingDays: 10 },
    { code: `${year}-${year + 1}-2`, startDate: `${year + 1}-02-01`, endDate: `${year + 1}-08-31`, registrationWorkingDays: 10 },
  ];
}

/** Creates this school year's and next year's semesters when missing; returns the codes added. */
export async function ensureSemesters(strapi: Core.Strapi, schoolYear: number): Promise<string[]> {
  return strapi.db.transaction(async ({ trx }) => {
    // Processes starting together on one database take turns (the code is unique).
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['semester-seed']);
    const added: string[] = [];
    for (const semester of [...defaultSemesters(schoolYear), ...defaultSemesters(schoolYear + 1)]) {
      const found = await strapi.db.query(SEMESTER as never).findOne({ where: { code: semester.code }, select: ['id'] });
      if (found) continue;
      await strapi.documents(SEMESTER as never).create({ data: semester as never });
      added.push(semester.code);
    }
    return added;
  });
}

/** Month arithmetic on ISO dates, as the regulations count periods. */
import { addWorkingDays, inYearlyWindow, isIsoDate, isWorkingDay, monthsBetween, schoolYearOf, semesterOf, type SchoolCalendar } from '../../src/domain/calendar-months';

describe('monthsBetween', () => {
  test.each([
    ['a whole year', '2023-09-01', '2024-09-01', 12],
    ['a year and a started month', '2023-09-01', '2024-09-02', 13],
    ['half a year', '2023-09-01', '2024-03-01', 6],
    ['half a year and a started month', '2023-09-01', '2024-03-02', 7],
    ['the same day', '2024-05-10', '2024-05-10', 0],
    ['one day is a started month', '2024-05-10', '2024-05-11', 1],
    ['an earlier day of a later month does not start another month', '2024-01-31', '2024-02-29', 1],
    ['a datetime is read by its date', '2023-09-01T08:00:00Z', '2024-09-01T23:00:00Z', 12],
  ])('%s: %s..%s is %i', (_name, start, end, expected) => {
    expect(monthsBetween(start, end)).toBe(expected);
  });
});

describe('inYearlyWindow', () => {
  test.each([
    ['the first day of the window', '2026-03-01', '03-01', '06-30', true],
    ['inside the window', '2026-04-15', '03-01', '06-30', true],
    ['the last day of the window', '2026-06-30', '03-01', '06-30', true],
    ['the day before', '2026-02-28', '03-01', '06-30', false],
    ['the day after', '2026-07-01', '03-01', '06-30', false],
    ['a window wrapping the new year, before it', '2025-12-15', '11-01', '02-28', true],
    ['a window wrapping the new year, after it', '2026-01-10', '11-01', '02-28', true],
    ['a window wrapping the new year, its last day', '2026-02-28', '11-01', '02-28', true],
    ['a window wrapping the new year, before it opens', '2025-10-31', '11-01', '02-28', false],
    ['a window wrapping the new year, after it closes', '2026-03-01', '11-01', '02-28', false],
    ['a one-day window', '2026-09-01', '09-01', '09-01', true],
  ])('%s: %s in %s..%s is %s', (_name, date, start, end, expected) => {
    expect(inYearlyWindow(date, start, end)).toBe(expected);
  });
});

describe('isIsoDate', () => {
  test.each([
    ['2024-02-29', true],
    ['2023-02-28', true],
    ['2024-12-31', true],
    ['2024-02-30', false],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-2-3', false],
    ['2024-02-03T00:00:00Z', false],
    ['', false],
    [20240203, false],
    [null, false],
    [undefined, false],
  ])('%j is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('semesterOf', () => {
  test.each([
    ['2023-09-01', '2023-2024-1'],
    ['2023-09-15', '2023-2024-1'],
    ['2023-12-31', '2023-2024-1'],
    ['2024-01-10', '2023-2024-1'],
    ['2024-01-31', '2023-2024-1'],
    ['2024-02-01', '2023-2024-2'],
    ['2024-03-01', '2023-2024-2'],
    ['2024-08-31', '2023-2024-2'],
    ['2024-09-01', '2024-2025-1'],
  ])('%s is in semester %s', (date, expected) => {
    expect(semesterOf(date)).toBe(expected);
  });
});

describe('working days on the school calendar (chinese-days 2026)', () => {
  // As the package lists them: National Day 1-7 October with Sunday 20 September and Saturday
  // 10 October worked; Spring Festival 15-23 February with Saturdays 14 and 28 February worked.
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const calendar: SchoolCalendar = { holidays: new Set(Object.keys(data.holidays)), makeUpWorkdays: new Set(Object.keys(data.workdays)) };

  test.each([
    ['the day before National Day: the next working day is after the week off', '2026-09-30', 1, '2026-10-08'],
    ['from the first day back, the make-up Saturday counts', '2026-10-08', 2, '2026-10-10'],
    ['3 working days from the eve of National Day', '2026-09-30', 3, '2026-10-10'],
    ['a make-up Sunday before the holiday counts', '2026-09-19', 1, '2026-09-20'],
    ['Friday before Spring Festival: the make-up Saturday 14 February is the next working day', '2026-02-13', 1, '2026-02-14'],
    ['from that Saturday, the festival is skipped to Tuesday 24 February', '2026-02-14', 1, '2026-02-24'],
    ['a week of work after the festival reaches the make-up Saturday 28 February', '2026-02-23', 5, '2026-02-28'],
    ['an ordinary week: Friday to Monday', '2026-11-27', 1, '2026-11-30'],
    ['zero days is the same day', '2026-10-01', 0, '2026-10-01'],
  ])('%s', (_label, from, days, expected) => {
    expect(addWorkingDays(from, days, calendar)).toBe(expected);
  });

  test.each([
    ['National Day is not a working day', '2026-10-01', false],
    ['a make-up Saturday is', '2026-10-10', true],
    ['an ordinary Saturday is not', '2026-10-17', false],
    ['an ordinary Wednesday is', '2026-10-14', true],
  ])('%s', (_label, date, working) => {
    expect(isWorkingDay(date, calendar)).toBe(working);
  });

  test('without calendar entries, only weekends are skipped', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-01');
  });
});

describe('schoolYearOf', () => {
  test.each([
    ['September starts a school year', '2026-09-01', 2026],
    ['January is still the autumn one', '2027-01-31', 2026],
    ['August ends it', '2027-08-31', 2026],
  ])('%s: %s is of %i', (_label, date, year) => {
    expect(schoolYearOf(date)).toBe(year);
  });
});

/**
 * The school's clock: dates in the school's time zone, set by tests, refused when misconfigured.
 */
import { now, schoolDate, schoolTimeZone, setClock, today } from '../../src/services/clock';

const saved = { SCHOOL_TIME_ZONE: process.env.SCHOOL_TIME_ZONE };
afterEach(() => {
  setClock(null);
  if (saved.SCHOOL_TIME_ZONE === undefined) delete process.env.SCHOOL_TIME_ZONE;
  else process.env.SCHOOL_TIME_ZONE = saved.SCHOOL_TIME_ZONE;
});

test.each([
  ['07:30 in Beijing is that day there, though UTC is still the day before', '2027-02-01T07:30:00+08:00', '2027-02-01'],
  ['23:59 in Beijing is still that day', '2027-01-31T23:59:00+08:00', '2027-01-31'],
  ['00:00 in Beijing is the next day', '2027-02-01T00:00:00+08:00', '2027-02-01'],
  ['the last second of a year', '2034-12-31T23:59:59+08:00', '2034-12-31'],
])('%s', (_label, instant, date) => {
  setClock(instant);
  expect(today()).toBe(date);
  expect(schoolDate(new Date(instant))).toBe(date);
});

test('Asia/Shanghai by default; SCHOOL_TIME_ZONE changes it', () => {
  delete process.env.SCHOOL_TIME_ZONE;
  expect(schoolTimeZone()).toBe('Asia/Shanghai');
  process.env.SCHOOL_TIME_ZONE = 'UTC';
  setClock('2027-02-01T07:30:00+08:00');
  expect(today()).toBe('2027-01-31');
});

test('an unknown time zone is refused, naming the setting', () => {
  process.env.SCHOOL_TIME_ZONE = 'Mars/Olympus';
  expect(() => today()).toThrow(/SCHOOL_TIME_ZONE: "Mars\/Olympus" is not a time zone/);
});

test('a set clock runs on from where it was set, and setClock(null) puts it back where the process started it', () => {
  const startOffset = now().getTime() - Date.now();
  setClock('2031-09-01T08:00:00+08:00');
  const first = now().getTime();
  expect(first).toBeGreaterThanOrEqual(Date.parse('2031-09-01T08:00:00+08:00'));
  expect(first).toBeLessThan(Date.parse('2031-09-01T08:00:05+08:00'));
  setClock(null);
  expect(Math.abs(now().getTime() - Date.now() - startOffset)).toBeLessThan(1000);
});

test('an instant that is not a date is refused', () => {
  expect(() => setClock('next monday')).toThrow(/not a date and time/);
});

/**
 * The school's one clock. Every business date and time (a request's "today" and submission time,
 * a step's due date, a decision's time, an effect's date, the semester) comes from here, in the
 * school's time zone: `SCHOOL_TIME_ZONE` (an IANA name, default Asia/Shanghai). A request filed at
 * 07:30 in Beijing is dated that day, not the day before as UTC would have it.
 *
 * Tests set it: `setClock(instant)` moves it (it then runs on from there), `setClock(null)` puts it
 * back; `SCHOOL_CLOCK_AT=<ISO instant>` starts a process (a whole test run, a server) at that
 * instant. The state is kept on `globalThis`, so the copy of this module Strapi loads from `dist/`
 * and the one a test imports from `src/` share one clock.
 */

const STATE = Symbol.for('student-records.school-clock');
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

interface ClockState {
  /** Added to the machine's time. */
  offsetMs: number;
  /** The offset the process started with (SCHOOL_CLOCK_AT), which `setClock(null)` returns to. */
  startOffsetMs: number;
}

function parseInstant(value: string | Date, setting: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${setting}: "${String(value)}" is not a date and time (ISO 8601, e.g. 2031-03-01T08:00:00+08:00)`);
  return ms;
}

function state(): ClockState {
  const holder = globalThis as unknown as Record<symbol, ClockState | undefined>;
  if (!holder[STATE]) {
    const start = process.env.SCHOOL_CLOCK_AT;
    const offsetMs = start ? parseInstant(start, 'SCHOOL_CLOCK_AT') - Date.now() : 0;
    holder[STATE] = { offsetMs, startOffsetMs: offsetMs };
  }
  return holder[STATE] as ClockState;
}

/** The school's time zone; an unknown name is refused (the server checks it at start). */
export function schoolTimeZone(): string {
  const zone = process.env.SCHOOL_TIME_ZONE || DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    throw new Error(`SCHOOL_TIME_ZONE: "${zone}" is not a time zone (an IANA name such as Asia/Shanghai)`);
  }
  return zone;
}

/** Now, as an instant. */
export function now(): Date {
  return new Date(Date.now() + state().offsetMs);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in the school's time zone. */
export function schoolDate(instant: Date): string {
  const zone = schoolTimeZone();
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(zone, format);
  }
  return format.format(instant);
}

/** Today's date (YYYY-MM-DD) at the school. */
export function today(): string {
  return schoolDate(now());
}

/** Moves the clock to `at` (it runs on from there); `null` puts it back where the process started it. */
export function setClock(at: Date | string | null): void {
  const clock = state();
  clock.offsetMs = at === null ? clock.startOffsetMs : parseInstant(at, 'setClock') - Date.now();
}

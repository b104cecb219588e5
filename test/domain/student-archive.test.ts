/** The student archive's rules (domain.md 6): first-archive deadline on working days, custody move, retention, receipts, access. */
import fc from 'fast-check';
import { addWorkingDays, type SchoolCalendar } from '../../src/domain/calendar-months';
import {
  accessOpen,
  addMonths,
  custodyMoveDue,
  firstArchiveCompleteness,
  firstArchiveDue,
  MATERIAL_CATEGORIES,
  MATERIAL_KIND_CATALOGUE,
  readableCategories,
  receiptOverdue,
  retentionEnd,
  workingDaysLeft,
} from '../../src/domain/student-archive';

/** National Day 2026 as the State Council set it: 1-7 October off, Sunday 27 September and Saturday 10 October worked. */
const NATIONAL_DAY: SchoolCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  makeUpWorkdays: new Set(['2026-09-27', '2026-10-10']),
};
const WEEKDAYS: SchoolCalendar = { holidays: new Set(), makeUpWorkdays: new Set() };

describe('the first archive: 30 working days from enrolment', () => {
  test('on weekdays alone, enrolled on Tuesday 1 September 2026, it is due on Tuesday 13 October', () => {
    expect(firstArchiveDue('2026-09-01', WEEKDAYS)).toBe('2026-10-13');
  });

  test('across National Day the holiday week is skipped and both make-up days count: due Friday 16 October', () => {
    expect(firstArchiveDue('2026-09-01', NATIONAL_DAY)).toBe('2026-10-16');
  });

  test('the number of days is a setting', () => {
    expect(firstArchiveDue('2026-09-01', NATIONAL_DAY, { firstArchiveWorkingDays: 5, custodyMoveMonths: 1, retentionYears: 2, receiptOverdueDays: 30 })).toBe('2026-09-08');
  });

  const required = [
    { id: 1, name: '录取通知书复印件' },
    { id: 2, name: '身份证复印件' },
    { id: 3, name: '健康检查报告' },
  ];

  test('lists the missing required kinds with the working days left', () => {
    const state = firstArchiveCompleteness({ enrolledOn: '2026-09-01', requiredKinds: required, presentKindIds: new Set([2, 99]), today: '2026-09-30' }, NATIONAL_DAY);
    expect(state.missing.map((kind) => kind.id)).toEqual([1, 3]);
    expect(state.complete).toBe(false);
    expect(state.due).toBe('2026-10-16');
    // 8, 9, 10 (make-up), 12-16 October: the holiday week counts for nothing.
    expect(state.daysLeft).toBe(8);
    expect(state.overdue).toBe(false);
  });

  test('is overdue the day after the due day, with the working days it is late', () => {
    const state = firstArchiveCompleteness({ enrolledOn: '2026-09-01', requiredKinds: required, presentKindIds: new Set(), today: '2026-10-19' }, NATIONAL_DAY);
    expect(state.overdue).toBe(true);
    expect(state.daysLeft).toBe(-1);
  });

  test('a complete archive is never overdue, however late it is read', () => {
    const state = firstArchiveCompleteness({ enrolledOn: '2026-09-01', requiredKinds: required, presentKindIds: new Set([1, 2, 3]), today: '2027-06-01' }, NATIONAL_DAY);
    expect(state).toMatchObject({ complete: true, overdue: false, missing: [] });
  });

  test('working days left is the inverse of adding working days, on any calendar', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const calendar = fc
      .record({ holidays: fc.uniqueArray(day, { maxLength: 40 }), makeUp: fc.uniqueArray(day, { maxLength: 10 }) })
      .map(({ holidays, makeUp }) => ({ holidays: new Set(holidays), makeUpWorkdays: new Set(makeUp) }));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), calendar, (today, n, cal) => {
        const due = addWorkingDays(today, n, cal);
        expect(workingDaysLeft(today, due, cal)).toBe(n);
        expect(workingDaysLeft(due, today, cal)).toBe(n === 0 ? 0 : -n);
      }),
    );
  });
});

describe('custody and retention', () => {
  test.each([
    ['2026-09-01', '2026-10-01'],
    ['2027-01-31', '2027-02-28'],
    ['2028-01-31', '2028-02-29'],
    ['2026-12-15', '2027-01-15'],
  ])('enrolled on %s: handed to the archive office by %s', (enrolled, due) => {
    expect(custodyMoveDue(enrolled)).toBe(due);
  });

  test('a graduate\'s archive is kept two years, a leap day falling on the last of February', () => {
    expect(retentionEnd('2027-06-30')).toBe('2029-06-30');
    expect(retentionEnd('2028-02-29')).toBe('2030-02-28');
  });

  test('months add across year ends both ways', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('transfer receipts', () => {
  test('a receipt not back 30 days after sending is overdue from the 31st day; one that came back never is', () => {
    expect(receiptOverdue('2027-07-01', null, '2027-07-31')).toBe(false);
    expect(receiptOverdue('2027-07-01', null, '2027-08-01')).toBe(true);
    expect(receiptOverdue('2027-07-01', '2027-07-20', '2028-01-01')).toBe(false);
  });
});

describe('access to an archive', () => {
  const grant = { approved: true, opensOn: '2027-03-01', closesOn: '2027-03-05', grantedCategories: ['academic', 'graduation'] as const };

  test('is open from its first to its last day, both included, and only when approved', () => {
    expect(['2027-02-28', '2027-03-01', '2027-03-05', '2027-03-06'].map((day) => accessOpen({ ...grant, grantedCategories: [...grant.grantedCategories] }, day))).toEqual([false, true, true, false]);
    expect(accessOpen({ ...grant, grantedCategories: [], approved: false }, '2027-03-02')).toBe(false);
  });

  test('reads the categories granted, in the catalogue\'s order, and none once closed', () => {
    expect(readableCategories({ ...grant, grantedCategories: ['graduation', 'academic'] }, '2027-03-02')).toEqual(['academic', 'graduation']);
    expect(readableCategories({ ...grant, grantedCategories: ['graduation', 'academic'] }, '2027-03-06')).toEqual([]);
  });
});

describe('the catalogue of seed 001', () => {
  test('has every category and names each kind once; the first archive asks for six admission materials', () => {
    expect(new Set(MATERIAL_KIND_CATALOGUE.map((kind) => kind.category))).toEqual(new Set(MATERIAL_CATEGORIES));
    expect(new Set(MATERIAL_KIND_CATALOGUE.map((kind) => kind.name)).size).toBe(MATERIAL_KIND_CATALOGUE.length);
    const required = MATERIAL_KIND_CATALOGUE.filter((kind) => kind.requiredForFirstArchive);
    expect(required).toHaveLength(6);
    expect(required.every((kind) => kind.category === 'admission')).toBe(true);
  });
});

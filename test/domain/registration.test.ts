/** The pure rules of semester registration (src/domain/registration.ts): window, deadlines, conditions, states, the missed rule, the report. */
import fc from 'fast-check';
import { addWorkingDays, isWorkingDay, WEEKDAYS_ONLY, type SchoolCalendar } from '../../src/domain/calendar-months';
import {
  cancellationGrounds,
  conditionsMet,
  DEFAULT_REGISTRATION_SETTINGS,
  EMPTY_COUNTS,
  failedConditions,
  isMissedOn,
  latestDeferralDate,
  registrationConditions,
  registrationState,
  registrationWindow,
  reportFigures,
  type ConditionFacts,
  type RegistrationSettings,
} from '../../src/domain/registration';
import type { RequestState } from '../../src/domain/approval-vocabulary';

/** National Day 2025: 1-8 October off, Sunday 28 September and Saturday 11 October worked (调休). */
const NATIONAL_DAY_2025: SchoolCalendar = {
  holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']),
  makeUpWorkdays: new Set(['2025-09-28', '2025-10-11']),
};

/** The working days from `opens` to `closes`, both included. */
function workingDaysBetween(opens: string, closes: string, calendar: SchoolCalendar): number {
  let count = 0;
  for (let day = opens; day <= closes; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return count;
}

describe('registrationWindow', () => {
  test.each([
    // start, working days, calendar, opens, closes
    ['2025-09-22', 10, 'weekdays only', '2025-09-22', '2025-10-03'],
    // 22-26 Sep (5), Sunday 28 worked (6), 29-30 (8), 1-8 Oct off, 9-10 Oct (10)
    ['2025-09-22', 10, 'National Day', '2025-09-22', '2025-10-10'],
    // then Saturday 11 Oct worked (11), 13-16 Oct (15)
    ['2025-09-22', 15, 'National Day', '2025-09-22', '2025-10-16'],
    ['2025-09-22', 15, 'weekdays only', '2025-09-22', '2025-10-10'],
    // a start on a Saturday opens on Monday
    ['2025-09-20', 10, 'weekdays only', '2025-09-22', '2025-10-03'],
    // a start on a Sunday that is a make-up working day opens that Sunday
    ['2025-09-28', 10, 'National Day', '2025-09-28', '2025-10-16'],
    // a start inside the holiday opens on the first working day after it
    ['2025-10-01', 10, 'National Day', '2025-10-09', '2025-10-21'],
    ['2025-10-01', 1, 'National Day', '2025-10-09', '2025-10-09'],
  ])('from %s, %i working days (%s): opens %s, closes %s', (start, days, calendarName, opens, closes) => {
    const calendar = calendarName === 'National Day' ? NATIONAL_DAY_2025 : WEEKDAYS_ONLY;
    expect(registrationWindow(start, days, calendar)).toEqual({ opens, closes });
  });

  test('the window always has exactly N working days, opens on the first working day from the start and closes on a working day', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const calendar = fc.record({ holidays: fc.uniqueArray(day, { maxLength: 40 }), makeUpWorkdays: fc.uniqueArray(day, { maxLength: 10 }) });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 20 }), calendar, (start, n, days) => {
        const cal: SchoolCalendar = { holidays: new Set(days.holidays), makeUpWorkdays: new Set(days.makeUpWorkdays) };
        const { opens, closes } = registrationWindow(start, n, cal);
        expect(opens >= start).toBe(true);
        expect(isWorkingDay(opens, cal)).toBe(true);
        expect(isWorkingDay(closes, cal)).toBe(true);
        expect(workingDaysBetween(start, closes, cal)).toBe(n);
        expect(workingDaysBetween(opens, closes, cal)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('latestDeferralDate', () => {
  test.each([
    ['2025-10-10', DEFAULT_REGISTRATION_SETTINGS.deferralMaxDays, '2025-10-24'],
    ['2025-12-25', 14, '2026-01-08'],
    ['2028-02-20', 14, '2028-03-05'],
    ['2025-10-10', 7, '2025-10-17'],
  ])('a window closing %s with %i days: latest %s (calendar days, holidays not skipped)', (closes, days, latest) => {
    expect(latestDeferralDate(closes, { ...DEFAULT_REGISTRATION_SETTINGS, deferralMaxDays: days })).toBe(latest);
  });

  test('it counts calendar days even across the National Day holiday', () => {
    expect(latestDeferralDate('2025-09-30', DEFAULT_REGISTRATION_SETTINGS)).toBe('2025-10-14');
    expect(addWorkingDays('2025-09-30', 14, NATIONAL_DAY_2025)).not.toBe('2025-10-14');
  });
});

const CLEAR: ConditionFacts = { fee: 'paid', feeProof: false, integrityReasons: [], otherUnresolved: [], healthCheckRequired: false, healthCertificate: false };

describe('registrationConditions, one condition at a time', () => {
  test.each<[string, Partial<ConditionFacts>, boolean, string]>([
    ['fee paid', { fee: 'paid' }, true, '计财处记录：已缴费'],
    ['aid', { fee: 'aid' }, true, '计财处记录：资助（缓交或减免）'],
    ['owing without proof', { fee: 'owing' }, false, '计财处记录：欠费，须先缴费或办理资助'],
    // finance's word wins over an uploaded proof
    ['owing with a proof', { fee: 'owing', feeProof: true }, false, '计财处记录：欠费，须先缴费或办理资助'],
    ['no finance row, with proof', { fee: null, feeProof: true }, true, '计财处尚无记录；已上传缴费凭证或资助证明，由系部核对'],
    ['no finance row, no proof', { fee: null, feeProof: false }, false, '计财处尚无缴费记录，且未上传缴费凭证或资助证明'],
    ['paid, proof too', { fee: 'paid', feeProof: true }, true, '计财处记录：已缴费'],
  ])('fees: %s', (_name, facts, ok, reason) => {
    const results = registrationConditions({ ...CLEAR, ...facts });
    expect(results.find((r) => r.code === 'fees')).toEqual({ code: 'fees', ok, reason });
    expect(results.filter((r) => r.code !== 'fees').every((r) => r.ok)).toBe(true);
    expect(conditionsMet(results)).toBe(ok);
  });

  test.each<[string, Partial<ConditionFacts>, boolean, string]>([
    ['no bad record', {}, true, '无未处理的不良记录'],
    ['one standing bad record', { integrityReasons: ['经济诚信：欠缴学费（未处理）'] }, false, '有未处理的事项：经济诚信：欠缴学费（未处理）'],
    ['two standing bad records', { integrityReasons: ['经济诚信：欠缴学费', '学术诚信：考试作弊'] }, false, '有未处理的事项：经济诚信：欠缴学费、学术诚信：考试作弊'],
    ['a failed course left unresolved', { otherUnresolved: ['高等数学不及格未重修'] }, false, '有未处理的事项：高等数学不及格未重修'],
    ['bad record and discipline', { integrityReasons: ['经济诚信：欠缴学费'], otherUnresolved: ['警告处分未解除'] }, false, '有未处理的事项：经济诚信：欠缴学费、警告处分未解除'],
  ])('integrity: %s', (_name, facts, ok, reason) => {
    const results = registrationConditions({ ...CLEAR, ...facts });
    expect(results.find((r) => r.code === 'integrity')).toEqual({ code: 'integrity', ok, reason });
    expect(conditionsMet(results)).toBe(ok);
  });

  test.each<[string, Partial<ConditionFacts>, boolean, string]>([
    ['returning student, health unchanged, no certificate', { healthCheckRequired: false, healthCertificate: false }, true, '老生，健康状况无变动，无须健康证明'],
    ['new student with certificate', { healthCheckRequired: true, healthCertificate: true }, true, '已上传健康检查合格证明'],
    ['new student without certificate', { healthCheckRequired: true, healthCertificate: false }, false, '新生或健康状况有变动，须上传健康检查合格证明'],
    ['health changed, with certificate', { healthCheckRequired: true, healthCertificate: true }, true, '已上传健康检查合格证明'],
    ['health changed, without certificate', { healthCheckRequired: true, healthCertificate: false }, false, '新生或健康状况有变动，须上传健康检查合格证明'],
  ])('health: %s', (_name, facts, ok, reason) => {
    const results = registrationConditions({ ...CLEAR, ...facts });
    expect(results.find((r) => r.code === 'health')).toEqual({ code: 'health', ok, reason });
    expect(conditionsMet(results)).toBe(ok);
  });
});

describe('registrationConditions combined', () => {
  test('all three met: every condition ok, in the order fees, integrity, health, and nothing failed', () => {
    const results = registrationConditions({ ...CLEAR, fee: 'aid', healthCheckRequired: true, healthCertificate: true });
    expect(results.map((r) => [r.code, r.ok])).toEqual([['fees', true], ['integrity', true], ['health', true]]);
    expect(conditionsMet(results)).toBe(true);
    expect(failedConditions(results)).toBe('');
  });

  test('all three failing: each named with its label and reason in one sentence', () => {
    const results = registrationConditions({ fee: 'owing', feeProof: false, integrityReasons: ['经济诚信：欠缴学费'], otherUnresolved: [], healthCheckRequired: true, healthCertificate: false });
    expect(conditionsMet(results)).toBe(false);
    expect(failedConditions(results)).toBe('缴费：计财处记录：欠费，须先缴费或办理资助；无未处理的不良记录：有未处理的事项：经济诚信：欠缴学费；健康检查：新生或健康状况有变动，须上传健康检查合格证明');
  });

  test('two failing, one met: only the failing ones are named', () => {
    const results = registrationConditions({ fee: null, feeProof: false, integrityReasons: [], otherUnresolved: [], healthCheckRequired: true, healthCertificate: false });
    expect(results.map((r) => r.ok)).toEqual([false, true, false]);
    expect(failedConditions(results)).toBe('缴费：计财处尚无缴费记录，且未上传缴费凭证或资助证明；健康检查：新生或健康状况有变动，须上传健康检查合格证明');
  });
});

describe('registrationState', () => {
  const row = (workflowState: RequestState, currentUnit: string | null, deferredUntil: string | null, missed: boolean) => ({ workflowState, currentUnit, deferredUntil, missed });
  test.each<[RequestState, string | null, string | null, boolean, string]>([
    ['draft', null, null, false, 'expected'],
    ['draft', null, '2025-10-24', false, 'deferred'],
    ['draft', null, null, true, 'missed'],
    // a deferral that ran out unregistered is missed, not deferred
    ['draft', null, '2025-10-24', true, 'missed'],
    ['submitted', 'department', null, false, 'submitted'],
    ['submitted', 'academic-affairs', null, false, 'department-reviewed'],
    ['submitted', 'student', null, false, 'approved'],
    // a deferred student who submits is under review like anyone
    ['submitted', 'department', '2025-10-24', false, 'submitted'],
    ['returned', 'department', null, false, 'returned'],
    ['returned', null, null, true, 'missed'],
    ['approved', null, null, false, 'registered'],
    // registered later after a missed window (补办) and after a deferral
    ['approved', null, null, true, 'registered'],
    ['approved', null, '2025-10-24', false, 'registered'],
  ])('%s at %s, deferred until %s, missed %s: %s', (workflowState, unit, deferredUntil, missed, expected) => {
    expect(registrationState(row(workflowState, unit, deferredUntil, missed))).toBe(expected);
  });
});

describe('isMissedOn', () => {
  test.each<[RequestState, string, string, boolean]>([
    ['draft', '2025-10-10', '2025-10-10', false],
    ['draft', '2025-10-10', '2025-10-11', true],
    ['returned', '2025-10-10', '2025-10-11', true],
    ['returned', '2025-10-10', '2025-10-09', false],
    // submitted in time: goes on under review past the deadline
    ['submitted', '2025-10-10', '2025-10-20', false],
    ['approved', '2025-10-10', '2025-10-20', false],
    // a deferral's own deadline
    ['draft', '2025-10-24', '2025-10-20', false],
    ['draft', '2025-10-24', '2025-10-25', true],
  ])('%s with deadline %s, on %s: %s', (workflowState, deadline, today, missed) => {
    expect(isMissedOn({ workflowState, deadline }, today)).toBe(missed);
  });
});

describe('cancellationGrounds', () => {
  const history = (marks: string) => marks.split('').map((mark, i) => ({ semester: `S${i + 1}`, missed: mark === 'm' }));
  const changed: RegistrationSettings = { ...DEFAULT_REGISTRATION_SETTINGS, missedInRow: 3, missedTotal: 4 };
  test.each<[string, string, RegistrationSettings, string[]]>([
    ['nothing missed', 'rrrr', DEFAULT_REGISTRATION_SETTINGS, []],
    ['1 missed', 'rrm', DEFAULT_REGISTRATION_SETTINGS, []],
    ['2 in a row', 'rmm', DEFAULT_REGISTRATION_SETTINGS, ['S2', 'S3']],
    ['2 in a row at the start', 'mmr', DEFAULT_REGISTRATION_SETTINGS, ['S1', 'S2']],
    ['missed, registered, missed (not in a row)', 'mrm', DEFAULT_REGISTRATION_SETTINGS, []],
    ['3 in total, not in a row', 'mrmrm', DEFAULT_REGISTRATION_SETTINGS, ['S1', 'S3', 'S5']],
    ['3 in a row counts as 3 in total', 'rmmm', DEFAULT_REGISTRATION_SETTINGS, ['S2', 'S3', 'S4']],
    ['settings 3/4: 2 in a row is not enough', 'rmm', changed, []],
    ['settings 3/4: 3 in a row', 'mmm', changed, ['S1', 'S2', 'S3']],
    ['settings 3/4: 3 in total not in a row is not enough', 'mrmrm', changed, []],
    ['settings 3/4: 4 in total', 'mrmmrm', changed, ['S1', 'S3', 'S4', 'S6']],
    // an older run was proposed when it happened: the proposal names the latest, and only the last N of it
    ['settings 2/5: two runs of 2, the latest named', 'mmrrmm', { ...DEFAULT_REGISTRATION_SETTINGS, missedTotal: 5 }, ['S5', 'S6']],
    ['settings 2/5: a run of 3, its last 2 named', 'rmmm', { ...DEFAULT_REGISTRATION_SETTINGS, missedTotal: 5 }, ['S3', 'S4']],
  ])('%s (%s)', (_name, marks, settings, grounds) => {
    expect(cancellationGrounds(history(marks), settings)).toEqual(grounds);
  });

  test('whatever the history, grounds are only missed semesters and appear only when one of the two rules holds', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), (marks, missedInRow, missedTotal) => {
        const h = marks.map((missed, i) => ({ semester: `S${i + 1}`, missed }));
        const grounds = cancellationGrounds(h, { ...DEFAULT_REGISTRATION_SETTINGS, missedInRow, missedTotal });
        const missedOnes = h.filter((x) => x.missed).map((x) => x.semester);
        expect(grounds.every((s) => missedOnes.includes(s))).toBe(true);
        const longestRun = marks.reduce((acc, m) => ({ run: m ? acc.run + 1 : 0, max: Math.max(acc.max, m ? acc.run + 1 : 0) }), { run: 0, max: 0 }).max;
        expect(grounds.length > 0).toBe(missedOnes.length >= missedTotal || longestRun >= missedInRow);
      }),
    );
  });
});

describe('reportFigures', () => {
  test('the seed example (001, 3.(1)): 3,000 expected, 2,950 on time = 98.3 %; 50 deferred: 45 applied, 5 overdue, 3 registered later, 2 left', () => {
    const figures = reportFigures({ expected: 3000, registered: 2950, registeredTotal: 2998, deferralApplied: 45, overdue: 5, registeredLater: 3, missed: 2, pending: 0 });
    expect(figures).toEqual({
      expected: 3000,
      registered: 2950,
      registeredTotal: 2998,
      onTimeRate: 98.3,
      deferred: { total: 50, applied: 45, overdue: 5, registeredLater: 3, left: 2 },
      neverRegistered: 2,
      pending: 0,
    });
  });

  test.each([
    [0, 0, null],
    [3, 2, 66.7],
    [3, 1, 33.3],
    [8, 7, 87.5],
    [1000, 999, 99.9],
    [45, 45, 100],
  ])('%i expected, %i on time: rate %s', (expected, registered, rate) => {
    expect(reportFigures({ ...EMPTY_COUNTS, expected, registered }).onTimeRate).toBe(rate);
  });
});

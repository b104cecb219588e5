/** The integrity archive's rules (src/domain/integrity.ts): the record machine, who enters what, the summary and the clearance. */
import {
  DEFAULT_ENTRY_RULES,
  INDICATORS,
  RECORD_EVENTS,
  RECORD_STATES,
  entryRuleFor,
  integrityClearance,
  isStandingBad,
  nextRecordState,
  recordMachineProblems,
  summarize,
  summaryLevel,
  type Indicator,
  type RecordEvent,
  type RecordKind,
  type RecordLevel,
  type RecordSource,
  type RecordState,
  type SummaryRecord,
} from '../../src/domain/integrity';

describe('the record machine', () => {
  test('every state is reachable from entered and every move lands on a state', () => {
    expect(recordMachineProblems()).toEqual([]);
  });

  test.each<[RecordState, RecordEvent, RecordState | null]>([
    ['entered', 'confirm', 'confirmed'],
    ['entered', 'appeal', null], // an unconfirmed record is not shown, so not appealed
    ['entered', 'acknowledge', null],
    ['confirmed', 'acknowledge', 'acknowledged'],
    ['confirmed', 'appeal', 'appealed'],
    ['confirmed', 'amend', 'amended'],
    ['confirmed', 'confirm', null],
    ['acknowledged', 'appeal', null], // checked and accepted by the student
    ['acknowledged', 'amend', 'amended'],
    ['appealed', 'appeal', null], // one open appeal per record
    ['appealed', 'appeal-modify', 'modified'],
    ['appealed', 'appeal-revoke', 'revoked'],
    ['appealed', 'appeal-reject', 'confirmed'],
    ['appealed', 'amend', null],
    ['modified', 'appeal', 'appealed'],
    ['modified', 'acknowledge', 'acknowledged'],
  ])('%s --%s--> %s', (state, event, next) => {
    expect(nextRecordState(state, event)).toBe(next);
  });

  test.each(['revoked', 'amended'] as RecordState[])('%s is final: no event moves it', (state) => {
    for (const event of RECORD_EVENTS) expect(nextRecordState(state, event)).toBeNull();
  });

  test.each<[RecordKind, RecordState, boolean]>([
    ['bad', 'entered', false],
    ['bad', 'confirmed', true],
    ['bad', 'acknowledged', true],
    ['bad', 'appealed', true],
    ['bad', 'modified', true],
    ['bad', 'revoked', false],
    ['bad', 'amended', false],
    ['good', 'confirmed', false],
    ['loan', 'confirmed', false],
  ])('a %s record %s stands against the student: %s', (kind, state, standing) => {
    expect(isStandingBad({ kind, state })).toBe(standing);
  });
});

describe('who enters what (第六条, 第七条)', () => {
  test.each<[RecordSource, Indicator, RecordKind, RecordLevel, boolean]>([
    ['finance', 'economic', 'bad', 'school', true],
    ['finance', 'economic', 'good', 'school', false],
    ['finance', 'academic', 'bad', 'school', false],
    ['library', 'economic', 'bad', 'school', true],
    ['security', 'daily-life', 'bad', 'school', true],
    ['security', 'online', 'bad', 'school', true],
    ['academic-affairs', 'academic', 'grades-summary', 'school', true],
    ['academic-affairs', 'academic', 'bad', 'department', false],
    ['student-affairs', 'loan-aid', 'loan', 'school', true],
    ['student-affairs', 'daily-life', 'bad', 'school', true],
    ['youth-league', 'employment', 'good', 'school', true],
    ['youth-league', 'employment', 'bad', 'school', false],
    ['organisation', 'status-archive', 'good', 'school', true],
    ['department', 'academic', 'good', 'department', true],
    ['department', 'academic', 'good', 'school', false],
    ['department', 'employment', 'graduation-comment', 'department', true],
    ['archive', 'status-archive', 'bad', 'school', false],
  ])('%s may enter %s / %s at %s level: %s', (source, indicator, kind, level, allowed) => {
    expect(entryRuleFor(DEFAULT_ENTRY_RULES, source, indicator, kind, level) !== null).toBe(allowed);
  });

  test('every indicator has at least one school-level source and a department-level one', () => {
    for (const indicator of INDICATORS) {
      expect(DEFAULT_ENTRY_RULES.some((rule) => rule.indicator === indicator && rule.level === 'department')).toBe(true);
    }
    expect(new Set(DEFAULT_ENTRY_RULES.filter((rule) => rule.level === 'school').map((rule) => rule.indicator))).toEqual(new Set(INDICATORS));
  });
});

const record = (indicator: Indicator, kind: RecordKind, state: RecordState): SummaryRecord => ({ indicator, kind, state });

describe('the summary (第二十条)', () => {
  test('counts shown records by indicator: good ones, standing bad ones, open appeals', () => {
    const summary = summarize([
      record('academic', 'good', 'confirmed'),
      record('academic', 'good', 'acknowledged'),
      record('academic', 'good', 'entered'), // not yet shown
      record('economic', 'bad', 'appealed'),
      record('economic', 'bad', 'revoked'),
      record('daily-life', 'bad', 'amended'),
      record('daily-life', 'bad', 'modified'),
      record('loan-aid', 'loan', 'confirmed'),
    ]);
    expect(summary.byIndicator.academic).toEqual({ good: 2, standingBad: 0 });
    expect(summary.byIndicator.economic).toEqual({ good: 0, standingBad: 1 });
    expect(summary.byIndicator['daily-life']).toEqual({ good: 0, standingBad: 1 });
    expect(summary.byIndicator['loan-aid']).toEqual({ good: 0, standingBad: 0 });
    expect(summary).toMatchObject({ good: 2, standingBad: 2, openAppeals: 1, level: 'fair' });
  });

  test.each<[number, number, string]>([
    [0, 0, 'good'],
    [1, 0, 'good'],
    [2, 0, 'excellent'],
    [9, 1, 'fair'],
    [0, 2, 'fair'],
    [0, 3, 'poor'],
    [5, 4, 'poor'],
  ])('%i good and %i standing bad records: %s', (good, bad, level) => {
    expect(summaryLevel(good, bad, { goodForExcellent: 2, badForPoor: 3 })).toBe(level);
  });

  test('the thresholds are settings', () => {
    expect(summaryLevel(2, 0, { goodForExcellent: 5, badForPoor: 3 })).toBe('good');
    expect(summaryLevel(0, 1, { goodForExcellent: 2, badForPoor: 1 })).toBe('poor');
  });

  test('an empty archive is 良好 with nothing counted', () => {
    expect(summarize([])).toMatchObject({ good: 0, standingBad: 0, openAppeals: 0, level: 'good' });
  });
});

describe('the clearance used by evaluations and registration', () => {
  test('clear without a standing bad record, whatever else the archive holds', () => {
    const records = RECORD_STATES.filter((state) => !isStandingBad({ kind: 'bad', state })).map((state) => record('economic', 'bad', state));
    expect(integrityClearance([...records, record('academic', 'good', 'confirmed')])).toEqual({ clear: true, reasons: [] });
  });

  test('not clear, naming each indicator with its count and the appeals still open', () => {
    const clearance = integrityClearance([record('economic', 'bad', 'confirmed'), record('economic', 'bad', 'appealed'), record('online', 'bad', 'acknowledged')]);
    expect(clearance.clear).toBe(false);
    expect(clearance.reasons).toEqual(['经济诚信：不良记录 2 条未撤销、未修定（其中 1 条申诉处理中）', '上网诚信：不良记录 1 条未撤销、未修定']);
  });
});

/** The status-change panel's view of a timeline: steps, rounds, labels and history lines. */
import { decisionsByRound, describeChange, doneMessage, formatDateTime, offeredActions, stateLabel, stepViews, type Timeline, type TimelineDecision } from '../../src/admin/status-change-view';

const STEPS = [
  { number: 1, unit: 'department', label: '系部提出意见', deadlineDays: 3 },
  { number: 2, unit: 'academic-affairs', label: '教务处审批', deadlineDays: 5 },
];

function decision(round: number, step: number, value: TimelineDecision['decision'], decidedAt = '2026-11-20T02:00:00.000Z'): TimelineDecision {
  return { round, step, stepLabel: STEPS[step - 1].label, unit: STEPS[step - 1].unit, unitName: null, decision: value, comment: null, decidedBy: `s${step}@example.com`, deciderName: null, decidedAt };
}

function timeline(overrides: Partial<Timeline>): Pick<Timeline, 'steps' | 'decisions' | 'round' | 'state' | 'currentStep'> {
  return { steps: STEPS, decisions: [], round: 1, state: 'submitted', currentStep: 1, ...overrides };
}

describe('where each step stands', () => {
  test.each([
    ['waiting at the first step', timeline({}), ['current', 'waiting']],
    ['first step approved, second current', timeline({ currentStep: 2, decisions: [decision(1, 1, 'approve')] }), ['done', 'current']],
    ['approved by both', timeline({ state: 'approved', currentStep: null, decisions: [decision(1, 1, 'approve'), decision(1, 2, 'approve')] }), ['done', 'done']],
    ['returned at the second step', timeline({ state: 'returned', currentStep: null, decisions: [decision(1, 1, 'approve'), decision(1, 2, 'return')] }), ['done', 'returned']],
    ['rejected at the first step', timeline({ state: 'rejected', currentStep: null, decisions: [decision(1, 1, 'reject')] }), ['rejected', 'not-reached']],
    ['withdrawn while waiting', timeline({ state: 'withdrawn', currentStep: null }), ['not-reached', 'not-reached']],
  ])('%s', (_name, given, expected) => {
    // When the steps are computed, Then each has the expected status.
    expect(stepViews(given).map((step) => step.status)).toEqual(expected);
  });

  test('a resubmitted request shows only the latest round on its steps', () => {
    // Given a request returned in round 1 and resubmitted as round 2
    const given = timeline({ round: 2, decisions: [decision(1, 1, 'approve'), decision(1, 2, 'return')] });
    // Then the chain starts again from the first step
    expect(stepViews(given).map((step) => step.status)).toEqual(['current', 'waiting']);
  });
});

describe('decisions by round', () => {
  test('rounds come oldest first, each in step order', () => {
    const grouped = decisionsByRound([decision(2, 1, 'approve'), decision(1, 2, 'return'), decision(1, 1, 'approve')]);
    expect(grouped.map((r) => [r.round, r.decisions.map((d) => d.step)])).toEqual([
      [1, [1, 2]],
      [2, [1]],
    ]);
  });

  test('no decisions, no rounds', () => {
    expect(decisionsByRound([])).toEqual([]);
  });
});

describe('labels', () => {
  test('a withdrawn request is 已撤回, not the student status 退学', () => {
    expect(stateLabel('withdrawn')).toBe('已撤回');
    expect(stateLabel('submitted')).toBe('审批中');
  });

  test('the buttons come in a fixed order and unknown actions are left out', () => {
    expect(offeredActions(['withdraw', 'approve', 'return', 'reject', 'publish'])).toEqual(['approve', 'reject', 'return', 'withdraw']);
  });

  test('the last approval says the change has taken effect', () => {
    expect(doneMessage('approve', 'submitted')).toBe('已同意，申请进入下一步');
    expect(doneMessage('approve', 'approved')).toBe('已同意，申请已批准，学籍变动已生效');
  });

  test('times are shown to the minute; dates stay as they are', () => {
    expect(formatDateTime('2026-11-30')).toBe('2026-11-30');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('2026-11-20T02:05:00.000Z')).toMatch(/^2026-11-2\d \d{2}:05$/);
  });
});

describe('what a change did to the student', () => {
  const before = { status: 'active', studentNumber: '2401010101', major: { documentId: 'm1', name: '软件技术' }, suspensionStart: null, suspensionEnd: null };

  test('one line per changed field, in Chinese', () => {
    const after = { ...before, status: 'suspended', suspensionStart: '2026-12-01', suspensionEnd: '2027-08-31' };
    expect(describeChange(before, after)).toEqual(['学籍状态：在籍 → 休学', '休学开始日期：无 → 2026-12-01', '休学结束日期：无 → 2027-08-31']);
  });

  test('a moved student names the new major', () => {
    expect(describeChange(before, { ...before, major: { documentId: 'm2', name: '计算机应用技术' } })).toEqual(['专业：软件技术 → 计算机应用技术']);
  });

  test('a new student (transfer in) lists what they start with', () => {
    expect(describeChange(null, { status: 'active', studentNumber: '2501010150' })).toContain('学籍状态：在籍');
  });
});

/** The approval panel's words for any subject (src/admin/approval-view.ts). */
import { chineseMessage, stepViews, unitLabel, type ApprovalTimelineView } from '../../src/admin/approval-view';

describe('unitLabel: who decides a step, in words', () => {
  test.each<[string, { unit: string; offices?: string[] }, string | null, string]>([
    ['an office', { unit: 'academic-affairs' }, null, '教务处'],
    ['several offices', { unit: 'offices', offices: ['security', 'finance'] }, null, '保卫处、计财处'],
    ['the department, named', { unit: 'department' }, '信息工程系', '信息工程系'],
    ['the department, unnamed', { unit: 'department' }, null, '学生所在系部'],
    ['the source office', { unit: 'source-office' }, null, '来源部门'],
    ['the student', { unit: 'student' }, null, '学生本人确认'],
  ])('%s', (_name, step, department, expected) => {
    expect(unitLabel(step, department)).toBe(expected);
  });
});

test('stepViews places a returned round of any subject', () => {
  const timeline: Pick<ApprovalTimelineView, 'steps' | 'decisions' | 'round' | 'state' | 'currentStep'> = {
    state: 'returned',
    round: 1,
    currentStep: null,
    steps: [
      { number: 1, unit: 'source-office', label: '来源部门核实', deadlineDays: 2 },
      { number: 2, unit: 'offices', offices: ['finance'], label: '计财处确认', deadlineDays: 3 },
    ],
    decisions: [{ round: 1, step: 1, stepLabel: '来源部门核实', unit: 'source-office', unitName: '保卫处', decision: 'return', comment: '补充', decidedBy: 'a@b', deciderName: null, decidedAt: '2026-11-30T01:00:00Z' }],
  };
  expect(stepViews(timeline).map((step) => step.status)).toEqual(['returned', 'not-reached']);
});

describe('chineseMessage: a server message as staff read it', () => {
  test.each([
    ['注册条件未满足，不能通过：缴费 (a condition is not met)', '注册条件未满足，不能通过：缴费'],
    ['申请已被他人处理，请刷新后再试 (the request changed meanwhile; reload it)', '申请已被他人处理，请刷新后再试'],
    ['只有中文（括号）', '只有中文（括号）'],
  ])('%s', (message, shown) => {
    expect(chineseMessage(message)).toBe(shown);
  });
});

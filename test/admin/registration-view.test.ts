/** What the registration screens compute (src/admin/registration-view.ts): batches, their answers, the report's chart. */
import { approveBatch, batchSummary, classOptionLabel, conditionsVerdict, registrationActions, registrationDoneMessage, registrationFacts, reportChartOption, returnBatch, semesterWords, type RegistrationReport, type RegistrationTimeline, type ReviewRow } from '../../src/admin/registration-view';

const condition = (code: string, ok: boolean) => ({ code, ok, label: code, reason: ok ? '满足' : '欠费' });
const row = (documentId: string, met: boolean, currentStep: number | null = 1): ReviewRow => ({
  documentId,
  studentNumber: `2026${documentId}`,
  name: `学生${documentId}`,
  state: 'submitted',
  submittedAt: null,
  due: '2100-09-10',
  currentStep,
  conditionsMet: met,
  conditions: [condition('fees', met), condition('integrity', true), condition('health', true)],
});

describe('the batch of a class', () => {
  test('approves only the rows whose conditions are all met, each at the step shown', () => {
    expect(approveBatch([row('a', true), row('b', false), row('c', true, 1)], '  材料齐全 ')).toEqual({
      action: 'approve',
      comment: '材料齐全',
      items: [{ documentId: 'a', step: 1 }, { documentId: 'c', step: 1 }],
    });
  });

  test('a row marked met but with a failed condition is not approved; nothing to approve gives no batch', () => {
    const inconsistent = { ...row('d', true), conditions: [condition('fees', false)] };
    expect(approveBatch([inconsistent, row('e', false)], '')).toBeNull();
  });

  test('returns the chosen rows with the comment', () => {
    expect(returnBatch([row('a', true), row('b', false)], new Set(['b']), ' 请补缴 ')).toEqual({ action: 'return', comment: '请补缴', items: [{ documentId: 'b', step: 1 }] });
  });

  test('the answer names each refused student with the reason, without the English part', () => {
    const summary = batchSummary('approve', {
      data: [
        { documentId: 'a', ok: true, state: 'submitted' },
        { documentId: 'b', ok: false, status: 400, error: { message: '注册条件未满足，不能通过：缴费：欠费 (a condition is not met)' } },
      ],
      meta: { decided: 1, refused: 1 },
    }, [row('a', true), row('b', false)]);
    expect(summary).toEqual({ title: '已通过初审 1 人，1 人未能办理', refusals: ['学生b（2026b）：注册条件未满足，不能通过：缴费：欠费'] });
  });
});

describe('the panel', () => {
  test('a registration offers no 不同意 and no 撤回; a deferral keeps them', () => {
    expect(registrationActions('registration', ['approve', 'reject', 'return', 'withdraw'])).toEqual(['approve', 'return']);
    expect(registrationActions('registration-deferral', ['approve', 'reject', 'return'])).toEqual(['approve', 'reject', 'return']);
  });

  const CHAIN = [
    { number: 1, unit: 'department', label: '系部初审', deadlineDays: 2 },
    { number: 2, unit: 'academic-affairs', label: '教务处审核', deadlineDays: 3 },
    { number: 3, unit: 'student', label: '学生确认', deadlineDays: 5 },
  ];
  test.each([
    ['may approve', true, 1, ['approve', 'return'], '条件均已满足，可以通过。'],
    ['may only return', false, 1, ['return'], '有条件未满足：不能通过，可退回并写明须补充的材料。'],
    ['a clerk at academic affairs’ step', true, 2, [], '条件均已满足，待教务处审核。'],
    ['a reader at the department step, conditions failed', false, 1, [], '有条件未满足：信息工程系审核时不能通过，只能退回。'],
    ['anyone at the student’s confirmation', true, 3, [], '条件均已满足，待学生本人确认注册。'],
    ['a returned one, as kept when last checked', true, null, [], '上次核对时条件均已满足。'],
  ])('the conditions’ verdict: %s', (_case, met, currentStep, allowedActions, text) => {
    const timeline = { state: currentStep ? 'submitted' : 'returned', currentStep, steps: CHAIN, conditionsMet: met, allowedActions, department: { documentId: 'd', name: '信息工程系' } } as unknown as RegistrationTimeline;
    expect(conditionsVerdict(timeline)).toEqual({ ok: met, text });
  });

  test('the notification says which step passed', () => {
    expect(registrationDoneMessage('registration', 'approve', 'submitted', 'department')).toBe('系部初审已通过，转教务处审核');
    expect(registrationDoneMessage('registration', 'approve', 'submitted', 'academic-affairs')).toBe('教务处审核已通过，待学生确认注册');
    expect(registrationDoneMessage('registration', 'return', 'returned', 'department')).toBe('注册申请已退回学生补充材料');
    expect(registrationDoneMessage('registration-deferral', 'approve', 'approved', 'academic-affairs')).toBe('已批准延期，学生的注册截止日期已顺延');
  });

  test('the facts name the deadline with its deferral and overdue, and leave out what is empty', () => {
    const timeline = {
      student: { documentId: 's', name: '张一', studentNumber: '2026001' },
      schoolClass: { documentId: 'c', name: '计算机2601班' },
      department: { documentId: 'd', name: '信息工程系' },
      semester: '2100-2101-1',
      deadline: '2100-09-28',
      deferredUntil: '2100-09-28',
      overdue: true,
      newStudent: false,
      healthChanged: false,
      note: null,
    } as unknown as RegistrationTimeline;
    expect(registrationFacts(timeline)).toEqual([
      ['学生', '张一（2026001）'],
      ['班级', '计算机2601班'],
      ['系部', '信息工程系'],
      ['学期', '2100-2101-1'],
      ['截止日期', '2100-09-28（已准延期），已逾期'],
      ['学生类别', '老生'],
      ['健康状况', '无变动'],
    ]);
  });
});

test('the chart stacks on-time, later, pending and never registered (their sum is the expected) with the rate on its own axis', () => {
  const figures = (expected: number, registered: number, registeredTotal: number, pending: number, left: number) => ({
    expected, registered, registeredTotal, onTimeRate: Math.round((registered / expected) * 1000) / 10, deferred: { total: 0, applied: 0, overdue: 0, registeredLater: 0, left }, neverRegistered: left, pending,
  });
  const report: RegistrationReport = {
    semester: { code: '2100-2101-1', startDate: '2100-09-01', endDate: '2101-01-20' },
    school: figures(10, 6, 8, 1, 1),
    departments: [{ department: { id: 1, name: '信息工程系', code: 'IE' }, ...figures(10, 6, 8, 1, 1) }],
  };
  const option = reportChartOption(report);
  const bars = option.series.filter((s) => s.type === 'bar');
  expect(bars.map((s) => s.name)).toEqual(['按时注册', '延期或补办后注册', '办理中', '最终未注册']);
  expect(bars.reduce((sum, s) => sum + (s.data[0] as number), 0)).toBe(10);
  expect(option.series.find((s) => s.type === 'line')).toMatchObject({ yAxisIndex: 1, data: [60] });
});

test('names in words', () => {
  expect(semesterWords('2100-2101-2')).toBe('2100-2101 学年第二学期');
  expect(classOptionLabel({ documentId: 'c', name: '计算机2601班', department: '信息工程系', waiting: 4, total: 6 })).toBe('计算机2601班（信息工程系） · 待审 4 / 6');
});

/** The integrity panels' arrangement of what the server sends (src/admin/integrity-view.ts), and an appeal's outcome in words. */
import { describeOutcome } from '../../src/admin/approval-view';
import { appealOutcome, contentChanges, decidesResult, indicatorCounts, recordLine, recordsByIndicator, versionActor, type PanelRecord } from '../../src/admin/integrity-view';
import { INTEGRITY_OWN_LABELS } from '../../src/admin/integrity-labels';
import { ENUM_LABELS } from '../../src/domain/enum-labels';

const record = (indicator: string, title: string, indicatorLabel = indicator): PanelRecord => ({
  documentId: title, title, indicator, indicatorLabel, kind: 'bad', kindLabel: '不良记录', state: 'confirmed', stateLabel: '已认定', levelLabel: '校级', sourceOfficeLabel: '计财处', occurredOn: '2026-10-01', version: 2,
});

const INDICATORS = [
  { indicator: 'academic', label: '学习诚信' },
  { indicator: 'economic', label: '经济诚信' },
  { indicator: 'daily-life', label: '生活诚信' },
];

test('records are grouped under their indicator in the order of 第九条, empty indicators left out', () => {
  // Given records of two indicators, listed newest first
  const records = [record('daily-life', '晚归'), record('economic', '欠费一'), record('economic', '欠费二')];
  // When they are grouped
  const groups = recordsByIndicator(records, INDICATORS);
  // Then the economic group comes first, with both its records, and academic (empty) is not shown
  expect(groups.map((g) => [g.label, g.records.map((r) => r.title)])).toEqual([
    ['经济诚信', ['欠费一', '欠费二']],
    ['生活诚信', ['晚归']],
  ]);
});

test('a record of an indicator the summary does not list is still shown, under its own label', () => {
  const groups = recordsByIndicator([record('online', '网络违规', '上网诚信')], INDICATORS);
  expect(groups).toEqual([{ indicator: 'online', label: '上网诚信', records: [expect.objectContaining({ title: '网络违规' })] }]);
});

test('a record reads as kind, state and date; the counts leave out indicators with nothing', () => {
  expect(recordLine(record('economic', 'x'))).toBe('不良记录 · 已认定 · 2026-10-01');
  expect(indicatorCounts([
    { indicator: 'academic', label: '学习诚信', good: 0, standingBad: 0 },
    { indicator: 'economic', label: '经济诚信', good: 0, standingBad: 2 },
    { indicator: 'daily-life', label: '生活诚信', good: 1, standingBad: 1 },
  ])).toEqual(['经济诚信：不良 2', '生活诚信：优良 1，不良 1']);
});

test('a version shows what its content changed from the one before', () => {
  const before = { title: '欠缴住宿费', description: null, occurredOn: '2026-10-01', indicator: 'economic' };
  expect(contentChanges(null, before)).toEqual([]);
  expect(contentChanges(before, { ...before })).toEqual([]);
  expect(contentChanges(before, { ...before, title: '欠缴住宿费（部分）', description: '欠 200 元' })).toEqual(['事项：“欠缴住宿费” → “欠缴住宿费（部分）”', '情况说明：（空） → “欠 200 元”']);
});

describe("an appeal's outcome as the panel sends it", () => {
  const stored = { title: '欠缴住宿费', description: '欠 800 元' };
  test.each<[string, Parameters<typeof appealOutcome>[0], { title: string; description: string }, ReturnType<typeof appealOutcome>]>([
    ['no result chosen', null, stored, '请选择处理结果：修改记录或撤销记录。'],
    ['revoked', 'revoke', stored, { outcome: { result: 'revoke' } }],
    ['modified title only', 'modify', { ...stored, title: ' 欠缴住宿费（部分） ' }, { outcome: { result: 'modify', content: { title: '欠缴住宿费（部分）' } } }],
    ['description cleared', 'modify', { ...stored, description: '  ' }, { outcome: { result: 'modify', content: { description: null } } }],
    ['nothing changed', 'modify', stored, '修改记录时，请更改事项或情况说明；不需更改内容的，请选择撤销或驳回。'],
    ['title emptied', 'modify', { ...stored, title: ' ' }, '修改记录时，事项不能为空。'],
    ['title too long', 'modify', { ...stored, title: '长'.repeat(101) }, '事项不能超过 100 字。'],
  ])('%s', (_name, result, edited, expected) => {
    expect(appealOutcome(result, edited, stored)).toEqual(expected);
  });

  test('only the last step’s approval carries the result', () => {
    const steps = [{ number: 1, unit: 'department', label: '', deadlineDays: 3 }, { number: 2, unit: 'student-affairs', label: '', deadlineDays: 5 }];
    expect(decidesResult({ state: 'submitted', currentStep: 2, steps, allowedActions: ['approve', 'reject'] })).toBe(true);
    expect(decidesResult({ state: 'submitted', currentStep: 1, steps, allowedActions: ['approve', 'reject'] })).toBe(false);
    expect(decidesResult({ state: 'submitted', currentStep: 2, steps, allowedActions: [] })).toBe(false);
    expect(decidesResult({ state: 'approved', currentStep: null, steps, allowedActions: [] })).toBe(false);
  });

  test('a recorded outcome reads in Chinese, without the reason (it is the comment)', () => {
    expect(describeOutcome({ result: 'modify', content: { title: '欠缴住宿费（部分）' }, reason: '核实' })).toBe('处理结果：修改记录；新内容：事项“欠缴住宿费（部分）”');
    expect(describeOutcome({ result: 'revoke', reason: '核实' })).toBe('处理结果：撤销记录');
  });
});

test('a record’s level and source read 系部级 and 系部 where ENUM_LABELS says 学生所在系部; a request’s withdrawn is 已撤回', () => {
  const labels = (type: string, field: string) => INTEGRITY_OWN_LABELS.find((own) => own.type === type && own.field === field)?.labels ?? {};
  expect(ENUM_LABELS.department).toBe('学生所在系部');
  expect(labels('api::integrity-record.integrity-record', 'level').department).toBe('系部级');
  expect(labels('api::integrity-record.integrity-record', 'sourceOffice').department).toBe('系部');
  expect(labels('api::integrity-appeal.integrity-appeal', 'state')).toMatchObject({ withdrawn: '已撤回', approved: '已同意申诉', rejected: '已驳回申诉' });
  expect(labels('api::integrity-amendment.integrity-amendment', 'state')).toEqual({ withdrawn: '已撤回' });
});

test('a version written by a flow names the flow in Chinese; a person stays as stored', () => {
  expect([versionActor('appeal'), versionActor('amendment'), versionActor('student'), versionActor('teacher@example.com'), versionActor(null)]).toEqual(['申诉处理', '修定决定', '学生本人', 'teacher@example.com', null]);
});

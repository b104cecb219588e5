/** The 待办 widget's wording, the menu badge's text and the chart's ECharts option. */
import { stackedBarOption } from '../../src/admin/dashboard/chart-option';
import { badgeText, dueText, editView, inboxTitle, stepText } from '../../src/admin/inbox-view';
import { pivot } from '../../src/domain/dashboard';
import type { InboxItem } from '../../src/domain/inbox';

const ITEM: InboxItem = {
  subject: 'status-change',
  subjectLabel: '学籍异动',
  uid: 'api::status-change.status-change',
  documentId: 'abc123',
  type: 'suspension',
  student: '张三',
  department: '信息工程系',
  step: 1,
  stepLabel: '系部审核',
  unit: 'department',
  due: '2026-10-20',
  overdue: false,
  submittedAt: '2026-10-15T02:00:00.000Z',
};

describe('a waiting request', () => {
  test('is named by subject, type and student, and links to its edit view', () => {
    expect(inboxTitle(ITEM)).toBe('学籍异动：休学 · 张三');
    expect(inboxTitle({ ...ITEM, type: null, student: null })).toBe('学籍异动：申请 · 转入学生');
    expect(editView(ITEM)).toBe('/content-manager/collection-types/api::status-change.status-change/abc123');
    expect(stepText(ITEM)).toBe('第 1 步 系部审核');
  });

  test.each([
    [{ due: '2026-10-20', overdue: false }, '限 2026-10-20 前办理'],
    [{ due: '2026-10-20', overdue: true }, '已超期（限 2026-10-20 前办理）'],
    [{ due: null, overdue: false }, '无办理期限'],
  ])('due %j reads %s', (due, text) => {
    expect(dueText({ ...ITEM, ...due })).toBe(text);
  });
});

test.each([
  [0, null],
  [1, '1'],
  [99, '99'],
  [100, '99+'],
])('the badge for %i reads %s', (total, text) => {
  expect(badgeText(total)).toBe(text);
});

test('the chart stacks one bar series per status, on the categories short labels', () => {
  const grid = pivot({
    categories: [
      { key: '2026-09', label: '2026年9月', short: '9月' },
      { key: '2026-10', label: '2026年10月', short: '10月' },
    ],
    series: [
      { key: 'suspension', label: '休学' },
      { key: 'withdrawal', label: '退学' },
    ],
    cells: [{ category: '2026-10', series: 'suspension', value: 2 }],
  });
  const option = stackedBarOption(grid, '件');
  expect(option.xAxis.data).toEqual(['9月', '10月']);
  expect(option.series).toEqual([expect.objectContaining({ name: '休学', type: 'bar', stack: 'total', data: [0, 2] })]);
  expect(option.yAxis.name).toBe('件');
});

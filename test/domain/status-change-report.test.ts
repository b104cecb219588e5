/** The 学籍异动统计 table built from the report route's rows. */
import { NO_DEPARTMENT, NO_SEMESTER, reportTable, semesterLabel, semestersOf, type ReportRow } from '../../src/domain/status-change-report';

const INFO = { id: 1, name: '信息工程系', code: '01' };
const MECH = { id: 2, name: '机电工程系', code: '02' };

const ROWS: ReportRow[] = [
  { semester: '2026-2027-1', department: MECH, type: 'suspension', count: 2 },
  { semester: '2026-2027-1', department: INFO, type: 'change-of-major', count: 3 },
  { semester: '2026-2027-1', department: INFO, type: 'suspension', count: 1 },
  { semester: '2026-2027-1', department: null, type: 'transfer-in', count: 1 },
  { semester: '2025-2026-2', department: INFO, type: 'withdrawal', count: 4 },
];

describe('the table', () => {
  test('one row per department in code order, the rows without a department last', () => {
    // When the table of one semester is built
    const table = reportTable(ROWS, '2026-2027-1');
    // Then departments are rows with their counts by type and a total
    expect(table.rows.map((r) => [r.department, r.total])).toEqual([
      ['信息工程系', 4],
      ['机电工程系', 2],
      [NO_DEPARTMENT, 1],
    ]);
    expect(table.rows[0].counts).toMatchObject({ 'change-of-major': 3, suspension: 1, withdrawal: 0 });
  });

  test('the total row adds up every column and the grand total', () => {
    const table = reportTable(ROWS, '2026-2027-1');
    expect(table.totals).toMatchObject({ 'change-of-major': 3, suspension: 3, 'transfer-in': 1, withdrawal: 0 });
    expect(table.total).toBe(7);
    expect(Object.values(table.totals).reduce((a, b) => a + b, 0)).toBe(table.total);
  });

  test('every semester together', () => {
    const table = reportTable(ROWS, null);
    expect(table.total).toBe(11);
    expect(table.rows[0].counts.withdrawal).toBe(4);
  });

  test('a semester without rows gives an empty table', () => {
    expect(reportTable(ROWS, '2024-2025-1')).toMatchObject({ rows: [], total: 0 });
  });

  test('drafts (no semester) are their own choice', () => {
    const drafts: ReportRow[] = [{ semester: null, department: INFO, type: 'suspension', count: 2 }];
    expect(semestersOf(drafts)).toEqual([NO_SEMESTER]);
    expect(reportTable(drafts, NO_SEMESTER).total).toBe(2);
  });
});

describe('semesters', () => {
  test('newest first, each once', () => {
    expect(semestersOf(ROWS)).toEqual(['2026-2027-1', '2025-2026-2']);
  });

  test.each([
    ['2026-2027-1', '2026-2027学年第一学期'],
    ['2025-2026-2', '2025-2026学年第二学期'],
    [NO_SEMESTER, '未提交（无学期）'],
  ])('%s reads %s', (semester, expected) => {
    expect(semesterLabel(semester)).toBe(expected);
  });
});

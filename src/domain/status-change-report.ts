/**
 * The 学籍异动统计 table from the report route's rows (one per semester, department and type):
 * a row per department, a column per change type, totals across and down. Pure.
 */
import { CHANGE_TYPES, type ChangeType, type RequestState } from './status-change';

export { CHANGE_TYPES };
/** The state filter's options, the report's default first. */
export const REPORT_STATES: readonly RequestState[] = ['approved', 'submitted', 'returned', 'rejected', 'withdrawn', 'draft'];

export interface ReportRow {
  semester: string | null;
  department: { id: number; name: string; code: string } | null;
  type: string;
  count: number;
}

export interface TableRow {
  key: string;
  department: string;
  counts: Record<ChangeType, number>;
  total: number;
}

export interface ReportTable {
  rows: TableRow[];
  totals: Record<ChangeType, number>;
  total: number;
}

/** Requests with no department (a transfer-in without a class yet) get a row of their own. */
export const NO_DEPARTMENT = '未确定系部';
/** Drafts have no semester (it is fixed when a request is submitted); a select needs a value. */
export const NO_SEMESTER = 'none';

const zeroCounts = (): Record<ChangeType, number> => Object.fromEntries(CHANGE_TYPES.map((type) => [type, 0])) as Record<ChangeType, number>;
const isChangeType = (type: string): type is ChangeType => (CHANGE_TYPES as readonly string[]).includes(type);

/** Semesters present in the rows, newest first; NO_SEMESTER last when some rows have none. */
export function semestersOf(rows: readonly ReportRow[]): string[] {
  const named = [...new Set(rows.map((r) => r.semester).filter((s): s is string => Boolean(s)))].sort().reverse();
  return rows.some((r) => !r.semester) ? [...named, NO_SEMESTER] : named;
}

/** `2026-2027-1` as people say it: 2026-2027学年第一学期. */
export function semesterLabel(semester: string): string {
  if (semester === NO_SEMESTER) return '未提交（无学期）';
  const match = /^(\d{4})-(\d{4})-([12])$/.exec(semester);
  if (!match) return semester;
  return `${match[1]}-${match[2]}学年第${match[3] === '1' ? '一' : '二'}学期`;
}

/** The table for one semester (null: every semester), departments in code order. */
export function reportTable(rows: readonly ReportRow[], semester: string | null): ReportTable {
  const chosen = semester === null ? rows : rows.filter((r) => (r.semester ?? NO_SEMESTER) === semester);
  const byDepartment = new Map<string, TableRow & { order: string }>();
  for (const row of chosen) {
    if (!isChangeType(row.type)) continue;
    const key = row.department ? String(row.department.id) : 'none';
    const entry = byDepartment.get(key) ?? {
      key,
      department: row.department?.name ?? NO_DEPARTMENT,
      // Rows without a department go last.
      order: row.department ? `0${row.department.code}` : '1',
      counts: zeroCounts(),
      total: 0,
    };
    entry.counts[row.type] += row.count;
    entry.total += row.count;
    byDepartment.set(key, entry);
  }
  const tableRows = [...byDepartment.values()].sort((a, b) => a.order.localeCompare(b.order)).map(({ order: _order, ...row }) => row);
  const totals = zeroCounts();
  for (const row of tableRows) for (const type of CHANGE_TYPES) totals[type] += row.counts[type];
  return { rows: tableRows, totals, total: tableRows.reduce((sum, row) => sum + row.total, 0) };
}

/**
 * 本学年学籍异动: status changes filed this school year (September to August, by the school's
 * clock), by month of submission and type, under the state they are in now. Drafts were never
 * filed and withdrawn requests were taken back: neither counts.
 */
import type { Core } from '@strapi/strapi';
import { schoolYearOf } from '../../../domain/calendar-months';
import { bucketByMonth, schoolYearLabel, type DatasetBody } from '../../../domain/dashboard';
import { CHANGE_TYPES, CHANGE_TYPE_LABELS } from '../../../domain/status-change';
import { schoolDate } from '../../clock';
import { ambientConnection } from '../../transaction';
import { coverageOf, departmentsInScope } from '../departments';
import { scopeSql } from '../../scope/scope-sql';
import type { DatasetContext, DatasetProvider } from '../registry';

const STATUS_CHANGE = 'api::status-change.status-change';

/** The widget's state filter: a request still under approval (or returned for revision) is pending. */
export const STATE_GROUPS = [
  { key: 'approved', label: '已通过', states: ['approved'] },
  { key: 'rejected', label: '未通过', states: ['rejected'] },
  { key: 'pending', label: '审批中', states: ['submitted', 'returned'] },
] as const;

const GROUP_SQL = `CASE ${STATE_GROUPS.flatMap((g) => g.states.map((s) => `WHEN c.state = '${s}' THEN '${g.key}'`)).join(' ')} END`;
const COUNTED_STATES = STATE_GROUPS.flatMap((g) => [...g.states]);

async function load(strapi: Core.Strapi, { actor, today }: DatasetContext): Promise<DatasetBody> {
  const schoolYear = schoolYearOf(today);
  const where = scopeSql(strapi, STATUS_CHANGE, 'c', actor.scope);
  const db = await ambientConnection(strapi);
  // The column holds instants without a zone, as the driver writes them: the month is found in
  // JavaScript with the school clock's zone, from a day's margin around the school year.
  const from = new Date(Date.UTC(schoolYear, 7, 31));
  const to = new Date(Date.UTC(schoolYear + 1, 8, 2));
  const { rows: instants } = (await db.raw(
    `SELECT c.submitted_at, c.type, ${GROUP_SQL} AS state, count(*)::int AS count
       FROM status_changes c
      WHERE c.state = ANY(?::text[]) AND c.submitted_at >= ? AND c.submitted_at < ? AND ${where.sql}
      GROUP BY 1, 2, 3`,
    [COUNTED_STATES, from, to, ...where.bindings],
  )) as { rows: Array<{ submitted_at: Date; type: string; state: string; count: number }> };
  const rows = instants.map((r) => ({ ...r, month: schoolDate(new Date(r.submitted_at)).slice(0, 7) }));
  const { categories, cells } = bucketByMonth(rows, schoolYear, (r) => r.type, (r) => r.state);
  return {
    unit: '件',
    coverage: coverageOf(actor.scope, actor.scope.kind === 'all' ? [] : await departmentsInScope(strapi, actor.scope)),
    period: schoolYearLabel(schoolYear),
    categoryHeading: '月份',
    categories,
    series: CHANGE_TYPES.map((type) => ({ key: type, label: CHANGE_TYPE_LABELS[type] })),
    filters: STATE_GROUPS.map(({ key, label }) => ({ key, label })),
    cells,
  };
}

export const statusChangesByMonth: DatasetProvider = { name: 'status-changes-by-month', load };

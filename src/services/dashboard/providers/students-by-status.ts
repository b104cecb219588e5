/** 各系部学生学籍状态: students per department and status (domain.md 2), now. */
import type { Core } from '@strapi/strapi';
import { STUDENT_STATUSES, STUDENT_STATUS_LABELS } from '../../../domain/constants';
import type { DatasetBody } from '../../../domain/dashboard';
import { ambientConnection } from '../../transaction';
import { coverageOf, departmentsInScope } from '../departments';
import { scopeSql } from '../../scope/scope-sql';
import type { DatasetContext, DatasetProvider } from '../registry';

const STUDENT = 'api::student.student';
/** Students whose class has no department yet (none in practice): a category of their own. */
export const NO_DEPARTMENT = { key: 'none', label: '未确定系部' };

async function load(strapi: Core.Strapi, { actor }: DatasetContext): Promise<DatasetBody> {
  const where = scopeSql(strapi, STUDENT, 's', actor.scope);
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(
    `SELECT s.department_scope AS department_id, s.status, count(*)::int AS count FROM students s WHERE ${where.sql} GROUP BY 1, 2`,
    where.bindings,
  )) as { rows: Array<{ department_id: number | null; status: string; count: number }> };
  const departments = await departmentsInScope(strapi, actor.scope);
  const categories = departments.map((d) => ({ key: String(d.id), label: d.name }));
  if (rows.some((r) => r.department_id === null)) categories.push(NO_DEPARTMENT);
  return {
    unit: '人',
    coverage: coverageOf(actor.scope, departments),
    period: null,
    categoryHeading: '系部',
    categories,
    series: STUDENT_STATUSES.map((status) => ({ key: status, label: STUDENT_STATUS_LABELS[status] })),
    filters: [],
    cells: rows.map((r) => ({ category: r.department_id === null ? NO_DEPARTMENT.key : String(r.department_id), series: r.status, value: r.count })),
  };
}

export const studentsByStatus: DatasetProvider = { name: 'students-by-status', load };

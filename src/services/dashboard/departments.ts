/** The departments a caller's scope reaches, in code order: the categories of department charts. */
import type { Core } from '@strapi/strapi';
import type { Scope } from '../../domain/scope';
import { ambientConnection } from '../transaction';
import { scopeSql } from '../scope/scope-sql';

export interface DepartmentRow {
  id: number;
  name: string;
  code: string;
}

export async function departmentsInScope(strapi: Core.Strapi, scope: Scope): Promise<DepartmentRow[]> {
  const where = scopeSql(strapi, 'api::department.department', 'd', scope);
  const db = await ambientConnection(strapi);
  const { rows } = (await db.raw(`SELECT d.id, d.name, d.code FROM departments d WHERE ${where.sql} ORDER BY d.code, d.id`, where.bindings)) as { rows: DepartmentRow[] };
  return rows;
}

/** Whom the numbers cover, as the widget says it: the whole school, or these departments. */
export function coverageOf(scope: Scope, departments: readonly DepartmentRow[]) {
  return scope.kind === 'all' ? ({ kind: 'school' } as const) : ({ kind: 'departments', departments: departments.map((d) => d.name) } as const);
}

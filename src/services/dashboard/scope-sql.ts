/**
 * The caller's department scope as a SQL condition, for the aggregate queries the entity manager
 * cannot express (GROUP BY): the same rule as `scopeWhere` (src/domain/scope.ts), on the column
 * the type keeps its department in (`departmentColumn`, or the department's own id).
 */
import type { Core } from '@strapi/strapi';
import { SCOPED_TYPES, type Scope } from '../../domain/scope';

export interface SqlCondition {
  sql: string;
  bindings: unknown[];
}

function departmentColumn(strapi: Core.Strapi, uid: string): string {
  const type = SCOPED_TYPES[uid];
  if (!type) throw new Error(`${uid} is not a scoped type`);
  if (type.departmentPath.length === 0) return 'id';
  if (!type.departmentColumn) throw new Error(`${uid} has no department column to aggregate by`);
  const meta = strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, { columnName?: string }> };
  return meta.attributes[type.departmentColumn]?.columnName ?? type.departmentColumn;
}

/** `alias.<department column>` limited to the scope: everything, the departments, or nothing. */
export function departmentClause(strapi: Core.Strapi, uid: string, alias: string, scope: Scope): SqlCondition {
  const column = `${alias}.${departmentColumn(strapi, uid)}`;
  if (scope.kind === 'all') return { sql: 'TRUE', bindings: [] };
  if (scope.kind === 'departments' && scope.departmentIds.length > 0) return { sql: `${column} = ANY(?::int[])`, bindings: [scope.departmentIds] };
  // A student's own rows never reach a chart; a login without memberships reaches nothing.
  return { sql: 'FALSE', bindings: [] };
}

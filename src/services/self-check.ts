/**
 * Start-up self-check of what department scoping and the append-only records rest on, so that a
 * Strapi upgrade that moves them stops the server instead of silently dropping a rule:
 *
 * - a read through the Document Service passes through the scope wrapper on the entity manager
 *   (a probe query);
 * - the trigger that keeps `students.department_scope` equal to the department link is on the
 *   link table Strapi uses now (a renamed link table would leave it behind);
 * - the append-only triggers are on the tables of records that are kept as written.
 */
import type { Core } from '@strapi/strapi';
import { withoutScope } from './scope/context';
import { scopedQueryCount } from './scope/database-scope';

const STUDENT = 'api::student.student';
const APPEND_ONLY_TABLES = ['audit_logs', 'approval_decisions', 'status_histories'];

interface JoinTable {
  name: string;
}

async function triggersOn(strapi: Core.Strapi): Promise<Array<{ trigger: string; table: string }>> {
  const { rows } = (await strapi.db.connection.raw(
    `SELECT t.tgname AS trigger, c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal`,
  )) as { rows: Array<{ trigger: string; table: string }> };
  return rows;
}

/** What is not in place, in words an operator can act on; empty when all is. */
export async function scopeSelfCheckProblems(strapi: Core.Strapi): Promise<string[]> {
  const problems: string[] = [];
  const before = scopedQueryCount(STUDENT);
  await withoutScope(() => strapi.documents(STUDENT as never).findMany({ limit: 1, fields: ['id'] } as never));
  if (scopedQueryCount(STUDENT) === before) {
    problems.push('a Document Service read did not pass through the department scope (src/services/scope/database-scope.ts): the entity manager methods it wraps have moved');
  }
  const triggers = await triggersOn(strapi);
  const has = (trigger: string, table: string) => triggers.some((t) => t.trigger === trigger && t.table === table);
  const link = (strapi.db.metadata.get(STUDENT).attributes as Record<string, { joinTable?: JoinTable }>).department?.joinTable?.name;
  if (!link || !has('students_department_scope_sync', link)) {
    problems.push(`the trigger students_department_scope_sync is not on the student-department link table (${link ?? 'not found'}): students.department_scope would go stale`);
  }
  for (const table of APPEND_ONLY_TABLES) {
    if (!has(`${table}_append_only_rows`, table)) problems.push(`the trigger ${table}_append_only_rows is missing: ${table} could be changed`);
  }
  return problems;
}

export async function assertScopeInPlace(strapi: Core.Strapi): Promise<void> {
  const problems = await scopeSelfCheckProblems(strapi);
  if (problems.length > 0) throw new Error(`Start-up self-check failed; refusing to start:\n  ${problems.join('\n  ')}`);
}

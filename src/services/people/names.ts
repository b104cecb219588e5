/**
 * The names of the people behind logins, for screens that would otherwise show an email: admin
 * users by name, content-API logins by the student they belong to (a read scoped like every read
 * of the request, so a student outside the caller's departments stays unnamed) or their username.
 */
import type { Core } from '@strapi/strapi';
import { adminUserLabel, studentLabel } from '../../domain/audit-labels';

const STUDENT = 'api::student.student';
const UP_USER = 'plugin::users-permissions.user';

type Row = Record<string, unknown>;

/** Admin users' names by id, in one query (admin users are not department data). */
export async function adminUserNames(strapi: Core.Strapi, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const users = (await strapi.db.query('admin::user').findMany({ where: { id: { $in: [...ids] } }, select: ['id', 'firstname', 'lastname', 'username'] })) as Row[];
  return new Map(users.map((user) => [user.id as number, adminUserLabel(user, `后台用户 ${user.id}`)]));
}

/** Content-API logins by id: 姓名（学号） of a student the caller may see, else the username. */
export async function contentUserNames(strapi: Core.Strapi, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const students = (await strapi.db.query(STUDENT as never).findMany({
    where: { user: { id: { $in: [...ids] } } },
    select: ['name', 'studentNumber'],
    populate: { user: { select: ['id'] } },
  })) as Array<Row & { user?: { id: number } | null }>;
  const users = (await strapi.db.query(UP_USER).findMany({ where: { id: { $in: [...ids] } }, select: ['id', 'username'] })) as Row[];
  const names = new Map(users.map((user) => [user.id as number, String(user.username)]));
  for (const student of students) if (student.user) names.set(student.user.id, studentLabel({ name: student.name, studentNumber: student.studentNumber }));
  return names;
}

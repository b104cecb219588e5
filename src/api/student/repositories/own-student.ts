/** The student record linked to a users-permissions login: the signed-in student's own, or 404. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { withoutScope } from '../../../services/scope/context';

export async function findOwnStudent(strapi: Core.Strapi, userId: number | undefined, populate: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const row = userId ? await withoutScope(() => strapi.db.query('api::student.student').findOne({ where: { user: { id: userId } }, populate })) : null;
  if (!row) throw new errors.NotFoundError('没有与此账号关联的学籍 (no student record for this login)');
  return row as Record<string, any>;
}

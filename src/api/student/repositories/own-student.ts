/** The student record linked to a users-permissions login: the signed-in student's own, or 404. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';
import { Forbidden } from '../../../services/forbidden';

export async function findOwnStudent(strapi: Core.Strapi, userId: number | undefined, populate: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const row = userId ? await withoutScope(() => strapi.db.query('api::student.student').findOne({ where: { user: { id: userId } }, populate })) : null;
  if (!row) throw new errors.NotFoundError('没有与此账号关联的学籍 (no student record for this login)');
  return row as Record<string, any>;
}

/**
 * The signed-in student's own record, for a /api/me feature (named in the refusal): 403 for anyone
 * not signed in as a student, 404 for a login with no student record.
 */
export async function signedInStudent(strapi: Core.Strapi, feature: string): Promise<Record<string, any> & { userId: number }> {
  const actor = await currentActor(strapi);
  if (actor.scope.kind !== 'self') throw new Forbidden(`只有学生本人可以使用“${feature}” (for students signed in as themselves)`);
  return { ...(await findOwnStudent(strapi, actor.scope.userId)), userId: actor.scope.userId };
}

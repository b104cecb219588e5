/** A staff membership is held in exactly one unit: a department or an office, not both. */
import { fieldError } from '../services/field-error';
import { relationTarget } from '../services/relations';
import type { DocumentMiddlewareFactory } from './types';

const UID = 'api::staff-membership.staff-membership';

export const staffMembership: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid !== UID || (context.action !== 'create' && context.action !== 'update')) return next();
  const data = context.params.data ?? {};
  const current = context.action === 'update'
    ? ((await strapi.db.query(UID).findOne({
        where: { documentId: context.params.documentId },
        populate: { department: { select: ['id'] }, office: { select: ['id'] } },
      })) as { department?: object | null; office?: object | null } | null)
    : null;
  const holds = (field: 'department' | 'office') => {
    const target = relationTarget(data[field], field);
    return target === undefined ? Boolean(current?.[field]) : target !== null;
  };
  if (context.action === 'update' && !current) return next();
  if (holds('department') === holds('office')) {
    throw fieldError('department', '任职须属于一个系部或一个职能部门（二选一） (a membership belongs to one department or one office)');
  }
  return next();
};

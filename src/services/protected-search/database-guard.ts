/**
 * The one gate for personal data in queries: every read of the entity manager made inside a
 * request (Document Service, Content Manager lists and relation pickers, GraphQL relation loaders,
 * populate at any depth) is inspected before it reaches PostgreSQL. A condition, sort or populate
 * filter on a protected field is a 400 naming it, except one exact value on a student's national
 * ID or phone, which is counted, logged and answered by the keyed blind index. Work the system
 * does for itself (outside requests, or inside `withoutScope`) is not inspected.
 */
import type { Core } from '@strapi/strapi';
import { fieldError } from '../field-error';
import { personalDataCipher } from '../personal-data';
import { currentActor } from '../scope/actor';
import type { ModelAttributes } from '../scope/query-scope';
import { modelAttributes, wrapEntityManager, type QueryParams } from '../entity-manager';
import { chargeExactSearch } from './charge';
import { normaliseSearchValue, type SearchableField } from './fields';
import { inspectQuery, withBlindIndex, type ExactSearch } from './inspect';

type Params = QueryParams;

const GUARDED_METHODS = ['findOne', 'findMany', 'count'] as const;

export const PROTECTED_SEARCH_MESSAGE =
  '个人信息字段只能按一个完整的值精确查找，不能组合、比较、模糊查找、经关联查找或排序 (personal data allows one exact value only: no $or, $in, $not, $ne, partial match, relation path or sort)';

function blindIndexOf(exact: ExactSearch): string {
  const field = exact.field as SearchableField;
  return personalDataCipher().blindIndex(field, normaliseSearchValue(field, exact.value));
}

/** The query as it may run for the current actor: refused, unchanged, or searched by blind index. */
async function guardedParams(strapi: Core.Strapi, uid: string, params: Params, attributesOf: ModelAttributes): Promise<Params> {
  const actor = await currentActor(strapi);
  if (actor.kind === 'system') return params;
  const inspection = inspectQuery(uid, params, attributesOf);
  if (!inspection.ok) throw fieldError(inspection.path, PROTECTED_SEARCH_MESSAGE);
  if (!inspection.exact || !params) return params;
  const indexValue = blindIndexOf(inspection.exact);
  await chargeExactSearch(strapi, actor, { targetType: uid, field: inspection.exact.field, key: `${inspection.exact.field}:${indexValue}` });
  return withBlindIndex(params, inspection.exact, indexValue);
}

export function installProtectedSearchGuard(strapi: Core.Strapi): void {
  const attributesOf = modelAttributes(strapi);
  wrapEntityManager(strapi, GUARDED_METHODS, (uid, params) => guardedParams(strapi, uid, params, attributesOf));
}

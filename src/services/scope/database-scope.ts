/**
 * The one place reads are scoped: every query of the entity manager (Document Service, Content
 * Manager lists, counts and relation pickers, GraphQL relation loaders, REST populate) made
 * inside a user's request is rewritten by `scopeQuery` before it reaches PostgreSQL. Writes by
 * `where` (bulk update and delete) are limited the same way. The same wrapper refuses filter values
 * the database could not compare (`assertFilterValues`), since it sees every `where` of every door.
 */
import type { Core } from '@strapi/strapi';
import type { Scope } from '../../domain/scope';
import { assertFilterValues } from '../filter-values';
import { currentActor } from './actor';
import { scopeQuery, type ModelAttributes } from './query-scope';

type Params = Record<string, unknown> | undefined;
type Method = (this: unknown, uid: string, params?: Params) => Promise<unknown>;

const SCOPED_METHODS = ['findOne', 'findMany', 'count', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

/** The scope to apply now, or null when nothing limits the current work. */
export async function activeScope(strapi: Core.Strapi): Promise<Scope | null> {
  const actor = await currentActor(strapi);
  return actor.scope.kind === 'all' ? null : actor.scope;
}

export function installDatabaseScope(strapi: Core.Strapi): void {
  const attributesOf: ModelAttributes = (uid) =>
    strapi.db.metadata.has(uid) ? (strapi.db.metadata.get(uid).attributes as ReturnType<ModelAttributes>) : undefined;
  const entityManager = strapi.db.entityManager as unknown as Record<string, Method>;
  for (const name of SCOPED_METHODS) {
    const original = entityManager[name];
    entityManager[name] = async function scoped(this: unknown, uid: string, params?: Params) {
      assertFilterValues(uid, params, attributesOf);
      const scope = await activeScope(strapi);
      return original.call(this, uid, scope ? scopeQuery(uid, params, scope, attributesOf) : params);
    };
  }
}

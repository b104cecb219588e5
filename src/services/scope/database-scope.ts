/**
 * The one place reads are scoped: every query of the entity manager (Document Service, Content
 * Manager lists, counts and relation pickers, GraphQL relation loaders, REST populate) made
 * inside a user's request is rewritten by `scopeQuery` before it reaches PostgreSQL. Writes by
 * `where` (bulk update and delete) are limited the same way. The same wrapper refuses filter values
 * the database could not compare (`assertFilterValues`), since it sees every `where` of every door.
 */
import type { Core } from '@strapi/strapi';
import { scopeLimits, type Scope } from '../../domain/scope';
import { modelAttributes, wrapEntityManager } from '../entity-manager';
import { assertFilterValues } from '../filter-values';
import { currentActor } from './actor';
import { scopeQuery } from './query-scope';

const SCOPED_METHODS = ['findOne', 'findMany', 'count', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

/** The scope to apply now, or null when nothing limits the current work. */
export async function activeScope(strapi: Core.Strapi): Promise<Scope | null> {
  const actor = await currentActor(strapi);
  return scopeLimits(actor.scope) ? actor.scope : null;
}

/** Queries the wrapper has seen, per content type: the start-up self-check reads it. */
const seen = new Map<string, number>();
export const scopedQueryCount = (uid: string) => seen.get(uid) ?? 0;

export function installDatabaseScope(strapi: Core.Strapi): void {
  const attributesOf = modelAttributes(strapi);
  wrapEntityManager(strapi, SCOPED_METHODS, async (uid, params) => {
    seen.set(uid, scopedQueryCount(uid) + 1);
    assertFilterValues(uid, params, attributesOf);
    const scope = await activeScope(strapi);
    return scope ? scopeQuery(uid, params, scope, attributesOf) : params;
  });
}

/**
 * The scope rule as a SQL condition on a row alias, for the aggregate queries the entity manager
 * cannot express (GROUP BY, in the home page's charts). It is not written a second time: the
 * `where` of `scopeWhere` (src/domain/scope.ts), the one every list, count and relation read is
 * limited by, is compiled by Strapi's own query builder into a subquery of the ids in scope, so a
 * chart counts exactly the rows the caller's lists show.
 */
import type { Core } from '@strapi/strapi';
import { scopeWhere, type Scope } from '../../domain/scope';

export interface SqlCondition {
  sql: string;
  bindings: unknown[];
}

interface KnexQuery {
  toSQL(): { sql: string; bindings: readonly unknown[] };
}

/** `alias.id` limited to the rows of `uid` the scope reaches (TRUE when it reaches them all). */
export function scopeSql(strapi: Core.Strapi, uid: string, alias: string, scope: Scope): SqlCondition {
  const where = scopeWhere(uid, scope);
  if (where === null) return { sql: 'TRUE', bindings: [] };
  const builder = strapi.db.queryBuilder(uid as never) as unknown as { select(columns: string[]): { where(w: unknown): { getKnexQuery(): KnexQuery } } };
  const { sql, bindings } = builder.select(['id']).where(where).getKnexQuery().toSQL();
  return { sql: `${alias}.id IN (${sql})`, bindings: [...bindings] };
}

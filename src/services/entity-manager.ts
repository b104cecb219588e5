/**
 * Wrapping Strapi's entity manager, the layer every door's queries pass through (Document
 * Service, Content Manager lists and pickers, GraphQL relation loaders, populate): a wrapper
 * rewrites or refuses a query's parameters before the original method runs.
 */
import type { Core } from '@strapi/strapi';
import type { ModelAttributes } from './scope/query-scope';

export type QueryParams = Record<string, unknown> | undefined;
type Method = (this: unknown, uid: string, params?: QueryParams) => Promise<unknown>;

/** The attributes of a model by uid, as the pure query rewriters read them. */
export function modelAttributes(strapi: Core.Strapi): ModelAttributes {
  return (uid) => (strapi.db.metadata.has(uid) ? (strapi.db.metadata.get(uid).attributes as ReturnType<ModelAttributes>) : undefined);
}

/** Runs `rewrite` on the parameters of each named entity-manager method before the method itself. */
export function wrapEntityManager(strapi: Core.Strapi, methods: readonly string[], rewrite: (uid: string, params: QueryParams) => Promise<QueryParams>): void {
  const entityManager = strapi.db.entityManager as unknown as Record<string, Method>;
  for (const name of methods) {
    const original = entityManager[name];
    const wrapped = async function wrapped(this: unknown, uid: string, params?: QueryParams) {
      return original.call(this, uid, await rewrite(uid, params));
    };
    // The method underneath, for the start-up self-check's test to take the wrapper away.
    Object.defineProperty(wrapped, 'unwrapped', { value: original });
    entityManager[name] = wrapped;
  }
}

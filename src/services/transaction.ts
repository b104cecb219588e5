/**
 * The connection to query with now: the current transaction's, when the work runs inside one,
 * else the pool. Strapi's own queries follow the ambient transaction; raw knex does not, and a
 * raw query issued while a transaction holds a pooled connection would need a second one.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export async function ambientConnection(strapi: Core.Strapi): Promise<Knex> {
  if (!strapi.db.inTransaction()) return strapi.db.connection;
  // Nested, `transaction()` without a callback hands back the open one and never commits it.
  const nested = (await strapi.db.transaction()) as unknown as { get(): Knex.Transaction };
  return nested.get();
}

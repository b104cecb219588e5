/**
 * Audit rows that must outlive the request's transaction: written after the request (on the
 * pool, once the transaction has let its connection go), so a refusal that rolls the business
 * work back (a 400 naming a national ID already on record) still leaves its line.
 */
import type { Core } from '@strapi/strapi';
import { afterRequest } from '../after-request';
import type { Actor } from '../scope/actor';
import { recordAudit, type AuditEntry } from './record';

export async function recordAuditDetached(strapi: Core.Strapi, entries: readonly AuditEntry[], actor: Actor): Promise<void> {
  if (entries.length === 0) return;
  await afterRequest(strapi, () => recordAudit(strapi, entries, actor));
}

/**
 * Reading an archive's materials is registered (issue 17: 查阅登记): every list or single read of
 * materials through the Document Service (Content Manager, REST, GraphQL) by anyone but the
 * archive's own student writes the access register's lines, a corrected material read through its
 * predecessor (`supersededBy`) included. The file endpoint writes its own line
 * (src/services/archive/materials.ts).
 */
import { ARCHIVE_MATERIAL } from '../domain/permissions';
import { logMaterialReads, readsAnothersArchive } from '../services/archive/access-log';
import { currentActor } from '../services/scope/actor';
import type { DocumentMiddlewareFactory } from './types';

const READS = new Set(['findOne', 'findFirst', 'findMany']);

type MaterialResult = { id?: unknown; supersededBy?: unknown };

/** The ids of the materials in a result, those populated through `supersededBy` included. */
export function materialIdsOf(result: unknown): number[] {
  const ids: number[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item) => walk(item, depth));
    const material = value as MaterialResult;
    if (typeof material.id === 'number') ids.push(material.id);
    walk(material.supersededBy, depth + 1);
  };
  walk(result, 0);
  return ids;
}

export const archiveReads: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (!READS.has(context.action) || context.uid !== ARCHIVE_MATERIAL) return next();
  const result = await next();
  const actor = await currentActor(strapi);
  if (readsAnothersArchive(actor)) await logMaterialReads(strapi, actor, { materialIds: materialIdsOf(result), action: 'list' });
  return result;
};

/**
 * Which fields a write changed, by name: the attributes the request sent whose stored value
 * differs before and after. The Content Manager sends the whole form on every save, so the keys
 * alone would name every field. Values are compared here and never leave this module.
 */
import type { Core } from '@strapi/strapi';
import { withoutScope } from '../scope/context';

type Row = Record<string, unknown>;
type Attributes = Record<string, { type: string }>;

/** Attributes Strapi maintains itself; a request's copy of them is not a change. */
const SYSTEM_ATTRIBUTES = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);
/** Attributes read back through a join, compared by the ids they point to. */
const LINKED = new Set(['relation', 'media']);
/** Attributes whose stored copy is rewritten on each save: any that is sent counts as changed. */
const REWRITTEN = new Set(['component', 'dynamiczone']);

function attributesOf(strapi: Core.Strapi, uid: string): Attributes {
  return ((strapi.getModel(uid as never) as { attributes?: Attributes } | undefined)?.attributes ?? {}) as Attributes;
}

/** The names of the model's own attributes among the keys of `data`. */
export function sentFields(strapi: Core.Strapi, uid: string, data: Record<string, unknown> | undefined): string[] {
  const attributes = attributesOf(strapi, uid);
  return Object.keys(data ?? {}).filter((key) => key in attributes && !SYSTEM_ATTRIBUTES.has(key));
}

/** The stored row of a document with the linked `fields` as ids, every row visible (the system's read). */
export async function storedDocument(strapi: Core.Strapi, uid: string, documentId: string | undefined, fields: string[]): Promise<Row | null> {
  if (!documentId) return null;
  const attributes = attributesOf(strapi, uid);
  const populate = Object.fromEntries(fields.filter((f) => LINKED.has(attributes[f]?.type)).map((f) => [f, { select: ['id'] }]));
  return (await withoutScope(() => strapi.db.query(uid as never).findOne({ where: { documentId }, populate }))) as Row | null;
}

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(comparable).sort();
  if (value && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id;
  return value ?? null;
}

/**
 * The stored form of one field. Personal data is kept as a masked copy beside its cipher text and
 * blind index; it changed when the index (or, lacking one, the cipher text) did.
 */
function storedForm(row: Row | null, field: string): string {
  if (!row) return 'null';
  const column = [`${field}Index`, `${field}Cipher`, field].find((name) => name in row) ?? field;
  return JSON.stringify(comparable(row[column]));
}

/** The fields among `fields` whose stored value differs between the two rows. */
export function changedFields(strapi: Core.Strapi, uid: string, fields: string[], before: Row | null, after: Row | null): string[] {
  const attributes = attributesOf(strapi, uid);
  return fields.filter((field) => REWRITTEN.has(attributes[field]?.type) || storedForm(before, field) !== storedForm(after, field));
}

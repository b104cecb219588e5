/**
 * Reading the one target of a to-one relation out of the shapes Strapi accepts for it: a
 * documentId or id, `{ documentId }` / `{ id }` (with `position`), an array of them, or
 * `{ connect, disconnect, set }` as the admin sends. A value naming more than one target is
 * refused, never guessed: what a check reads must be what the write links.
 */
import type { Core } from '@strapi/strapi';
import { fieldError, type FieldPath } from './field-error';

export type RelationRef = { documentId: string } | { id: number };

type Attribute = { type: string; relation?: string; multiple?: boolean };

/** Relation kinds that hold at most one target (Strapi's own list leaves out oneWay and morphs). */
const TO_ONE_RELATIONS = new Set(['oneToOne', 'manyToOne', 'oneWay', 'morphOne', 'morphToOne']);

/** Whether the attribute links at most one record: a to-one relation or a single media. */
export function isToOne(attribute: Attribute | undefined): boolean {
  if (attribute?.type === 'relation') return TO_ONE_RELATIONS.has(attribute.relation ?? '');
  return attribute?.type === 'media' && attribute.multiple !== true;
}

const named = (field: FieldPath) => (typeof field === 'string' ? field : field.join('.'));

function ambiguous(field: FieldPath) {
  return fieldError(field, `${named(field)} 只能关联一条记录 (${named(field)} takes one target)`);
}

function malformed(field: FieldPath) {
  return fieldError(field, `${named(field)} 的关联格式无效 (${named(field)} is not a valid reference)`);
}

/** `set`, `connect` and `disconnect` take a list or one entry, as Strapi reads them; null is absent. */
function listOf(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : [value];
}

/**
 * The entries a relation value links: undefined when it leaves the relation alone, null when it
 * clears it. Strapi applies `set` and ignores `connect` beside it, so both together are refused.
 */
export function relationEntries(value: unknown, field: FieldPath): unknown[] | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value;
  if (typeof value !== 'object') return [value];
  const v = value as Record<string, unknown>;
  if ('documentId' in v || 'id' in v) return [v];
  const [set, connect, disconnect] = [listOf(v.set), listOf(v.connect), listOf(v.disconnect)];
  if (set && connect?.length) throw ambiguous(field);
  if (set) return set.length === 0 ? null : set;
  if (connect?.length) return connect;
  return disconnect?.length ? null : undefined;
}

/** One entry as Strapi resolves it: digits are an id (its shorthand), other strings a documentId. */
function refOf(entry: unknown, field: FieldPath): RelationRef {
  if (typeof entry === 'number' && Number.isSafeInteger(entry) && entry > 0) return { id: entry };
  if (typeof entry === 'string' && /^\d+$/.test(entry)) return { id: Number(entry) };
  // Strapi reads a string parseInt accepts ("5abc") as an id, not a documentId: refused.
  if (typeof entry === 'string' && entry !== '' && Number.isNaN(parseInt(entry, 10))) return { documentId: entry };
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) return refOfObject(entry as Record<string, unknown>, field);
  throw malformed(field);
}

/** `{ documentId }` wins over `{ id }`, as in Strapi; without a documentId the id must be a number. */
function refOfObject(entry: Record<string, unknown>, field: FieldPath): RelationRef {
  const { documentId, id } = entry;
  if (typeof documentId === 'string' && documentId !== '') return { documentId };
  const numericId = typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id));
  if ((documentId === undefined || documentId === null) && numericId) return refOf(id, field);
  throw malformed(field);
}

/**
 * undefined: the request leaves the relation alone; null: it clears it; else the one new target.
 * More than one target is a 400 naming `field`.
 */
export function relationTarget(value: unknown, field: FieldPath): RelationRef | null | undefined {
  const entries = relationEntries(value, field);
  if (!entries) return entries;
  if (entries.length > 1) throw ambiguous(field);
  return refOf(entries[0], field);
}

/** A `where` clause that finds the referenced row. */
export function whereRef(ref: RelationRef): Record<string, unknown> {
  return 'documentId' in ref ? { documentId: ref.documentId } : { id: ref.id };
}

type StoredTarget = { id?: unknown; documentId?: unknown } | null | undefined;

/** Whether a value sent for a to-one relation leaves it on the stored target. */
export function sameStoredRelation(sent: unknown, stored: StoredTarget, field: FieldPath): boolean {
  const ref = relationTarget(sent, field);
  if (ref === undefined) return true;
  if (ref === null || !stored) return ref === null && !stored;
  return 'documentId' in ref ? ref.documentId === stored.documentId : ref.id === stored.id;
}

/** Whether a plain value sent for a field (a scalar, a date, JSON) is what is stored. */
export function sameStoredScalar(sent: unknown, stored: unknown): boolean {
  if (sent === undefined) return true;
  if (stored instanceof Date) return sent !== null && new Date(String(sent)).getTime() === stored.getTime();
  if (stored === null || stored === undefined) return sent === null || sent === '' || (Array.isArray(sent) && sent.length === 0);
  if (typeof stored === 'object' || (sent !== null && typeof sent === 'object')) return stableJson(sent) === stableJson(stored);
  return String(sent) === String(stored);
}

/** JSON with object keys sorted, so that a form sending back what it read compares equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Whether the value sent for `field` of `uid` is what is stored, read as the attribute's kind. */
export function sameStoredValue(strapi: Core.Strapi, uid: string, field: string, sent: unknown, stored: unknown): boolean {
  const attribute = (strapi.getModel(uid as never) as unknown as { attributes: Record<string, Attribute> }).attributes[field];
  if (attribute?.type === 'relation' || attribute?.type === 'media') return sameStoredRelation(sent, stored as StoredTarget, field);
  return sameStoredScalar(sent, stored);
}

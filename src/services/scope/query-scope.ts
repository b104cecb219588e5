/**
 * Rewrites one database query so that it reaches only rows inside a scope: the queried type
 * itself, every relation its filters walk through, and every relation it populates, at any depth.
 * Pure over the model metadata it is given.
 */
import { reachesNothing, scopeWhere, type Scope } from '../../domain/scope';
import { fieldError } from '../field-error';

export interface AttributeMeta {
  type: string;
  /** oneToOne, manyToOne, oneToMany, manyToMany (relations). */
  relation?: string;
  target?: string;
  component?: string;
  components?: string[];
}

export type ModelAttributes = (uid: string) => Record<string, AttributeMeta> | undefined;

type Where = Record<string, unknown>;
type Populate = unknown;

const LOGICAL = new Set(['$and', '$or', '$not']);
const POPULATABLE = new Set(['relation', 'component', 'media', 'dynamiczone']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function both(a: unknown, b: Where | null): unknown {
  if (!b) return a;
  if (a === undefined || (isObject(a) && Object.keys(a).length === 0)) return b;
  return { $and: [a, b] };
}

/**
 * A filter on a relation spelt out as a filter on the related rows. Strapi reads a bare value
 * (`student=5`), a list (`student[0]=5`) and an operator (`student[$in][0]=5`) as conditions on the
 * related row's id; a scope condition joined to them must see them in that form, or the bare value
 * would pass unscoped and the operator would end up nested where Strapi refuses it.
 */
function relationCondition(value: unknown): unknown {
  if (!isObject(value)) return { id: value };
  const out: Record<string, unknown> = {};
  const onId: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const logical = key === '$and' || key === '$or' || (key === '$not' && isObject(inner));
    if (key.startsWith('$') && !logical) onId[key] = inner;
    else out[key] = inner;
  }
  if (Object.keys(onId).length === 0) return out;
  return Object.keys(out).length === 0 ? { id: onId } : { $and: [out, { id: onId }] };
}

/** Scopes the relations a `where` clause walks through (filters on related rows). */
export function scopeFilters(uid: string, where: unknown, scope: Scope, attributesOf: ModelAttributes): unknown {
  if (Array.isArray(where)) return where.map((item) => scopeFilters(uid, item, scope, attributesOf));
  if (!isObject(where)) return where;
  const attributes = attributesOf(uid) ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    const attribute = attributes[key];
    if (LOGICAL.has(key)) out[key] = scopeFilters(uid, value, scope, attributesOf);
    else if (attribute?.type === 'relation' && attribute.target) {
      const own = scopeWhere(attribute.target, scope);
      // Unscoped targets keep Strapi's own reading of the filter.
      out[key] = own ? both(scopeFilters(attribute.target, relationCondition(value), scope, attributesOf), own) : scopeFilters(attribute.target, value, scope, attributesOf);
    } else out[key] = value;
  }
  return out;
}

/** The populate entries as an object: `'*'`, `true`, arrays and dotted paths normalised. */
function populateEntries(uid: string, populate: Populate, attributesOf: ModelAttributes): Record<string, unknown> | null {
  const attributes = attributesOf(uid) ?? {};
  if (populate === '*' || populate === true) {
    return Object.fromEntries(Object.entries(attributes).filter(([, a]) => POPULATABLE.has(a.type)).map(([name]) => [name, true]));
  }
  const list = typeof populate === 'string' ? populate.split(',') : Array.isArray(populate) ? populate : null;
  if (list) {
    const entries: Record<string, unknown> = {};
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const [head, ...rest] = item.split('.');
      if (rest.length === 0) entries[head] = entries[head] ?? true;
      else {
        const previous = entries[head];
        const nested = isObject(previous) && Array.isArray(previous.populate) ? previous.populate : [];
        entries[head] = { populate: [...nested, rest.join('.')] };
      }
    }
    return entries;
  }
  return isObject(populate) ? { ...populate } : null;
}

/** Scopes every populated relation whose target is a scoped type, at any depth. */
export function scopePopulate(uid: string, populate: Populate, scope: Scope, attributesOf: ModelAttributes): Populate {
  if (populate === undefined || populate === null || populate === false) return populate;
  const entries = populateEntries(uid, populate, attributesOf);
  if (!entries) return populate;
  const attributes = attributesOf(uid) ?? {};
  for (const [name, value] of Object.entries(entries)) {
    const target = attributes[name]?.target;
    if (!target || value === false) continue;
    const options: Record<string, unknown> = value === true ? {} : isObject(value) ? { ...value } : {};
    options.where = both(both(scopeFilters(target, options.where, scope, attributesOf), scopeWhere(target, scope)), scopeSort(target, options.orderBy, scope, attributesOf));
    if (options.where === undefined) delete options.where;
    if (options.populate !== undefined) options.populate = scopePopulate(target, options.populate, scope, attributesOf);
    entries[name] = options;
  }
  return entries;
}

const TO_ONE = new Set(['oneToOne', 'manyToOne']);
const refusedSort = () => fieldError('sort', '不能按无权查看的关联数据排序 (sort: you may not sort by related rows you cannot read)');
const refusedToMany = () => fieldError('sort', '不能按一对多关联的数据排序 (sort: you may not sort through a to-many relation)');

/**
 * Sorting through a relation orders rows by the related row's columns, so the related row must be
 * one the caller may read: a to-one relation into a scoped type keeps only the rows whose related
 * row is in scope (where the data keeps both in one department, that is every row); a type the
 * scope reaches none of, or a to-many relation into a scoped type (Strapi joins it for the sort
 * apart from any filter, so no filter limits what the sort reads), is refused (400 naming `sort`).
 */
export function scopeSort(uid: string, orderBy: unknown, scope: Scope, attributesOf: ModelAttributes): Where | null {
  if (Array.isArray(orderBy)) {
    const conditions = orderBy.map((item) => scopeSort(uid, item, scope, attributesOf)).filter((c): c is Where => c !== null);
    return conditions.length === 0 ? null : conditions.length === 1 ? conditions[0] : { $and: conditions };
  }
  if (!isObject(orderBy)) return null;
  const attributes = attributesOf(uid) ?? {};
  const conditions: Where[] = [];
  for (const [key, value] of Object.entries(orderBy)) {
    const attribute = attributes[key];
    if (attribute?.type !== 'relation' || !attribute.target) continue;
    const own = scopeWhere(attribute.target, scope);
    const deeper = scopeSort(attribute.target, value, scope, attributesOf);
    if (!own && !deeper) continue;
    if (own && reachesNothing(own)) throw refusedSort();
    // Each side of a to-many relation is joined apart for the sort: limiting the rows would not limit the join.
    if (!TO_ONE.has(attribute.relation ?? '')) throw refusedToMany();
    conditions.push({ [key]: both(deeper ?? undefined, own) });
  }
  return conditions.length === 0 ? null : conditions.length === 1 ? conditions[0] : { $and: conditions };
}

/** The query limited to the scope: its own rows, the relations it filters on, sorts by and populates. */
export function scopeQuery(uid: string, params: Record<string, unknown> | undefined, scope: Scope, attributesOf: ModelAttributes) {
  const query = { ...(params ?? {}) };
  const filtered = both(scopeFilters(uid, query.where, scope, attributesOf), scopeWhere(uid, scope));
  const where = both(filtered, scopeSort(uid, query.orderBy, scope, attributesOf));
  if (where !== undefined) query.where = where;
  if (query.populate !== undefined) query.populate = scopePopulate(uid, query.populate, scope, attributesOf);
  return query;
}

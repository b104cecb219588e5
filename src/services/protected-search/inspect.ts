/**
 * Finds every place a database query touches personal data: its conditions (through relations
 * at any depth), its order and its populated relations' conditions and order. The one use allowed
 * is a single exact condition on a searchable field of the queried type itself, in the top-level
 * `$and` chain; any other (`$or`, `$not`, `$in`, `$ne`, `$contains`, a relation, a second value,
 * a sort) could answer many guesses at once or one bit at a time. Pure over the model metadata.
 */
import { looksMasked } from '../../domain/masking';
import type { ModelAttributes } from '../scope/query-scope';
import { blindIndexColumnOf, protectedFieldOf } from './fields';

export interface ExactSearch {
  field: string;
  /** The attribute holding the field's blind index. */
  indexColumn: string;
  value: string;
}

export type Inspection = { ok: true; exact: ExactSearch | null } | { ok: false; path: string };

interface Walk {
  attributesOf: ModelAttributes;
  exact: ExactSearch[];
  refused: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function targetOf(walk: Walk, uid: string, attribute: string): string | undefined {
  const attributes = walk.attributesOf(uid) ?? {};
  const meta = Object.hasOwn(attributes, attribute) ? attributes[attribute] : undefined;
  return meta?.target ?? meta?.component;
}

/** The compared value of `field = X` or `field: { $eq: X }`, when it is one clear string. */
function exactOperand(condition: unknown): string | null {
  const operand = isObject(condition) && Object.keys(condition).length === 1 && '$eq' in condition ? condition.$eq : condition;
  return typeof operand === 'string' && operand.trim() !== '' && !looksMasked(operand) ? operand : null;
}

function onProtected(walk: Walk, uid: string, key: string, condition: unknown, path: string, topLevel: boolean): void {
  const indexColumn = topLevel ? blindIndexColumnOf(uid, key) : undefined;
  const value = indexColumn ? exactOperand(condition) : null;
  if (indexColumn && value !== null) walk.exact.push({ field: key, indexColumn, value });
  else walk.refused.push(path);
}

/** Walks conditions; `topLevel` while only `$and` (or the root itself) leads here. */
function walkWhere(walk: Walk, uid: string, where: unknown, prefix: string, topLevel: boolean): void {
  if (Array.isArray(where)) return where.forEach((item) => walkWhere(walk, uid, item, prefix, topLevel));
  if (!isObject(where)) return;
  for (const [key, value] of Object.entries(where)) {
    if (key.startsWith('$')) {
      walkWhere(walk, uid, value, prefix, topLevel && key === '$and');
      continue;
    }
    const field = protectedFieldOf(uid, key);
    if (field) onProtected(walk, uid, key, value, `${prefix}${field}`, topLevel);
    else {
      const target = targetOf(walk, uid, key);
      if (target) walkWhere(walk, target, value, `${prefix}${key}.`, false);
    }
  }
}

/** Walks an order: `'a.b:asc'`, `{ a: { b: 'asc' } }` or lists of them. */
function walkOrderBy(walk: Walk, uid: string, orderBy: unknown, prefix: string): void {
  if (Array.isArray(orderBy)) return orderBy.forEach((item) => walkOrderBy(walk, uid, item, prefix));
  if (typeof orderBy === 'string') {
    const [path] = orderBy.split(':');
    const [head, ...rest] = path.split('.');
    walkOrderBy(walk, uid, rest.length ? { [head]: rest.join('.') } : { [head]: 'asc' }, prefix);
    return;
  }
  if (!isObject(orderBy)) return;
  for (const [key, value] of Object.entries(orderBy)) {
    const field = protectedFieldOf(uid, key);
    const target = field ? undefined : targetOf(walk, uid, key);
    if (field) walk.refused.push(`${prefix}${field}`);
    else if (target && (isObject(value) || Array.isArray(value) || (typeof value === 'string' && !/^(asc|desc)$/i.test(value)))) {
      walkOrderBy(walk, target, value, `${prefix}${key}.`);
    }
  }
}

/** Walks the conditions and order of populated relations, at any depth. */
function walkPopulate(walk: Walk, uid: string, populate: unknown, prefix: string): void {
  if (!isObject(populate)) return;
  for (const [name, options] of Object.entries(populate)) {
    if (!isObject(options)) continue;
    const target = targetOf(walk, uid, name);
    if (target) walkOptions(walk, target, options, `${prefix}${name}.`);
    // Dynamic zones and morph relations: `on` gives each target type its own options.
    else if (isObject(options.on)) {
      for (const [type, nested] of Object.entries(options.on)) walkOptions(walk, type, nested, `${prefix}${name}.`);
    }
  }
}

function walkOptions(walk: Walk, uid: string, options: unknown, prefix: string): void {
  if (!isObject(options)) return;
  walkWhere(walk, uid, options.where, prefix, false);
  walkWhere(walk, uid, options.filters, prefix, false);
  walkOrderBy(walk, uid, options.orderBy, prefix);
  walkOrderBy(walk, uid, options.sort, prefix);
  walkPopulate(walk, uid, options.populate, prefix);
}

/** What a query of `uid` does with personal data: nothing, one allowed exact search, or a refusal. */
export function inspectQuery(uid: string, params: Record<string, unknown> | undefined, attributesOf: ModelAttributes): Inspection {
  const walk: Walk = { attributesOf, exact: [], refused: [] };
  walkWhere(walk, uid, params?.where, '', true);
  walkWhere(walk, uid, params?.filters, '', false);
  walkOrderBy(walk, uid, params?.orderBy, '');
  walkPopulate(walk, uid, params?.populate, '');
  if (walk.refused.length > 0) return { ok: false, path: walk.refused[0] };
  if (walk.exact.length > 1) return { ok: false, path: walk.exact[1].field };
  return { ok: true, exact: walk.exact[0] ?? null };
}

/** The query with its one exact condition answered by the blind index instead of the masked column. */
export function withBlindIndex(params: Record<string, unknown>, exact: ExactSearch, indexValue: string): Record<string, unknown> {
  const rewrite = (where: unknown): unknown => {
    if (Array.isArray(where)) return where.map(rewrite);
    if (!isObject(where)) return where;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(where)) {
      if (key === exact.field) out[exact.indexColumn] = { $eq: indexValue };
      else out[key] = key === '$and' ? rewrite(value) : value;
    }
    return out;
  };
  return { ...params, where: rewrite(params.where) };
}

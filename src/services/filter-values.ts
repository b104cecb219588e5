/**
 * Refuses filter values PostgreSQL cannot compare with their column ("abc" for an integer, an
 * impossible date, a NUL byte) with a 400 naming the filter: Strapi casts some of them and passes
 * the rest (ids, relation ids) to the database, which then fails with a 500. Pure over the model
 * metadata it is given.
 */
import { errors, isOperator } from '@strapi/utils';
import type { ModelAttributes } from './scope/query-scope';
import { isValidValue, kindOf, EXPECTED, type ValueKind } from './filter-value-kinds';

type Path = ReadonlyArray<string>;
type AttributeMeta = NonNullable<ReturnType<ModelAttributes>>[string];

const GROUPS = new Set(['$and', '$or']);
const COMPARISONS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);
const LISTS = new Set(['$in', '$notIn']);
const NULL_CHECKS = new Set(['$null', '$notNull']);
/** Compared with `LIKE` on the column itself, which PostgreSQL has only for text. */
const TEXT_MATCHES = new Set(['$contains', '$notContains', '$startsWith', '$endsWith']);
/** Compared on the column cast to text, so any column takes them. */
const TEXT_CASTS = new Set(['$eqi', '$nei', '$containsi', '$notContainsi', '$startsWithi', '$endsWithi']);

/** Plain objects only: GraphQL arguments have a null prototype; Dates and Knex subqueries are values. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function filterError(path: Path, zh: string, en: string): errors.ValidationError {
  const name = path.join('.');
  const message = `筛选条件 ${name} ${zh} (${name}: ${en})`;
  return new errors.ValidationError(message, { errors: [{ path: [...path], message, name: 'ValidationError', value: null }] });
}

/** One operand: null passes (IS NULL); a list or an object where a single value belongs does not. */
function checkOperand(kind: ValueKind, value: unknown, path: Path): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string' && value.includes('\0')) throw filterError(path, '含有空字符', 'contains a NUL byte');
  if (Array.isArray(value) || isRecord(value)) throw filterError(path, '应为单个值', 'expected a single value');
  // A Knex subquery or another value built by the server itself is Strapi's to judge.
  if (typeof value === 'object' && !(value instanceof Date)) return;
  if (!isValidValue(kind, value)) throw filterError(path, `应为${EXPECTED[kind].zh}`, `expected ${EXPECTED[kind].en}`);
}

function checkOperands(kind: ValueKind, value: unknown, path: Path): void {
  if (Array.isArray(value)) value.forEach((item, index) => checkOperand(kind, item, [...path, String(index)]));
  else checkOperand(kind, value, path);
}

function checkOperator(kind: ValueKind, operator: string, operand: unknown, path: Path): void {
  if (operator === '$not') return checkAttribute(kind, operand, path);
  if (NULL_CHECKS.has(operator) || operator === '$jsonSupersetOf') return;
  if (operator === '$between') {
    if (!Array.isArray(operand) || operand.length !== 2) throw filterError(path, '应为两个值', 'expected two values');
    return checkOperands(kind, operand, path);
  }
  if (COMPARISONS.has(operator) || LISTS.has(operator)) return checkOperands(kind, operand, path);
  if (TEXT_MATCHES.has(operator) && kind !== 'text') throw filterError(path, '只能用于文本字段', 'only for text fields');
  if (TEXT_MATCHES.has(operator) || TEXT_CASTS.has(operator)) return checkOperands('text', operand, path);
  throw filterError(path, '不是可用的运算符', 'unknown operator');
}

/** The value of one scalar attribute: a value, a list of values, or operators. */
function checkAttribute(kind: ValueKind, value: unknown, path: Path): void {
  if (!isRecord(value)) return checkOperands(kind, value, path);
  for (const [operator, operand] of Object.entries(value)) checkOperator(kind, operator, operand, [...path, operator]);
}

/** A relation takes an id (or operators on it), or a `where` on the related type. */
function checkRelation(attribute: AttributeMeta, value: unknown, path: Path, attributesOf: ModelAttributes): void {
  if (!attribute.target) return;
  if (!isRecord(value)) return checkOperands('integer', value, path);
  const keys = Object.keys(value);
  const operators = keys.filter((key) => isOperator(key));
  if (operators.length === 0 || (operators.length === 1 && GROUPS.has(operators[0]))) return checkWhere(attribute.target, value, path, attributesOf);
  if (operators.length !== keys.length || operators.length > 1) {
    throw filterError(path, '只能有一个运算符', 'one operator on a relation, or fields of the related type');
  }
  return checkAttribute('integer', value, path);
}

/** Every value of a `where` clause of `uid`, through logical operators and relations. */
export function checkWhere(uid: string, where: unknown, path: Path, attributesOf: ModelAttributes): void {
  if (Array.isArray(where)) return where.forEach((item, index) => checkWhere(uid, item, [...path, String(index)], attributesOf));
  if (!isRecord(where)) {
    if (where === null || where === undefined || typeof where === 'object') return;
    throw filterError(path, '应为对象', 'expected an object');
  }
  const attributes = attributesOf(uid) ?? {};
  for (const [key, value] of Object.entries(where)) {
    const at = [...path, key];
    const attribute = attributes[key];
    if (GROUPS.has(key) && !Array.isArray(value)) throw filterError(at, '应为数组', 'expected an array');
    if (GROUPS.has(key) || key === '$not') checkWhere(uid, value, at, attributesOf);
    else if (isOperator(key)) throw filterError(at, '只能用在字段上', 'an operator needs a field');
    else if (attribute?.type === 'relation') checkRelation(attribute, value, at, attributesOf);
    else if (attribute) checkAttribute(kindOf(attribute.type), value, at);
  }
}

/** The filters of populated relations, at any depth; `'*'`, `true`, strings and lists carry none. */
function checkPopulate(uid: string, populate: unknown, path: Path, attributesOf: ModelAttributes): void {
  if (!isRecord(populate)) return;
  const attributes = attributesOf(uid) ?? {};
  for (const [name, options] of Object.entries(populate)) {
    const target = attributes[name]?.target;
    if (!target || !isRecord(options)) continue;
    if (options.where !== undefined) checkWhere(target, options.where, [...path, name, 'filters'], attributesOf);
    checkPopulate(target, options.populate, [...path, name, 'populate'], attributesOf);
  }
}

/** Throws a ValidationError naming the first filter value the database could not compare. */
export function assertFilterValues(uid: string, params: Record<string, unknown> | undefined, attributesOf: ModelAttributes): void {
  if (!params) return;
  checkWhere(uid, params.where, ['filters'], attributesOf);
  checkPopulate(uid, params.populate, ['populate'], attributesOf);
}

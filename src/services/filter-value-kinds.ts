/**
 * Which values a PostgreSQL column of each Strapi attribute type accepts in a comparison, in the
 * forms Strapi's own casts (`@strapi/database` fields) pass through.
 */
export type ValueKind = 'integer' | 'biginteger' | 'number' | 'date' | 'datetime' | 'time' | 'boolean' | 'text';

const KINDS: Record<string, ValueKind> = {
  increments: 'integer',
  integer: 'integer',
  biginteger: 'biginteger',
  float: 'number',
  decimal: 'number',
  date: 'date',
  datetime: 'datetime',
  timestamp: 'datetime',
  time: 'time',
  boolean: 'boolean',
};

export const EXPECTED: Record<ValueKind, { zh: string; en: string }> = {
  integer: { zh: '整数', en: 'an integer' },
  biginteger: { zh: '整数', en: 'an integer' },
  number: { zh: '数字', en: 'a number' },
  date: { zh: '日期 YYYY-MM-DD', en: 'a date YYYY-MM-DD' },
  datetime: { zh: '日期时间 (ISO 8601)', en: 'an ISO 8601 date-time' },
  time: { zh: '时间 HH:mm:ss', en: 'a time HH:mm:ss' },
  boolean: { zh: '布尔值 true 或 false', en: 'true or false' },
  text: { zh: '文本', en: 'text' },
};

const INTEGER = /^\s*[+-]?\d+\s*$/;
const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const TIME = /^(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,3})?$/;
const BOOLEANS = new Set<unknown>([true, false, 'true', 'false', 't', 'f', '1', '0', 1, 0]);
/** PostgreSQL's timestamps begin in 4713 BC; JavaScript's Date reaches further back. */
const EARLIEST_YEAR = -4712;

export function kindOf(type: string): ValueKind {
  return KINDS[type] ?? 'text';
}

function isIntegerIn(value: unknown, range: { min: bigint; max: bigint }): boolean {
  let integer: bigint;
  if (typeof value === 'bigint') integer = value;
  else if (typeof value === 'number' && Number.isInteger(value)) integer = BigInt(value);
  else if (typeof value === 'string' && INTEGER.test(value)) integer = BigInt(value.trim());
  else return false;
  return integer >= range.min && integer <= range.max;
}

function isFiniteNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

function isValidDate(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isValidDatetime(value: unknown): boolean {
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) date = new Date(Number(value));
  else if (typeof value === 'string' && DATE.test(value)) date = new Date(value);
  else return false;
  return !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= EARLIEST_YEAR;
}

/** Whether `value` can stand for a value of the column (null is checked by the caller). */
export function isValidValue(kind: ValueKind, value: unknown): boolean {
  switch (kind) {
    case 'integer':
      return isIntegerIn(value, INT32);
    case 'biginteger':
      return isIntegerIn(value, INT64);
    case 'number':
      return isFiniteNumber(value);
    case 'date':
      return isValidDate(value);
    case 'datetime':
      return isValidDatetime(value);
    case 'time':
      return value instanceof Date || (typeof value === 'string' && TIME.test(value));
    case 'boolean':
      return BOOLEANS.has(value);
    case 'text':
      return true;
  }
}

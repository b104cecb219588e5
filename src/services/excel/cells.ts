/** What one record's field looks like in a sheet: Chinese names, readable relations, real dates. */
import { schoolTimeZone } from '../clock';
import type { Column } from './columns';

export const YES = '是';
export const NO = '否';

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the school's wall-clock time: a sheet has no time zones, so the cell holds the
 * time a reader at the school expects (exceljs writes a Date's UTC fields).
 */
export function schoolWallClock(instant: Date): Date {
  const zone = schoolTimeZone();
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallClocks.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second));
}

/** A stored `YYYY-MM-DD` as a sheet date. */
function calendarDate(value: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : value;
}

function listText(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join('、');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The cell for one field of a record; null leaves the cell empty. */
export function cellValue(column: Column, value: unknown): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind) {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value ? YES : NO;
    case 'enumeration':
      return column.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'date':
      return calendarDate(String(value));
    case 'datetime':
      return schoolWallClock(value instanceof Date ? value : new Date(String(value)));
    case 'relation': {
      const named = (value as Record<string, unknown>)[column.mainField ?? 'documentId'];
      return named === null || named === undefined ? null : String(named);
    }
    case 'list':
      return listText(value);
    default:
      return String(value);
  }
}

/** Number formats of the sheet's date columns. */
export function numberFormat(column: Column): string | undefined {
  if (column.kind === 'date') return 'yyyy-mm-dd';
  if (column.kind === 'datetime') return 'yyyy-mm-dd hh:mm';
  return undefined;
}

/** A width that fits the header and typical values. */
export function columnWidth(column: Column): number {
  const byKind: Partial<Record<Column['kind'], number>> = { date: 12, datetime: 18, number: 10, boolean: 8, enumeration: 12, relation: 20 };
  const typical = column.protected ? 22 : byKind[column.kind] ?? Math.min(40, Math.max(12, column.maxLength ?? 20));
  return Math.max(typical, column.header.length * 2 + 2);
}

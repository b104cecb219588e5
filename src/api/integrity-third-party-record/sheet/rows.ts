/**
 * One row of a third party's sheet as a record to write, or the reasons its cells cannot be one:
 * every bad cell is named, not only the first. Which student a row names is found later
 * (../repositories/students.ts); here only the cells themselves are checked.
 */
import { NATIONAL_ID_MESSAGES, parseNationalId } from '../../../domain/national-id';
import type { Column } from '../../../services/excel/columns';
import { chineseReason } from '../../../services/excel/reasons';
import { fieldValue, rowValues, type CellProblem, type SheetRow } from '../../../services/excel/sheet-rows';
import type { ThirdPartyFields } from '../repositories/third-party-rows';

export interface RowRecord extends ThirdPartyFields {
  rowNumber: number;
  studentNumber: string | null;
  /** Upper-case X; never logged nor sent back. */
  nationalId: string | null;
}

/** decimal(10,2): below 100 million yuan, to the fen. */
const MAX_AMOUNT = 1e8;
const MAX_OVERDUE_DAYS = 36500;

type Check = { value: unknown } | { reason: string };

const isRealDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** 2026/9/1, 2026.9.1 and 2026年9月1日 as 2026-09-01; a real date, not after today. */
function dateValue(column: Column, input: unknown, today: string): Check {
  const written = typeof input === 'string' ? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(input) : null;
  const normalised = written ? `${written[1]}-${written[2].padStart(2, '0')}-${written[3].padStart(2, '0')}` : input;
  const checked = fieldValue(column, normalised);
  if ('reason' in checked) return checked;
  const [year, month, day] = String(checked.value).split('-').map(Number);
  if (!isRealDate(year, month, day)) return { reason: `${column.header}不是有效的日期` };
  if (String(checked.value) > today) return { reason: `${column.header}不能晚于今天（${today}）` };
  return checked;
}

/** A number cell, with thousands separators allowed in text. */
function numberValue(column: Column, input: unknown): Check {
  return fieldValue(column, typeof input === 'string' ? input.replace(/[,，\s]/g, '') : input);
}

function amountValue(column: Column, input: unknown): Check {
  const checked = numberValue(column, input);
  if ('reason' in checked) return checked;
  const amount = checked.value as number;
  if (amount < 0 || amount >= MAX_AMOUNT) return { reason: `${column.header}须在 0 至 99999999.99 之间` };
  if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) return { reason: `${column.header}最多两位小数` };
  return checked;
}

function overdueDaysValue(column: Column, input: unknown): Check {
  const checked = numberValue(column, input);
  if ('reason' in checked) return checked;
  const days = checked.value as number;
  return Number.isInteger(days) && days >= 0 && days <= MAX_OVERDUE_DAYS ? checked : { reason: `${column.header}须为 0 至 ${MAX_OVERDUE_DAYS} 的整数` };
}

/** A student number typed as a number (Excel's habit) is its digits. */
function studentNumberValue(column: Column, input: unknown): Check {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 ? { value: String(input) } : { reason: `${column.header}须为数字组成的学号` };
  return fieldValue(column, input);
}

function nationalIdValue(column: Column, input: unknown, today: string): Check {
  const checked = fieldValue(column, input);
  if ('reason' in checked) return checked;
  const parsed = parseNationalId(String(checked.value), today);
  return parsed.ok ? { value: parsed.facts.value } : { reason: chineseReason(NATIONAL_ID_MESSAGES[parsed.problem], column, column.header, (i) => i) };
}

function cellCheck(column: Column, input: unknown, today: string): Check {
  switch (column.field) {
    case 'studentNumber':
      return studentNumberValue(column, input);
    case 'nationalId':
      return nationalIdValue(column, input, today);
    case 'occurredOn':
      return dateValue(column, input, today);
    case 'amount':
      return amountValue(column, input);
    case 'overdueDays':
      return overdueDaysValue(column, input);
    default:
      return fieldValue(column, input);
  }
}

/** The row's values, and a problem for each bad or missing cell. */
export function readRecordRow(row: SheetRow, columns: Column[], today: string): { record: RowRecord; problems: CellProblem[] } {
  const { values, problems } = rowValues(row, columns, (column, input) => cellCheck(column, input, today));
  if (row.values.studentNumber === undefined && row.values.nationalId === undefined) {
    problems.push({ rowNumber: row.rowNumber, field: columns.some((c) => c.field === 'studentNumber') ? 'studentNumber' : 'nationalId', reason: '学号与身份证号至少填写一项' });
  }
  const text = (field: string) => (values[field] === undefined ? null : String(values[field]));
  const number = (field: string) => (values[field] === undefined ? null : (values[field] as number));
  return {
    record: {
      rowNumber: row.rowNumber,
      studentNumber: text('studentNumber'),
      nationalId: text('nationalId'),
      category: String(values.category ?? ''),
      agency: String(values.agency ?? ''),
      occurredOn: String(values.occurredOn ?? ''),
      amount: number('amount'),
      overdueDays: number('overdueDays'),
      description: text('description'),
    },
    problems,
  };
}

/**
 * One row of finance's sheet as a fee status to write, or the reasons its cells cannot be one:
 * every bad cell is named, not only the first. Which student a row names is found later
 * (students.ts); here only the cells themselves are checked.
 */
import { feeAmountProblem } from '../../../domain/fee-status';
import type { FeeStatus } from '../../../domain/registration';
import type { Column } from '../../../services/excel/columns';
import { fieldValue, rowValues, type CellProblem, type SheetRow } from '../../../services/excel/sheet-rows';

export interface FeeRow {
  rowNumber: number;
  studentNumber: string;
  name: string;
  status: FeeStatus;
  amountOwed: number | null;
  note: string | null;
}

type Check = { value: unknown } | { reason: string };

/** A student number typed as a number (Excel's habit) is its digits. */
function studentNumberValue(column: Column, input: unknown): Check {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 ? { value: String(input) } : { reason: `${column.header}须为数字组成的学号` };
  return fieldValue(column, input);
}

/** An amount, with thousands separators and a yuan sign allowed in text. */
function amountValue(column: Column, input: unknown): Check {
  return fieldValue(column, typeof input === 'string' ? input.replace(/[,，\s¥￥元]/g, '') : input);
}

function cellCheck(column: Column, input: unknown): Check {
  if (column.field === 'studentNumber') return studentNumberValue(column, input);
  if (column.field === 'amountOwed') return amountValue(column, input);
  // English values in any case: PAID, Owing.
  if (column.field === 'status' && typeof input === 'string') return fieldValue(column, /^[a-z]+$/i.test(input.trim()) ? input.trim().toLowerCase() : input);
  return fieldValue(column, input);
}

/** The row's values, and a problem for each bad or missing cell; the amount checked against the status. */
export function readFeeRow(row: SheetRow, columns: Column[]): { record: FeeRow; problems: CellProblem[] } {
  const { values, problems } = rowValues(row, columns, cellCheck);
  const amountOwed = values.amountOwed === undefined ? null : (values.amountOwed as number);
  const amountBad = problems.some((p) => p.field === 'amountOwed');
  if (values.status !== undefined && !amountBad) {
    const problem = feeAmountProblem(values.status as FeeStatus, amountOwed);
    if (problem) problems.push({ rowNumber: row.rowNumber, field: 'amountOwed', reason: problem });
  }
  return {
    record: {
      rowNumber: row.rowNumber,
      studentNumber: String(values.studentNumber ?? ''),
      name: String(values.name ?? ''),
      status: values.status as FeeStatus,
      amountOwed,
      note: values.note === undefined ? null : String(values.note),
    },
    problems,
  };
}

/**
 * Reading an uploaded admission sheet into rows the admission service takes: headers matched to
 * the column definition, Chinese enumeration names back to their values, class names to the
 * classes the caller can see. Problems of a cell are kept with the cell, for the marked copy.
 */
import type ExcelJS from 'exceljs';
import { fieldError } from '../field-error';
import { NO, YES } from './cells';
import type { Column } from './columns';
import { ADMISSION_REQUIRED } from './admission-columns';

/** The column of a returned sheet holding each bad row's reasons; ignored when read back. */
export const REASON_HEADER = '错误原因';

export interface SheetRow {
  /** 1-based row number in the sheet. */
  rowNumber: number;
  values: Record<string, unknown>;
}

export interface CellProblem {
  rowNumber: number;
  field: string;
  reason: string;
}

/** What a sheet other than the admission's asks of its headers and calls its rows. */
export interface SheetOptions {
  /** Fields whose column must be there; the admission's by default. */
  required?: readonly string[];
  /** Other headers a column may have besides its label (an English field name), by field. */
  otherHeaders?: Readonly<Record<string, readonly string[]>>;
  /** What the rows are, for the messages: 学生数据 and 名学生 by default. */
  rowsAre?: { data: string; counted: string };
}

export interface ParsedSheet {
  sheet: ExcelJS.Worksheet;
  /** Column number (1-based) of each field. */
  columnOf: Map<string, number>;
  rows: SheetRow[];
}

/** The value of a cell as the person typed it: text trimmed, numbers and dates as they are. */
function cellInput(cell: ExcelJS.Cell): unknown {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((part) => part.text).join('').trim() || null;
    if ('result' in v) return v.result ?? null;
    if (typeof v.text === 'string') return v.text.trim() || null;
  }
  return String(value);
}

/** The sheet to read: the template's, else the first visible one. */
function dataSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name) ?? workbook.worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  if (!sheet) throw fieldError('file', '工作簿中没有工作表 (the workbook has no sheet)');
  return sheet;
}

const bare = (header: string) => header.replace(/\s+/g, '').toLowerCase();

function headerColumns(sheet: ExcelJS.Worksheet, columns: Column[], options: SheetOptions): Map<string, number> {
  const required = options.required ?? ADMISSION_REQUIRED;
  const named = (c: Column, header: string) => [c.header, ...(options.otherHeaders?.[c.field] ?? [])].some((name) => bare(name) === bare(header));
  const columnOf = new Map<string, number>();
  const unknown: string[] = [];
  sheet.getRow(1).eachCell((cell, number) => {
    const header = String(cellInput(cell) ?? '').replace(/\s+/g, '');
    if (header === '' || header === REASON_HEADER) return;
    const column = columns.find((c) => named(c, header));
    if (!column) unknown.push(header);
    else if (columnOf.has(column.field)) throw fieldError('file', `表头「${header}」出现了两次 (a column appears twice)`);
    else columnOf.set(column.field, number);
  });
  if (unknown.length > 0) throw fieldError('file', `表头有模板中没有的列：${unknown.join('、')}；请使用下载的导入模板 (unknown columns)`);
  const missing = columns.filter((c) => required.includes(c.field) && !columnOf.has(c.field)).map((c) => c.header);
  if (missing.length > 0) throw fieldError('file', `表头缺少必填列：${missing.join('、')}；请使用下载的导入模板 (required columns missing)`);
  return columnOf;
}

/** The sheet's headers and non-empty rows; a 400 naming the problem when it is not a filled template. */
export function readSheet(workbook: ExcelJS.Workbook, sheetName: string, columns: Column[], maxRows: number, options: SheetOptions = {}): ParsedSheet {
  const sheet = dataSheet(workbook, sheetName);
  const columnOf = headerColumns(sheet, columns, options);
  const rowsAre = options.rowsAre ?? { data: '学生数据', counted: '名学生' };
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, unknown> = {};
    for (const [field, number] of columnOf) {
      const input = cellInput(row.getCell(number));
      if (input !== null) values[field] = input;
    }
    if (Object.keys(values).length > 0) rows.push({ rowNumber, values });
  });
  if (rows.length === 0) throw fieldError('file', `工作表中没有${rowsAre.data}：请从第 2 行起填写 (the sheet has no rows)`);
  if (rows.length > maxRows) throw fieldError('file', `一次最多导入 ${maxRows} ${rowsAre.counted}，本表有 ${rows.length} 行 (too many rows)`);
  return { sheet, columnOf, rows };
}

/** A cell's input as the field's stored value, or the reason it cannot be one. */
export function fieldValue(column: Column, input: unknown): { value: unknown } | { reason: string } {
  if (column.options) {
    const text = String(input).trim();
    const option = column.options.find((o) => o.label === text || o.value === text);
    return option ? { value: column.field === 'programLength' ? Number(option.value) : option.value } : { reason: `${column.header}须为以下之一：${column.options.map((o) => o.label).join('、')}` };
  }
  switch (column.kind) {
    case 'number': {
      const number = typeof input === 'number' ? input : Number(String(input).trim());
      return Number.isFinite(number) ? { value: number } : { reason: `${column.header}须为数字` };
    }
    case 'boolean':
      return input === YES || input === true ? { value: true } : input === NO || input === false ? { value: false } : { reason: `${column.header}须填“是”或“否”` };
    case 'date':
      if (input instanceof Date) return { value: input.toISOString().slice(0, 10) };
      return /^\d{4}-\d{2}-\d{2}$/.test(String(input)) ? { value: String(input) } : { reason: `${column.header}须为日期，如 2026-09-01` };
    default:
      return textValue(column, input);
  }
}

function textValue(column: Column, input: unknown): { value: unknown } | { reason: string } {
  // An 18-digit ID typed as a number has already lost its last digits.
  if (typeof input === 'number' && column.field === 'nationalId') return { reason: `${column.header}请按文本格式填写（数字格式会丢失末几位）` };
  const text = input instanceof Date ? input.toISOString().slice(0, 10) : String(input);
  if (column.maxLength && text.length > column.maxLength) return { reason: `${column.header}最多 ${column.maxLength} 个字` };
  return { value: text };
}

/** A row's value of each column by the import's own cell check, and a problem for each bad or missing (required) cell. */
export function rowValues(row: SheetRow, columns: readonly Column[], check: (column: Column, input: unknown) => { value: unknown } | { reason: string }): { values: Record<string, unknown>; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    const input = row.values[column.field];
    if (input === undefined) {
      if (column.required) problems.push({ rowNumber: row.rowNumber, field: column.field, reason: `${column.header}必填` });
      continue;
    }
    const checked = check(column, input);
    if ('reason' in checked) problems.push({ rowNumber: row.rowNumber, field: column.field, reason: checked.reason });
    else values[column.field] = checked.value;
  }
  return { values, problems };
}

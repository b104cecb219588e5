/**
 * The admission template (issue 14): one sheet with the admission's columns and Chinese headers,
 * a note on each header saying what to enter, drop-down lists for enumerations and for the classes
 * the caller may admit into (on a hidden sheet of options), and text cells for ID and phone.
 */
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { ADMISSION_HINTS, ADMISSION_REQUIRED, admissionColumns } from './admission-columns';
import { columnWidth } from './cells';
import type { Column } from './columns';

export const TEMPLATE_SHEET = '新生名单';
const OPTIONS_SHEET = '选项';
/** Rows the drop-down lists cover: more than one request may admit. */
const TEMPLATE_ROWS = 5001;

/** Names of the classes the caller can see (the read is scoped), for the class drop-down. */
async function classNames(strapi: Core.Strapi): Promise<string[]> {
  const classes = (await strapi.documents('api::school-class.school-class' as never).findMany({ fields: ['name'], sort: 'name:asc' } as never)) as unknown as Array<{ name: string }>;
  return [...new Set(classes.map((c) => c.name).filter(Boolean))];
}

const columnLetter = (index: number): string => (index < 26 ? String.fromCharCode(65 + index) : columnLetter(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26)));

function headerNote(column: Column): string {
  const hint = ADMISSION_HINTS[column.field];
  const required = ADMISSION_REQUIRED.includes(column.field) || column.required;
  return [hint ?? (required ? '必填' : '可留空'), column.options ? `可选：${column.options.map((o) => o.label).join('、')}` : null].filter(Boolean).join('\n');
}

/** The list a column's cells offer: enumeration labels, or the class names. */
function listOf(column: Column, classes: string[]): string[] | null {
  if (column.field === 'schoolClass') return classes;
  return column.options ? column.options.map((o) => o.label) : column.kind === 'boolean' ? ['是', '否'] : null;
}

/** exceljs keeps a sheet's validations by address or range; its typings do not show the collection. */
const validations = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

export async function buildTemplate(strapi: Core.Strapi): Promise<ExcelJS.Workbook> {
  const columns = await admissionColumns(strapi);
  const classes = await classNames(strapi);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.field, width: columnWidth(c) }));
  columns.forEach((column, index) => {
    const header = sheet.getCell(1, index + 1);
    header.font = { bold: true, color: { argb: ADMISSION_REQUIRED.includes(column.field) ? 'FFC00000' : 'FF000000' } };
    header.note = headerNote(column);
    const letter = columnLetter(index);
    // ID and phone numbers stay text: a number would lose digits or a leading zero.
    if (column.kind === 'text') sheet.getColumn(index + 1).numFmt = '@';
    const list = listOf(column, classes);
    if (!list || list.length === 0) return;
    list.forEach((value, row) => (options.getCell(row + 2, index + 1).value = value));
    options.getCell(1, index + 1).value = column.header;
    const range = `'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${list.length + 1}`;
    // One validation for the column's range: no empty cells are made, so the sheet stays small.
    validations(sheet).add(`${letter}2:${letter}${TEMPLATE_ROWS}`, { type: 'list', allowBlank: true, formulae: [range], showErrorMessage: true, errorTitle: column.header, error: `请从下拉列表中选择${column.header}` });
  });
  return workbook;
}

/**
 * The template of a one-sheet import (fee statuses, third-party integrity records, the offices'
 * results): the headers, red where required, each with a note saying what to enter; one example
 * row; student numbers and IDs kept as text; dates as dates; a drop-down list for each
 * enumeration.
 */
import ExcelJS from 'exceljs';
import { columnWidth } from './cells';
import type { Column } from './columns';

/** A column of an import as its template explains it. */
export interface SheetField {
  field: string;
  header: string;
  kind: Column['kind'];
  /** The header's note: what to enter. */
  hint: string;
  /** The example row of the template. */
  example: string | number | Date | null;
  maxLength?: number;
}

/** Rows the drop-down lists cover. */
const TEMPLATE_ROWS = 5001;
/** A number cell would show a student number as 2.02609E+11 and lose an ID's last digits. */
const TEXT_FIELDS = new Set(['studentNumber', 'nationalId']);

export function buildImportTemplate(sheetName: string, columns: readonly Column[], fields: readonly SheetField[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.field, width: columnWidth(c) }));
  sheet.addRow(columns.map((c) => {
    const example = fields.find((f) => f.field === c.field)?.example;
    return example === '' || example === undefined ? null : example;
  }));
  columns.forEach((column, index) => {
    const header = sheet.getCell(1, index + 1);
    header.font = { bold: true, color: { argb: column.required ? 'FFC00000' : 'FF000000' } };
    header.note = fields.find((f) => f.field === column.field)?.hint ?? '';
    if (TEXT_FIELDS.has(column.field)) sheet.getColumn(index + 1).numFmt = '@';
    if (column.kind === 'date') sheet.getColumn(index + 1).numFmt = 'yyyy-mm-dd';
    if (!column.options) return;
    const letter = sheet.getColumn(index + 1).letter;
    (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${column.options.map((o) => o.label).join(',')}"`],
      showErrorMessage: true,
      errorTitle: column.header,
      error: `请从下拉列表中选择${column.header}`,
    });
  });
  return workbook;
}

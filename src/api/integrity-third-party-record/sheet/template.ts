/** The import template: the headers with a note saying what to enter, one example row, text cells for numbers and IDs, a list for the category. */
import ExcelJS from 'exceljs';
import { columnWidth } from '../../../services/excel/cells';
import type { Column } from '../../../services/excel/columns';
import { SHEET_FIELDS, TEMPLATE_SHEET } from './columns';

/** Rows the category's drop-down list covers. */
const TEMPLATE_ROWS = 5001;

export function buildImportTemplate(columns: Column[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.field, width: columnWidth(c) }));
  const example = SHEET_FIELDS.map((f) => (f.example === '' ? null : f.example));
  sheet.addRow(example);
  columns.forEach((column, index) => {
    const field = SHEET_FIELDS.find((f) => f.field === column.field);
    const header = sheet.getCell(1, index + 1);
    header.font = { bold: true, color: { argb: column.required ? 'FFC00000' : 'FF000000' } };
    header.note = field?.hint ?? '';
    // Student numbers and IDs stay text: a number would lose digits.
    if (column.field === 'studentNumber' || column.field === 'nationalId') sheet.getColumn(index + 1).numFmt = '@';
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

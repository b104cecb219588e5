/** The import template: the headers with a note saying what to enter, one example row, text cells for student numbers, a list for the status. */
import ExcelJS from 'exceljs';
import { columnWidth } from '../../../services/excel/cells';
import { IMPORT_COLUMNS, SHEET_FIELDS, TEMPLATE_SHEET } from './columns';

/** Rows the status's drop-down list covers. */
const TEMPLATE_ROWS = 5001;

export function buildFeeTemplate(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: columnWidth(c) }));
  sheet.addRow(SHEET_FIELDS.map((f) => f.example));
  IMPORT_COLUMNS.forEach((column, index) => {
    const header = sheet.getCell(1, index + 1);
    header.font = { bold: true, color: { argb: column.required ? 'FFC00000' : 'FF000000' } };
    header.note = SHEET_FIELDS[index].hint;
    // Student numbers stay text: a number cell would show 2.02609E+11.
    if (column.field === 'studentNumber') sheet.getColumn(index + 1).numFmt = '@';
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

/** The uploaded sheet sent back with each bad cell filled red, its reason as the cell's note and per row in 错误原因. */
import type ExcelJS from 'exceljs';
import { REASON_HEADER, type CellProblem, type ParsedSheet } from './sheet-rows';

const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const BAD_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };

/** The column holding the reasons: the sheet's own when it came back once already, else a new last one. */
function reasonColumn(sheet: ExcelJS.Worksheet): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, number) => {
    if (String(cell.value ?? '').trim() === REASON_HEADER) found = number;
  });
  if (found) {
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber > 1) row.getCell(found).value = null;
    });
    return found;
  }
  const column = sheet.columnCount + 1;
  const header = sheet.getCell(1, column);
  header.value = REASON_HEADER;
  header.font = { bold: true, color: { argb: 'FFC00000' } };
  sheet.getColumn(column).width = 60;
  return column;
}

/** Cell address, as the reader finds it, e.g. C5. */
export function cellAddress(parsed: ParsedSheet, problem: CellProblem): string {
  const column = parsed.columnOf.get(problem.field);
  return column ? parsed.sheet.getCell(problem.rowNumber, column).address : `${problem.rowNumber}`;
}

export function markProblems(parsed: ParsedSheet, problems: CellProblem[], headerOf: (field: string) => string): void {
  const reasons = reasonColumn(parsed.sheet);
  const byRow = new Map<number, string[]>();
  for (const problem of problems) {
    const column = parsed.columnOf.get(problem.field);
    if (column) {
      const cell = parsed.sheet.getCell(problem.rowNumber, column);
      // A cell may share its style object with its column (the template's text format): copied, not changed.
      cell.style = { ...cell.style, fill: BAD_FILL, font: BAD_FONT };
      cell.note = problem.reason;
    }
    const list = byRow.get(problem.rowNumber) ?? [];
    list.push(column ? problem.reason : `${headerOf(problem.field)}：${problem.reason}`);
    byRow.set(problem.rowNumber, list);
  }
  for (const [rowNumber, list] of byRow) {
    const cell = parsed.sheet.getCell(rowNumber, reasons);
    cell.value = [...new Set(list)].join('；');
    cell.style = { ...cell.style, font: BAD_FONT };
  }
}

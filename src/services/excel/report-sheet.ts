/**
 * A report as an .xlsx sheet (issue 14: "the same for every report"): a title row saying what was
 * counted and for whom, the table's headings, its rows and a totals row. Reports are small (a row
 * per department or month), so the workbook is built in memory.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { now, today } from '../clock';
import { schoolWallClock } from './cells';
import { XLSX_TYPE } from './export-request';
import { fieldError } from '../field-error';

/** How a report answers: JSON (default) or the same table as a sheet. */
export const REPORT_FORMATS = ['json', 'xlsx'] as const;
export const REPORT_FORMAT_MESSAGE = `format 须为 ${REPORT_FORMATS.join(', ')} 之一`;

/** Whether a report's query asks for the sheet (`format=xlsx`); any other value than the two is a 400 naming `format`. */
export function wantsSheet(query: Record<string, unknown> | undefined): boolean {
  const format = query?.format ?? 'json';
  if (!(REPORT_FORMATS as readonly unknown[]).includes(format)) throw fieldError('format', REPORT_FORMAT_MESSAGE);
  return format === 'xlsx';
}

export interface ReportSheet {
  /** The sheet's name and the file's, e.g. 学籍异动统计. */
  title: string;
  /** What the numbers cover: the filters, the departments the caller sees. */
  subtitle: string;
  headings: string[];
  rows: Array<Array<string | number>>;
  /** The last row, in bold. */
  totals?: Array<string | number>;
}

export async function reportWorkbook(report: ReportSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = schoolWallClock(now());
  const sheet = workbook.addWorksheet(report.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] });
  const width = report.headings.length;
  sheet.addRow([report.title]).font = { bold: true, size: 14 };
  sheet.addRow([report.subtitle]);
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  sheet.addRow(report.headings).font = { bold: true };
  for (const row of report.rows) sheet.addRow(row);
  if (report.totals) sheet.addRow(report.totals).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 18 : Math.max(8, report.headings[i].length * 2 + 2);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Answers with the sheet as a download named `<title>-<date>.xlsx`. */
export async function sendReportSheet(ctx: { set(name: string, value: string): void; status: number; body: unknown }, report: ReportSheet): Promise<void> {
  const body = await reportWorkbook(report);
  ctx.set('Content-Type', XLSX_TYPE);
  ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${report.title}-${today()}.xlsx`)}`);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.status = 200;
  ctx.body = body;
}

/**
 * The same sheet written row by row to the response (exceljs's streaming writer): for a list of
 * tens of thousands of rows (the archive's completeness list), which an in-memory workbook builds
 * several times slower. The rows are already read, so nothing can fail with a 400 after the first byte.
 */
export function streamReportSheet(ctx: { set(name: string, value: string): void; status: number; body: unknown }, report: ReportSheet): void {
  const stream = new PassThrough();
  ctx.set('Content-Type', XLSX_TYPE);
  ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${report.title}-${today()}.xlsx`)}`);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.status = 200;
  ctx.body = stream;
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    workbook.created = schoolWallClock(now());
    const width = report.headings.length;
    const sheet = workbook.addWorksheet(report.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] });
    sheet.columns = report.headings.map((heading, i) => ({ width: i === 0 ? 18 : Math.max(8, heading.length * 2 + 2) }));
    const title = sheet.addRow([report.title]);
    title.font = { bold: true, size: 14 };
    sheet.mergeCells(1, 1, 1, width);
    title.commit();
    // A row's cells are merged before it is committed: the streaming writer cannot reach it after.
    const subtitle = sheet.addRow([report.subtitle]);
    sheet.mergeCells(2, 1, 2, width);
    subtitle.commit();
    const headings = sheet.addRow(report.headings);
    headings.font = { bold: true };
    headings.commit();
    for (const row of report.rows) sheet.addRow(row).commit();
    if (report.totals) {
      const totals = sheet.addRow(report.totals);
      totals.font = { bold: true };
      totals.commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => stream.destroy(error));
}

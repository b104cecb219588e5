/** Downloads in tests: a response body as bytes, and an .xlsx sheet's rows. */
import ExcelJS from 'exceljs';
import type { Test } from 'supertest';

/** The request with its body read as a Buffer (a PDF, a workbook), whatever its content type. */
export const binary = (request: Test) =>
  request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** The first sheet's rows, each as its cells' values from column A. */
export async function sheetRows(body: Buffer): Promise<Array<Array<string | number | null>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const rows: Array<Array<string | number | null>> = [];
  workbook.worksheets[0].eachRow({ includeEmpty: false }, (row) => rows.push((row.values as Array<string | number | null>).slice(1)));
  return rows;
}

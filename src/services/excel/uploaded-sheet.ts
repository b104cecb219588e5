/**
 * An uploaded file as a workbook: an .xlsx (a zip, whatever its name) or a .csv, UTF-8 or the
 * GB18030 that Excel writes on Chinese Windows. CSV cells stay text: a student number or an
 * 18-digit ID read as a number would lose digits.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fieldError } from '../field-error';
import type { UploadedSheet } from './import';

export interface UploadedFile extends UploadedSheet {
  mimetype?: string | null;
  size?: number;
}

/** Larger than 5,000 rows need; the body parser's own limit is far higher. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const NOT_A_SHEET = '文件不是 Excel 工作簿（.xlsx）或 CSV 文件，请使用下载的导入模板 (file: not an .xlsx or .csv spreadsheet)';

function looksLikeCsv(file: UploadedFile): boolean {
  return /\.csv$/i.test(file.originalFilename ?? '') || /^text\/(csv|plain)|application\/(csv|vnd\.ms-excel)/i.test(file.mimetype ?? '');
}

/** The text of a CSV file: UTF-8 (with or without BOM) when it is valid UTF-8, else GB18030. */
function csvText(bytes: Buffer): string {
  if (bytes.includes(0)) throw fieldError('file', NOT_A_SHEET);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function openUploadedSheet(file: UploadedFile | undefined): Promise<ExcelJS.Workbook> {
  if (!file?.filepath) throw fieldError('file', '请上传 .xlsx 或 .csv 文件（表单字段 file） (file: no file uploaded)');
  const bytes = await fs.promises.readFile(file.filepath);
  if (bytes.length === 0) throw fieldError('file', '文件是空的 (file: the file is empty)');
  if (bytes.length > MAX_FILE_BYTES) throw fieldError('file', '文件超过 10 MB (file: at most 10 MB)');
  const workbook = new ExcelJS.Workbook();
  try {
    if (bytes.subarray(0, 4).equals(ZIP)) await workbook.xlsx.load(bytes as never);
    else if (looksLikeCsv(file)) await workbook.csv.read(Readable.from([csvText(bytes)]), { map: (datum: string) => (datum === '' ? null : datum) } as never);
    else throw new Error('not a spreadsheet');
  } catch (error) {
    if (error instanceof Error && 'details' in error) throw error;
    throw fieldError('file', NOT_A_SHEET);
  }
  return workbook;
}

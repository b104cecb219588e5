/**
 * Admission from a filled template (issue 14): the sheet's rows go through the bulk admission
 * service (the same rules, numbering and audit as POST /api/students/admissions), all or none.
 * A sheet with any bad row writes nothing and comes back marked (marked-sheet.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import ExcelJS from 'exceljs';
import { checkAdmission } from '../../domain/admission';
import { MAX_ADMISSIONS_PER_REQUEST } from '../../domain/constants';
import { today } from '../clock';
import { fieldError } from '../field-error';
import { currentActor } from '../scope/actor';
import { admissionColumns, isAddedField, STUDENT } from './admission-columns';
import type { Column } from './columns';
import { cellAddress, markProblems } from './marked-sheet';
import { chineseReason } from './reasons';
import { fieldValue, readSheet, type CellProblem, type ParsedSheet } from './sheet-rows';
import { TEMPLATE_SHEET } from './template';

export interface UploadedSheet {
  filepath: string;
  originalFilename?: string | null;
}

type Admit = (rows: Record<string, unknown>[], actor: Awaited<ReturnType<typeof currentActor>>, after: (students: Array<{ documentId: string }>) => Promise<void>) => Promise<Array<{ documentId: string; studentNumber: string }>>;

async function openWorkbook(file: UploadedSheet | undefined): Promise<ExcelJS.Workbook> {
  if (!file?.filepath) throw fieldError('file', '请上传填好的导入模板（.xlsx 文件，表单字段 file） (no file uploaded)');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file.filepath);
  } catch {
    throw fieldError('file', '文件不是有效的 Excel 工作簿（.xlsx），请使用下载的导入模板 (not an .xlsx workbook)');
  }
  return workbook;
}

/** The classes the caller can see, by name: the read is scoped, so another department's class is not found. */
async function classesByName(strapi: Core.Strapi, names: string[]): Promise<Map<string, string[]>> {
  if (names.length === 0) return new Map();
  const found = (await strapi.documents('api::school-class.school-class' as never).findMany({ filters: { name: { $in: names } }, fields: ['name'] } as never)) as unknown as Array<{ documentId: string; name: string }>;
  const byName = new Map<string, string[]>();
  for (const c of found) byName.set(c.name, [...(byName.get(c.name) ?? []), c.documentId]);
  return byName;
}

interface Prepared {
  rows: Record<string, unknown>[];
  added: Record<string, unknown>[];
  problems: CellProblem[];
}

/** Cell values as admission rows; what a cell alone shows wrong, and what the pure rules find. */
async function prepareRows(strapi: Core.Strapi, parsed: ParsedSheet, columns: Column[]): Promise<Prepared> {
  const classes = await classesByName(strapi, [...new Set(parsed.rows.map((r) => r.values.schoolClass).filter((v): v is string => typeof v === 'string'))]);
  const prepared: Prepared = { rows: [], added: [], problems: [] };
  const date = today();
  for (const { rowNumber, values } of parsed.rows) {
    const row: Record<string, unknown> = {};
    const added: Record<string, unknown> = {};
    const flagged = new Set<string>();
    const flag = (field: string, reason: string) => (flagged.add(field), prepared.problems.push({ rowNumber, field, reason }));
    for (const [field, input] of Object.entries(values)) {
      const column = columns.find((c) => c.field === field) as Column;
      if (field === 'schoolClass') {
        const ids = classes.get(String(input)) ?? [];
        if (ids.length === 1) row.schoolClass = ids[0];
        else flag(field, ids.length === 0 ? `找不到班级「${input}」，或该班级不属于您的系部` : `班级名称「${input}」不唯一，请联系教务处`);
        continue;
      }
      const value = fieldValue(column, input);
      if ('reason' in value) flag(field, value.reason);
      else if (isAddedField(field)) added[field] = value.value;
      else row[field] = value.value;
    }
    const checked = checkAdmission(row, date);
    if (!checked.ok) {
      for (const p of checked.problems) if (!flagged.has(p.path[0])) flag(p.path[0], chineseReason(p.message, columns.find((c) => c.field === p.path[0]), headerOf(columns, p.path[0]), (i) => parsed.rows[i]?.rowNumber ?? i));
    }
    prepared.rows.push(row);
    prepared.added.push(added);
  }
  return prepared;
}

const headerOf = (columns: Column[], field: string) => columns.find((c) => c.field === field)?.header ?? field;

/** The admission service's 400 (rows named by index and field path) as problems of sheet cells. */
function serviceProblems(error: errors.ValidationError, parsed: ParsedSheet, columns: Column[]): CellProblem[] {
  const list = ((error.details as { errors?: Array<{ path: string[]; message: string }> })?.errors ?? []).filter((e) => e.path[0] === 'data');
  const rowNumberOf = (index: number) => parsed.rows[index]?.rowNumber ?? index;
  return list.map((e) => {
    const field = e.path[2] ?? 'name';
    return { rowNumber: rowNumberOf(Number(e.path[1])), field, reason: chineseReason(e.message, columns.find((c) => c.field === field), headerOf(columns, field), rowNumberOf) };
  });
}

/** The 400 of a sheet with bad rows: every problem named by cell, and the marked copy (base64). */
export async function rejectSheet(parsed: ParsedSheet, columns: Column[], problems: CellProblem[], filename: string, nothingWritten = '未导入任何学生'): Promise<never> {
  problems.sort((a, b) => a.rowNumber - b.rowNumber);
  markProblems(parsed, problems, (field) => headerOf(columns, field));
  const workbook = Buffer.from(await parsed.sheet.workbook.xlsx.writeBuffer()).toString('base64');
  const rows = new Set(problems.map((p) => p.rowNumber)).size;
  throw new errors.ValidationError(`${rows} 行有误（共 ${problems.length} 处），${nothingWritten}；请按标红的单元格和“错误原因”列修改后重新导入`, {
    errorCount: problems.length,
    rowCount: rows,
    errors: problems.map((p) => ({ path: ['data', String(p.rowNumber), p.field], row: p.rowNumber, column: headerOf(columns, p.field), cell: cellAddress(parsed, p), message: p.reason, name: 'ValidationError', value: null })),
    filename: `${filename.replace(/\.(xlsx|csv)$/i, '')}-错误标注.xlsx`,
    workbook,
  });
}

/** Admits every row of the sheet, or none: then a 400 carrying the marked sheet. */
export async function importAdmissions(strapi: Core.Strapi, file: UploadedSheet | undefined, admit: Admit) {
  const workbook = await openWorkbook(file);
  const columns = await admissionColumns(strapi);
  const parsed = readSheet(workbook, TEMPLATE_SHEET, columns, MAX_ADMISSIONS_PER_REQUEST);
  const prepared = await prepareRows(strapi, parsed, columns);
  const filename = file?.originalFilename || '新生名单.xlsx';
  if (prepared.problems.length > 0) return rejectSheet(parsed, columns, prepared.problems, filename);
  const actor = await currentActor(strapi);
  try {
    const admitted = await admit(prepared.rows, actor, (students) => writeAddedFields(strapi, students, prepared.added));
    return { data: admitted, meta: { count: admitted.length } };
  } catch (error) {
    if (error instanceof errors.ValidationError && serviceProblems(error, parsed, columns).length > 0) {
      return rejectSheet(parsed, columns, serviceProblems(error, parsed, columns), filename);
    }
    throw error;
  }
}

/** Fields an admin added, written to the just admitted students inside the admission's transaction. */
async function writeAddedFields(strapi: Core.Strapi, students: Array<{ documentId: string }>, added: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < students.length; i += 1) {
    if (Object.keys(added[i]).length === 0) continue;
    await strapi.db.query(STUDENT as never).update({ where: { documentId: students[i].documentId }, data: added[i] });
  }
}

/**
 * Finance's import (issue 16): a sheet (.xlsx or .csv) of fee statuses for one semester, matched
 * to students by number with the name checked, and written all or none in one transaction with one
 * audit line. A student already holding a status for the semester has it updated, never a second
 * row. A sheet with any bad row writes nothing and comes back marked (src/services/excel/import.ts).
 */
import type { Core } from '@strapi/strapi';
import { recordAudit } from '../../../services/audit/record';
import { withClientErrors } from '../../../services/database-errors';
import { rejectSheet } from '../../../services/excel/import';
import { readSheet, type CellProblem, type ParsedSheet } from '../../../services/excel/sheet-rows';
import { fieldError } from '../../../services/field-error';
import { currentActor, type Actor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';
import { openUploadedSheet, type UploadedFile } from '../../../services/excel/uploaded-sheet';
import { lockImports, upsertFeeStatuses } from '../repositories/fee-rows';
import { studentsByNumber } from '../repositories/students';
import { FEE_STATUS, IMPORT_COLUMNS, MAX_IMPORT_ROWS, OTHER_HEADERS, REQUIRED_FIELDS, SHEET_FIELDS, TEMPLATE_SHEET } from '../sheet/columns';
import { readFeeRow } from '../sheet/rows';
import { matchRows, type MatchedFeeRow } from '../sheet/students';
import { buildImportTemplate } from '../../../services/excel/import-template';

const WRITTEN_FIELDS = ['student', 'semester', 'status', 'amountOwed', 'note', 'source'];
const NOTHING_WRITTEN = '未导入任何缴费状态';
const SEMESTER_CODE = /^\d{4}-\d{4}-[12]$/;

interface Semester {
  id: number;
  code: string;
}

/** The semester the sheet is for, by its code (2026-2027-1); a 400 naming `semester` otherwise. */
async function semesterOf(strapi: Core.Strapi, code: unknown): Promise<Semester> {
  const text = typeof code === 'string' ? code.trim() : '';
  if (text === '') throw fieldError('semester', '请指定学期（表单字段 semester，如 2026-2027-1） (semester is required)');
  const found = SEMESTER_CODE.test(text)
    ? ((await withoutScope(() => strapi.db.query('api::semester.semester' as never).findOne({ where: { code: text }, select: ['id', 'code'] }))) as Semester | null)
    : null;
  if (!found) throw fieldError('semester', `校历中没有学期 ${text.slice(0, 20)} (no such semester)`);
  return found;
}

/** The sheet's rows with their students, and every problem of their cells and students. */
async function checkedRows(strapi: Core.Strapi, actor: Actor, parsed: ParsedSheet): Promise<{ matched: MatchedFeeRow[]; problems: CellProblem[] }> {
  const columns = IMPORT_COLUMNS.filter((c) => parsed.columnOf.has(c.field));
  const read = parsed.rows.map((row) => readFeeRow(row, columns));
  const problems = read.flatMap((r) => r.problems);
  const rows = read.map((r) => r.record);
  const numbers = [...new Set(rows.map((r) => r.studentNumber).filter((n) => n !== ''))];
  const students = await studentsByNumber(strapi, actor, numbers);
  return { matched: matchRows(rows, students, problems), problems };
}

async function write(strapi: Core.Strapi, actor: Actor, semester: Semester, matched: MatchedFeeRow[]) {
  return withClientErrors(() =>
    strapi.db.transaction(async ({ trx }) => {
      await lockImports(trx);
      // Row timestamps are the machine's, as Strapi's own writes (the school's clock dates business facts).
      const written = await upsertFeeStatuses(strapi, trx, semester.id, matched, new Date());
      const created = written.filter((w) => w.created).length;
      await recordAudit(
        strapi,
        { action: 'import', targetType: FEE_STATUS, fields: WRITTEN_FIELDS, reason: `缴费状态导入，学期 ${semester.code}：${written.length} 条（新增 ${created} 条，更新 ${written.length - created} 条）` },
        actor,
      );
      return written;
    }),
  );
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Imports every row of the file for the semester, or none: then a 400 naming each bad cell, with the marked copy. */
  async importFile(file: UploadedFile | undefined, semesterCode: unknown) {
    const semester = await semesterOf(strapi, semesterCode);
    const workbook = await openUploadedSheet(file);
    const parsed = readSheet(workbook, TEMPLATE_SHEET, [...IMPORT_COLUMNS], MAX_IMPORT_ROWS, { required: REQUIRED_FIELDS, otherHeaders: OTHER_HEADERS, rowsAre: { data: '缴费记录', counted: '条缴费记录' } });
    const actor = await currentActor(strapi);
    const { matched, problems } = await checkedRows(strapi, actor, parsed);
    if (problems.length > 0) return rejectSheet(parsed, [...IMPORT_COLUMNS], problems, file?.originalFilename || '缴费状态.xlsx', NOTHING_WRITTEN);
    const written = await write(strapi, actor, semester, matched);
    const byStudent = new Map(written.map((w) => [w.studentId, w]));
    const created = written.filter((w) => w.created).length;
    return {
      data: matched.map((m) => ({ documentId: byStudent.get(m.studentId)?.documentId, row: m.rowNumber, created: byStudent.get(m.studentId)?.created ?? false })),
      meta: { count: written.length, created, updated: written.length - created, semester: semester.code },
    };
  },

  /** The template: the headers with what to enter, and one example row. */
  async template(): Promise<Buffer> {
    return Buffer.from(await buildImportTemplate(TEMPLATE_SHEET, IMPORT_COLUMNS, SHEET_FIELDS).xlsx.writeBuffer());
  },
});

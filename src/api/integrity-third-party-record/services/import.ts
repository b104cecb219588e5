/**
 * The third party's import (issue 15): an agency's .xlsx or .csv of credit-card overdrafts and
 * phone bills, matched to students by number or national ID, checked row by row, and written all
 * or none in one transaction with one audit line. A sheet with any bad row writes nothing and
 * comes back marked, as the admission import does (src/services/excel/import.ts).
 */
import type { Core } from '@strapi/strapi';
import { now, today } from '../../../services/clock';
import { recordAudit } from '../../../services/audit/record';
import { withClientErrors } from '../../../services/database-errors';
import { rejectSheet } from '../../../services/excel/import';
import { readSheet, type CellProblem, type ParsedSheet } from '../../../services/excel/sheet-rows';
import { fieldError } from '../../../services/field-error';
import { currentActor, type Actor } from '../../../services/scope/actor';
import { newDocumentId } from '../../student/repositories/student-rows';
import { matchStudents } from '../repositories/students';
import { insertRecords, lockImports, recordsOnRecord, type ImportStamp } from '../repositories/third-party-rows';
import { importColumns, MAX_IMPORT_ROWS, OTHER_HEADERS, REQUIRED_FIELDS, SHEET_FIELDS, STUDENT_KEYS, TEMPLATE_SHEET, THIRD_PARTY } from '../sheet/columns';
import { openUploadedSheet, type UploadedFile } from '../../../services/excel/uploaded-sheet';
import { readRecordRow, type RowRecord } from '../sheet/rows';
import { matchRows, type MatchedRow } from '../sheet/students';
import { buildImportTemplate } from '../../../services/excel/import-template';

const WRITTEN_FIELDS = ['student', 'department', 'category', 'agency', 'occurredOn', 'amount', 'overdueDays', 'description', 'importBatch', 'importedBy', 'importedAt'];
const NOTHING_WRITTEN = '未导入任何记录';

/** The sheet's rows as records, with every problem of their cells and students. */
async function checkedRows(strapi: Core.Strapi, parsed: ParsedSheet): Promise<{ matched: MatchedRow[]; problems: CellProblem[] }> {
  const present = importColumns(strapi).filter((c) => parsed.columnOf.has(c.field));
  const date = today();
  const read = parsed.rows.map((row) => readRecordRow(row, present, date));
  const problems = read.flatMap((r) => r.problems);
  const bad = new Set(problems.map((p) => p.rowNumber));
  const rows = read.map((r) => r.record);
  const values = (pick: (row: RowRecord) => string | null) => [...new Set(rows.flatMap((row) => (bad.has(row.rowNumber) || pick(row) === null ? [] : [pick(row) as string])))];
  const matches = await matchStudents(strapi, values((row) => row.studentNumber), values((row) => row.nationalId));
  const matched = matchRows(rows, (row) => !bad.has(row.rowNumber), matches, problems);
  return { matched, problems };
}

/** Writes the rows, unless some are on record already: then their problems, and nothing written. */
async function write(strapi: Core.Strapi, actor: Actor, matched: MatchedRow[], problems: CellProblem[], stamp: ImportStamp): Promise<{ documentIds: string[] } | { problems: CellProblem[] }> {
  return withClientErrors(() =>
    strapi.db.transaction(async ({ trx }) => {
      await lockImports(trx);
      const repeated = matched.length === 0 ? [] : await recordsOnRecord(strapi, trx, matched.map((m) => m.record));
      const all = [...problems, ...repeated.map((i) => ({ rowNumber: matched[i].rowNumber, field: matched[i].keyField, reason: '已导入过相同的记录（同一学生、类别、机构、日期、金额和逾期天数）' }))];
      if (all.length > 0) return { problems: all };
      const documentIds = await insertRecords(strapi, trx, matched.map((m) => m.record), stamp);
      const byNationalId = matched.filter((m) => m.byNationalId).length;
      await recordAudit(
        strapi,
        { action: 'create', targetType: THIRD_PARTY, fields: WRITTEN_FIELDS, reason: `第三方记录导入，批次 ${stamp.importBatch}：${matched.length} 条（按学号匹配 ${matched.length - byNationalId} 条，按身份证号匹配 ${byNationalId} 条）` },
        actor,
      );
      return { documentIds };
    }),
  );
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Imports every row of the file, or none: then a 400 naming each bad cell, with the marked copy. */
  async importFile(file: UploadedFile | undefined) {
    const workbook = await openUploadedSheet(file);
    const columns = importColumns(strapi);
    const parsed = readSheet(workbook, TEMPLATE_SHEET, columns, MAX_IMPORT_ROWS, { required: REQUIRED_FIELDS, otherHeaders: OTHER_HEADERS, rowsAre: { data: '记录', counted: '条记录' } });
    if (!STUDENT_KEYS.some((field) => parsed.columnOf.has(field))) throw fieldError('file', '表头须有“学号”或“身份证号”列，用来找到学生；请使用下载的导入模板 (file: a 学号 or 身份证号 column is required)');
    const { matched, problems } = await checkedRows(strapi, parsed);
    const actor = await currentActor(strapi);
    const stamp: ImportStamp = { importBatch: `${today().replace(/-/g, '')}-${newDocumentId().slice(0, 10)}`, importedBy: actor.label.slice(0, 100), importedAt: now() };
    const written = await write(strapi, actor, matched, problems, stamp);
    if ('problems' in written) return rejectSheet(parsed, columns, written.problems, file?.originalFilename || '第三方诚信记录.xlsx', NOTHING_WRITTEN);
    const { documentIds } = written;
    return {
      data: matched.map((m, i) => ({ documentId: documentIds[i], row: m.rowNumber })),
      meta: { count: documentIds.length, importBatch: stamp.importBatch, importedAt: stamp.importedAt.toISOString() },
    };
  },

  /** The template: the headers with what to enter, and one example row. */
  async template(): Promise<Buffer> {
    return Buffer.from(await buildImportTemplate(TEMPLATE_SHEET, importColumns(strapi), SHEET_FIELDS).xlsx.writeBuffer());
  },
});

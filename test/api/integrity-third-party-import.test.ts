/**
 * The third party's import (issue 15, docs/integrity-third-party-import.md): an agency's .xlsx or
 * .csv matched to students by number or national ID, all rows or none, the bad cells named in the
 * 400 and marked in the returned copy; the records then seen by the student's department and the
 * student, not by another department; only staff whose role may create them may import.
 */
import ExcelJS from 'exceljs';
import { schoolDate, setClock } from '../../src/services/clock';
import { createClassTree, fakeNationalId, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent, studentWithLogin } from '../factories/status-changes';
import { binary } from '../helpers/binary';
import { startStrapi, type TestApp } from '../helpers/strapi';

const THIRD_PARTY = 'api::integrity-third-party-record.integrity-third-party-record';
const IMPORT = '/api/integrity-third-party-records/import';
const TEMPLATE = '/api/integrity-third-party-records/import-template';
const LIST = '/api/integrity-third-party-records';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['学号', '身份证号', '类别', '机构', '日期', '金额', '逾期天数', '说明'];

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let studentAffairs: StaffActor;
let manager: StaffActor;
let otherManager: StaffActor;
let student: Awaited<ReturnType<typeof studentWithLogin>>;
let classmate: Awaited<ReturnType<typeof activeStudent>> & { nationalId: string };
let elsewhere: Awaited<ReturnType<typeof activeStudent>> & { nationalId: string };
let agencyCount = 0;

beforeAll(async () => {
  setClock('2026-11-20T10:00:00+08:00');
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  studentAffairs = await createStaff(app, { adminRole: 'student-affairs', office: 'student-affairs' });
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  otherManager = await createStaff(app, { adminRole: 'department-manager', department: theirs.department.documentId });
  student = await studentWithLogin(app, ours.schoolClass.documentId);
  const nationalId = fakeNationalId();
  classmate = { ...(await activeStudent(app, ours.schoolClass.documentId, { nationalId })), nationalId };
  const elsewhereId = fakeNationalId();
  elsewhere = { ...(await activeStudent(app, theirs.schoolClass.documentId, { nationalId: elsewhereId })), nationalId: elsewhereId };
});
afterAll(async () => {
  setClock(null);
  await app.stop();
});

/** An agency name no other test uses: each test's rows are its own. */
const agency = () => `测试银行${(agencyCount += 1)}-${Math.random().toString(36).slice(2, 6)}`;

async function sheetOf(rows: Array<Array<ExcelJS.CellValue>>, headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('第三方诚信记录');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = (auth: string, body: Buffer, filename = '征信记录.xlsx', contentType = XLSX) =>
  app.http.post(IMPORT).set('Authorization', auth).attach('file', body, { filename, contentType });

const recordsOf = (where: Record<string, unknown>) =>
  app.strapi.db.query(THIRD_PARTY).findMany({ where, populate: { student: { select: ['id'] }, department: { select: ['id', 'documentId'] } } }) as Promise<Array<Record<string, any>>>;
const tableCount = async () => Number((await app.strapi.db.connection.raw('SELECT count(*) AS n FROM integrity_third_party_records')).rows[0].n);
const departmentId = async (tree: ClassTree) => ((await app.strapi.db.query('api::department.department').findOne({ where: { documentId: tree.department.documentId } })) as { id: number }).id;
const listed = async (auth: string, batch: string) =>
  (await app.http.get(`${LIST}?filters[importBatch][$eq]=${batch}&pagination[pageSize]=100`).set('Authorization', auth)).body.data?.map((r: { documentId: string }) => r.documentId).sort();

async function markedSheet(details: { workbook: string }): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(details.workbook, 'base64') as never);
  return workbook.worksheets[0];
}

describe('a good file', () => {
  test('an .xlsx writes every row to its student and department, seen by that department and the student only', async () => {
    // Given a sheet of two records of two students of one department
    const bank = agency();
    const body = await sheetOf([
      [student.studentNumber, null, '信用卡透支', bank, new Date(Date.UTC(2026, 9, 1)), 1250.5, 45, '逾期未还'],
      [classmate.studentNumber, null, '话费', bank, '2026/9/3', '86.20', 0, null],
    ]);
    // When student affairs imports it
    const response = await upload(studentAffairs.api, body);
    // Then both rows are written with their student, department, batch, importer and time
    expect(response.status).toBe(201);
    expect(response.body.meta.count).toBe(2);
    const batch = response.body.meta.importBatch as string;
    const rows = await recordsOf({ importBatch: batch });
    const ownDepartment = await departmentId(ours);
    const byStudent = Object.fromEntries(rows.map((r) => [r.student.id, r]));
    expect(byStudent[student.id]).toMatchObject({ category: 'credit-card', agency: bank, occurredOn: '2026-10-01', overdueDays: 45, description: '逾期未还', departmentScope: ownDepartment, importedBy: studentAffairs.email });
    expect(Number(byStudent[student.id].amount)).toBe(1250.5);
    expect(byStudent[classmate.id]).toMatchObject({ category: 'phone-bill', occurredOn: '2026-09-03', overdueDays: 0, description: null, departmentScope: ownDepartment });
    expect(rows.map((r) => r.department?.id)).toEqual([ownDepartment, ownDepartment]);
    expect(rows.map((r) => schoolDate(new Date(r.importedAt)))).toEqual(['2026-11-20', '2026-11-20']);
    expect(response.body.data.map((d: { documentId: string }) => d.documentId).sort()).toEqual(rows.map((r) => r.documentId).sort());
    // and one audit line names the import
    const audit = (await app.strapi.db.connection.raw("SELECT * FROM audit_logs WHERE action = 'create' AND target_type = ? AND reason LIKE ?", [THIRD_PARTY, `%${batch}%`])).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].reason).toContain('2 条');
    // and the department's manager sees them, another department's does not, the student sees their own
    const all = rows.map((r) => r.documentId).sort();
    expect(await listed(manager.api, batch)).toEqual(all);
    expect(await listed(otherManager.api, batch)).toEqual([]);
    expect(await listed(student.api, batch)).toEqual([byStudent[student.id].documentId]);
  });

  test('a .csv with English headers, a BOM and text cells is read as the sheet is', async () => {
    // Given a UTF-8 CSV as a spreadsheet program saves it, with the fields' own names as headers
    const bank = agency();
    const csv = `\ufeffstudentNumber,category,agency,occurredOn,amount,overdueDays,description\n${student.studentNumber},phone-bill,${bank},2026-08-15,"1,020.00",12,"欠费，已催缴"\n`;
    // When it is imported
    const response = await upload(studentAffairs.api, Buffer.from(csv), '话费.csv', 'text/csv');
    // Then the row is written as the sheet says
    expect(response.status).toBe(201);
    const [row] = await recordsOf({ importBatch: response.body.meta.importBatch });
    expect(row).toMatchObject({ category: 'phone-bill', agency: bank, occurredOn: '2026-08-15', overdueDays: 12, description: '欠费，已催缴' });
    expect(row.student.id).toBe(student.id);
    expect(Number(row.amount)).toBe(1020);
  });

  test('a .csv in GB18030, as Excel saves it on Chinese Windows, is read in Chinese', async () => {
    // Given "学号,类别,机构,日期,说明" and ",话费,中国联通,2026-10-01,停机欠费" in GB18030 bytes
    const header = Buffer.from('d1a7bac52cc0e0b1f02cbbfab9b92cc8d5c6da2ccbb5c3f70a', 'hex');
    const rest = Buffer.from('2cbbb0b7d12cd6d0b9fac1aacda82c323032362d31302d30312ccda3bbfac7b7b7d10a', 'hex');
    // When it is imported
    const response = await upload(studentAffairs.api, Buffer.concat([header, Buffer.from(student.studentNumber), rest]), '联通.csv', 'text/csv');
    // Then the row is written with its Chinese text intact
    expect(response.status).toBe(201);
    const [row] = await recordsOf({ importBatch: response.body.meta.importBatch });
    expect(row).toMatchObject({ category: 'phone-bill', agency: '中国联通', description: '停机欠费' });
  });

  test('a row with the national ID only is matched by its blind index', async () => {
    // Given a row naming the student by national ID, lower-case x or not
    const bank = agency();
    const body = await sheetOf([[null, classmate.nationalId.toLowerCase(), '信用卡透支', bank, '2026-07-01', 300, 10, null]]);
    // When it is imported
    const response = await upload(studentAffairs.api, body);
    // Then it belongs to that student
    expect(response.status).toBe(201);
    const [row] = await recordsOf({ importBatch: response.body.meta.importBatch });
    expect(row.student.id).toBe(classmate.id);
  });

  test('the template has the headers and an example row, and reads back as a sheet the import knows', async () => {
    // Given the template
    const template = await binary(app.http.get(TEMPLATE).set('Authorization', studentAffairs.api));
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as never);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell('C2').value).toBe('信用卡透支');
    // When its example row is replaced by a real student's and imported
    sheet.getCell('A2').value = student.studentNumber;
    sheet.getCell('D2').value = agency();
    const response = await upload(studentAffairs.api, Buffer.from(await workbook.xlsx.writeBuffer()));
    // Then it is written
    expect(response.status).toBe(201);
    expect(response.body.meta.count).toBe(1);
  });
});

describe('the limit', () => {
  test('5,000 rows are written in one request, by number and by national ID alike; 5,001 are a 400 naming file', async () => {
    // Given 5,000 rows of two students, half of them named by national ID
    const bank = agency();
    const rows = Array.from({ length: 5000 }, (_, i) =>
      i % 2 === 0 ? [student.studentNumber, null, '信用卡透支', bank, '2026-10-01', i / 100, i, null] : [null, classmate.nationalId, '话费', bank, '2026-10-02', i / 100, i, null],
    );
    // When they are imported
    const response = await upload(studentAffairs.api, await sheetOf(rows));
    // Then every one is written to its student
    expect(response.status).toBe(201);
    expect(response.body.meta.count).toBe(5000);
    const counts = (await app.strapi.db.connection.raw(
      'SELECT l.student_id, count(*)::int AS n FROM integrity_third_party_records r JOIN integrity_third_party_records_student_lnk l ON l.integrity_third_party_record_id = r.id WHERE r.import_batch = ? GROUP BY l.student_id',
      [response.body.meta.importBatch],
    )).rows;
    expect(Object.fromEntries(counts.map((c: { student_id: number; n: number }) => [c.student_id, c.n]))).toEqual({ [student.id]: 2500, [classmate.id]: 2500 });
    // and one more row is too many
    const tooMany = await upload(studentAffairs.api, await sheetOf([...rows, [student.studentNumber, null, '话费', agency(), '2026-10-01', 1, 1, null]]));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.errors[0].path).toEqual(['file']);
  });
});

describe('a bad file writes nothing', () => {
  test('one bad row among good ones: the 400 names its row and columns, and the returned copy marks the cells', async () => {
    // Given three rows, the second with an unknown category and a negative amount
    const before = await tableCount();
    const bank = agency();
    const body = await sheetOf([
      [student.studentNumber, null, '信用卡透支', bank, '2026-10-01', 100, 1, null],
      [classmate.studentNumber, null, '房贷', bank, '2026-10-02', -5, 1, null],
      [student.studentNumber, null, '话费', bank, '2026-10-03', 20, 1, null],
    ]);
    // When it is imported
    const response = await upload(studentAffairs.api, body, '十月.xlsx');
    // Then nothing is written, and the 400 names row 3's 类别 and 金额 and nothing else
    expect(response.status).toBe(400);
    expect(await tableCount()).toBe(before);
    const { error } = response.body;
    expect(error.message).toMatch(/1 行有误.*未导入任何记录/);
    const named = error.details.errors.map((e: { row: number; column: string; cell: string }) => `${e.row}:${e.column}:${e.cell}`).sort();
    expect(named).toEqual(['3:类别:C3', '3:金额:F3']);
    expect(error.details.errors.map((e: { path: string[] }) => e.path)).toEqual(expect.arrayContaining([['data', '3', 'category'], ['data', '3', 'amount']]));
    // and the copy comes back with those cells marked and the reasons in their row
    expect(error.details.filename).toBe('十月-错误标注.xlsx');
    const marked = await markedSheet(error.details);
    expect((marked.getCell('C3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect((marked.getCell('F3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect((marked.getCell('C2').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    const reasons = (marked.getRow(1).values as unknown[]).indexOf('错误原因');
    expect(String(marked.getCell(3, reasons).value)).toContain('类别须为以下之一：信用卡透支、话费');
    expect(marked.getCell(2, reasons).value).toBeNull();
  });

  test('an unknown student number is a bad row naming 学号; an unknown national ID names 身份证号 without repeating it', async () => {
    const before = await tableCount();
    const unknownId = fakeNationalId();
    const body = await sheetOf([
      [student.studentNumber, null, '话费', agency(), '2026-10-01', 10, 0, null],
      ['209901019999', null, '话费', agency(), '2026-10-01', 10, 0, null],
      [null, unknownId, '话费', agency(), '2026-10-01', 10, 0, null],
    ]);
    const response = await upload(studentAffairs.api, body);
    expect(response.status).toBe(400);
    expect(await tableCount()).toBe(before);
    const cells = Object.fromEntries(response.body.error.details.errors.map((e: { cell: string; message: string }) => [e.cell, e.message]));
    expect(Object.keys(cells).sort()).toEqual(['A3', 'B4']);
    expect(cells.A3).toContain('找不到学号为 209901019999 的学生');
    expect(cells.B4).toContain('找不到此身份证号的学生');
    expect(JSON.stringify(response.body)).not.toContain(unknownId);
  });

  test('a student number and a national ID of two different students is a bad row', async () => {
    const body = await sheetOf([[student.studentNumber, classmate.nationalId, '话费', agency(), '2026-10-01', 10, 0, null]]);
    const response = await upload(studentAffairs.api, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ cell: 'B2', message: expect.stringContaining('不是同一名学生') })]);
  });

  test('the same file sent twice: the second time every row is named as on record already, and nothing is written', async () => {
    const body = await sheetOf([[student.studentNumber, null, '信用卡透支', agency(), '2026-10-05', 99.9, 3, null]]);
    expect((await upload(studentAffairs.api, body)).status).toBe(201);
    const before = await tableCount();
    const again = await upload(studentAffairs.api, body);
    expect(again.status).toBe(400);
    expect(await tableCount()).toBe(before);
    expect(again.body.error.details.errors).toEqual([expect.objectContaining({ cell: 'A2', message: expect.stringContaining('已导入过相同的记录') })]);
  });

  test('a student whose integrity archive is closed gets no more records', async () => {
    const leaver = await activeStudent(app, ours.schoolClass.documentId);
    await app.strapi.db.connection.raw("UPDATE integrity_archives SET state = 'closed' WHERE student_key = ?", [leaver.id]);
    const response = await upload(studentAffairs.api, await sheetOf([[leaver.studentNumber, null, '话费', agency(), '2026-10-01', 10, 0, null]]));
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0]).toMatchObject({ cell: 'A2', message: expect.stringContaining('诚信档案已关闭') });
  });

  test.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), '扫描件.pdf', 'application/pdf', '不是 Excel 工作簿'],
    ['an .xlsx that is not one', Buffer.from('PK\u0003\u0004 not really a zip'), '假的.xlsx', XLSX, '不是 Excel 工作簿'],
    ['a CSV without the student columns', Buffer.from('类别,机构,日期\n话费,移动,2026-10-01\n'), '缺列.csv', 'text/csv', '学号'],
    ['a CSV with unknown headers', Buffer.from('姓名,欠款\n张三,100\n'), '乱表.csv', 'text/csv', '模板中没有的列'],
  ])('%s is a 400 naming file', async (_, body, filename, contentType, message) => {
    const before = await tableCount();
    const response = await upload(studentAffairs.api, body, filename, contentType);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['file']);
    expect(response.body.error.message).toContain(message);
    expect(await tableCount()).toBe(before);
  });

  test('no file is a 400 naming file', async () => {
    const response = await app.http.post(IMPORT).set('Authorization', studentAffairs.api).send({});
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['file']);
  });
});

describe('who may import', () => {
  test.each([
    ['a department manager', () => manager.api],
    ['a student', () => student.api],
  ])('%s gets 403 for the import and the template, and nothing is written', async (_, auth) => {
    const before = await tableCount();
    const body = await sheetOf([[elsewhere.studentNumber, null, '话费', agency(), '2026-10-01', 10, 0, null]]);
    expect((await upload(auth(), body)).status).toBe(403);
    expect((await app.http.get(TEMPLATE).set('Authorization', auth())).status).toBe(403);
    expect(await tableCount()).toBe(before);
  });

  test('a role given create on the records imports only for the students its scope reaches', async () => {
    // Given the department managers' role given 新建 on third-party records, as an admin could
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-manager' } })) as { id: number };
    const grant = (await app.strapi.db.query('admin::permission').create({
      data: { action: 'plugin::content-manager.explorer.create', subject: THIRD_PARTY, role: role.id, properties: {}, conditions: [] },
    })) as { id: number };
    try {
      // When a manager imports rows of their own student and of another department's, by number and by ID
      const bank = agency();
      const mixed = await upload(manager.api, await sheetOf([
        [student.studentNumber, null, '话费', bank, '2026-10-01', 10, 0, null],
        [elsewhere.studentNumber, null, '话费', bank, '2026-10-01', 10, 0, null],
        [null, elsewhere.nationalId, '话费', bank, '2026-10-02', 10, 0, null],
      ]));
      // Then the other department's student is not found either way, and nothing is written
      expect(mixed.status).toBe(400);
      expect(mixed.body.error.details.errors.map((e: { cell: string }) => e.cell).sort()).toEqual(['A3', 'B4']);
      // and their own student's row alone is written
      const own = await upload(manager.api, await sheetOf([[student.studentNumber, null, '话费', bank, '2026-10-01', 10, 0, null]]));
      expect(own.status).toBe(201);
    } finally {
      await app.strapi.db.query('admin::permission').delete({ where: { id: grant.id } });
    }
  });

  test('records are not written through the Content Manager, REST or GraphQL, only imported', async () => {
    const imported = await upload(studentAffairs.api, await sheetOf([[student.studentNumber, null, '话费', agency(), '2026-10-01', 10, 0, null]]));
    const documentId = imported.body.data[0].documentId as string;
    const cm = `/content-manager/collection-types/${THIRD_PARTY}`;
    const created = await app.http.post(cm).set('Authorization', studentAffairs.admin).send({ category: 'phone-bill', agency: '手工', occurredOn: '2026-10-01' });
    const edited = await app.http.put(`${cm}/${documentId}`).set('Authorization', studentAffairs.admin).send({ agency: '改过' });
    expect([created.status, edited.status]).toEqual([403, 403]);
    expect((await recordsOf({ documentId }))[0].agency).not.toBe('改过');
    expect(await recordsOf({ agency: '手工' })).toEqual([]);
    const rest = await app.http.post(LIST).set('Authorization', app.auth).send({ data: { category: 'phone-bill', agency: 'x', occurredOn: '2026-10-01' } });
    expect([404, 405]).toContain(rest.status);
    const graphql = await app.http.post('/graphql').set('Authorization', app.auth).send({ query: 'mutation { createIntegrityThirdPartyRecord(data: { agency: "x" }) { documentId } }' });
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

/**
 * Finance's fee status per student and semester (issue 16, docs/fee-status.md): written by hand in
 * the Content Manager and through REST with the keys the registration conditions read set by the
 * system; read by academic affairs and finance school-wide, by a department for its students, by
 * a student for themselves; never deleted; imported from .xlsx or .csv all or none.
 */
import ExcelJS from 'exceljs';
import { conditionsOf } from '../../src/api/registration/services/conditions';
import { loadRegistration } from '../../src/api/registration/repositories/registration-rows';
import { setClock } from '../../src/services/clock';
import { SUPER_ADMIN_ROLE } from '../../src/domain/permissions';
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { createSemester, openSemester, registrationOf, type TestSemester } from '../factories/registration';
import { activeStudent, studentWithLogin } from '../factories/status-changes';
import { binary, sheetRows } from '../helpers/binary';
import { startStrapi, type TestApp } from '../helpers/strapi';

const FEE_STATUS = 'api::fee-status.fee-status';
const CM = `/content-manager/collection-types/${FEE_STATUS}`;
const REST = '/api/fee-statuses';
const IMPORT = '/api/fee-statuses/import';
const TEMPLATE = '/api/fee-statuses/import-template';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['学号', '姓名', '缴费状态', '欠费金额', '备注'];

interface Student {
  id: number;
  documentId: string;
  studentNumber: string;
  name: string;
}

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let finance: StaffActor;
let academicAffairs: StaffActor;
let manager: StaffActor;
let otherManager: StaffActor;
let superAdmin: StaffActor;
let student: Student & { api: string };
let classmate: Student;
let elsewhere: Student;

async function withName(created: { id: number; documentId: string; studentNumber: string }): Promise<Student> {
  const row = (await app.strapi.db.query('api::student.student').findOne({ where: { id: created.id }, select: ['name'] })) as { name: string };
  return { id: created.id, documentId: created.documentId, studentNumber: created.studentNumber, name: row.name };
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  finance = await createStaff(app, { adminRole: 'finance', office: 'finance' });
  academicAffairs = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  otherManager = await createStaff(app, { adminRole: 'department-manager', department: theirs.department.documentId });
  superAdmin = await createStaff(app, { adminRole: SUPER_ADMIN_ROLE, office: 'academic-affairs' });
  const withLogin = await studentWithLogin(app, ours.schoolClass.documentId);
  student = { ...(await withName(withLogin)), api: withLogin.api };
  classmate = await withName(await activeStudent(app, ours.schoolClass.documentId));
  elsewhere = await withName(await activeStudent(app, theirs.schoolClass.documentId));
});
afterAll(async () => {
  setClock(null);
  await app.stop();
});

const stored = (where: Record<string, unknown>) => app.strapi.db.connection('fee_statuses').where(where).select('*') as Promise<Array<Record<string, any>>>;
const departmentId = async (tree: ClassTree) => ((await app.strapi.db.query('api::department.department').findOne({ where: { documentId: tree.department.documentId } })) as { id: number }).id;
const errorPaths = (body: any): string[] => (body.error?.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'));

function cmCreate(auth: string, fields: Record<string, unknown>) {
  return app.http.post(CM).set('Authorization', auth).send(fields);
}

function restCreate(auth: string, data: Record<string, unknown>) {
  return app.http.post(REST).set('Authorization', auth).send({ data });
}

const relations = (who: Student, semester: TestSemester) => ({ student: who.documentId, semester: semester.documentId });

/** A status written as the system, for tests about reading and refusing. */
async function systemFee(who: Student, semester: TestSemester, status = 'paid'): Promise<string> {
  const created = (await app.strapi.documents(FEE_STATUS as never).create({ data: { ...relations(who, semester), status } as never })) as unknown as { documentId: string };
  return created.documentId;
}

async function sheetOf(rows: Array<Array<ExcelJS.CellValue>>, headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('缴费状态');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = (auth: string, body: Buffer, semester: string | null, filename = '缴费状态.xlsx', contentType = XLSX) => {
  const request = app.http.post(IMPORT).set('Authorization', auth);
  if (semester !== null) request.field('semester', semester);
  return request.attach('file', body, { filename, contentType });
};

describe('written by hand', () => {
  test('finance creates one in the Content Manager: the keys, department and source come from the student and semester', async () => {
    // Given a semester and a student of our department
    const semester = await createSemester(app);
    // When finance saves the Content Manager's form for them, as owing 1,200.50
    const response = await cmCreate(finance.admin, {
      student: { connect: [{ documentId: classmate.documentId }] },
      semester: { connect: [{ documentId: semester.documentId }] },
      status: 'owing',
      amountOwed: 1200.5,
      note: '学费未缴',
      source: 'manual',
    });
    // Then the row carries the status, and the keys the registration conditions read
    expect(response.status).toBe(201);
    const [row] = await stored({ document_id: response.body.data.documentId });
    expect(row).toMatchObject({ status: 'owing', note: '学费未缴', source: 'manual', student_key: classmate.id, semester_key: semester.id, department_scope: await departmentId(ours) });
    expect(Number(row.amount_owed)).toBe(1200.5);
    expect(response.body.data.status).toBe('owing');
  });

  test('finance\'s student picker finds a student of any department by the full student number, not by a browse', async () => {
    // Given finance, whose own scope reaches no student records
    const picker = (q: string) => app.http.get(`/content-manager/relations/${FEE_STATUS}/student?pageSize=10&_q=${q}`).set('Authorization', finance.admin);
    // When finance types another department's student's number, a part of it, or nothing
    const exact = await picker(elsewhere.studentNumber);
    // Then the full number finds that student only; the rest finds nobody
    expect(exact.status).toBe(200);
    expect(exact.body.results.map((r: { documentId: string }) => r.documentId)).toEqual([elsewhere.documentId]);
    expect((await picker(elsewhere.studentNumber.slice(0, 8))).body.results).toEqual([]);
    expect((await picker('')).body.results).toEqual([]);
  });

  test('finance edits one in the Content Manager: the status changes, and an imported row becomes manual', async () => {
    // Given an imported status of owing
    const semester = await createSemester(app);
    const imported = await upload(finance.api, await sheetOf([[classmate.studentNumber, classmate.name, '欠费', 800, null]]), semester.code);
    expect(imported.status).toBe(201);
    const documentId = imported.body.data[0].documentId as string;
    // When finance saves the edit form with the status paid (the form sends back every field it read)
    const form = (await app.http.get(`${CM}/${documentId}`).set('Authorization', finance.admin)).body.data;
    const response = await app.http.put(`${CM}/${documentId}`).set('Authorization', finance.admin).send({ status: 'paid', amountOwed: null, note: form.note, source: form.source, student: { connect: [], disconnect: [] }, semester: { connect: [], disconnect: [] } });
    // Then the row is paid, written by hand, still on the same student and semester
    expect(response.status).toBe(200);
    const [row] = await stored({ document_id: documentId });
    expect(row).toMatchObject({ status: 'paid', amount_owed: null, source: 'manual', student_key: classmate.id, semester_key: semester.id });
  });

  test('finance creates and edits one through REST, and the registration\'s fee condition follows each status', async () => {
    // Given a semester opened for registration, with our student expected
    const semester = await createSemester(app);
    setClock(`${semester.code.slice(0, 4)}-08-25T10:00:00+08:00`);
    expect((await openSemester(app, academicAffairs.api, semester.code)).status).toBe(200);
    const registration = await loadRegistration(app.strapi, (await registrationOf(app, student.id, semester.id)).documentId);
    // When finance records the student as owing
    const created = await restCreate(finance.api, { ...relations(student, semester), status: 'owing', amountOwed: 3000 });
    expect(created.status).toBe(201);
    // Then the fee condition fails with finance's reason
    expect((await conditionsOf(app.strapi, registration)).find((c) => c.code === 'fees')).toMatchObject({ ok: false, reason: expect.stringContaining('欠费') });
    // And when finance changes it to aid through REST
    const updated = await app.http.put(`${REST}/${created.body.data.documentId}`).set('Authorization', finance.api).send({ data: { status: 'aid', amountOwed: 3000, note: '缓交' } });
    expect(updated.status).toBe(200);
    // Then the condition passes, and the keys are unchanged
    expect((await conditionsOf(app.strapi, registration)).find((c) => c.code === 'fees')).toMatchObject({ ok: true });
    const [row] = await stored({ document_id: created.body.data.documentId });
    expect(row).toMatchObject({ status: 'aid', student_key: student.id, semester_key: semester.id, department_scope: await departmentId(ours), source: 'manual' });
  });

  test('finance creates one through GraphQL with the keys set by the system; naming a key is refused', async () => {
    // Given a semester
    const semester = await createSemester(app);
    const query = (extra: string) => `mutation { createFeeStatus(data: { student: "${elsewhere.documentId}", semester: "${semester.documentId}", status: owing, amountOwed: 50${extra} }) { documentId status } }`;
    // When finance first names studentKey, then sends the status alone
    const withKey = await app.http.post('/graphql').set('Authorization', finance.api).send({ query: query(', studentKey: 1') });
    const keysAfterRefusal = await stored({ semester_key: semester.id });
    const created = await app.http.post('/graphql').set('Authorization', finance.api).send({ query: query('') });
    // Then the first is refused naming the field and writes nothing; the second is stored with the keys of the student and semester
    expect(withKey.body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(JSON.stringify(withKey.body.errors)).toContain('studentKey');
    expect(keysAfterRefusal).toEqual([]);
    expect(created.body.errors).toBeUndefined();
    const [row] = await stored({ document_id: created.body.data.createFeeStatus.documentId });
    expect(row).toMatchObject({ status: 'owing', student_key: elsewhere.id, semester_key: semester.id, department_scope: await departmentId(theirs), source: 'manual' });
  });

  test('changing the student of a status moves its keys and department with it', async () => {
    // Given finance's status for our student
    const semester = await createSemester(app);
    const created = await restCreate(finance.api, { ...relations(classmate, semester), status: 'paid' });
    // When finance puts it on another department's student
    const response = await app.http.put(`${REST}/${created.body.data.documentId}`).set('Authorization', finance.api).send({ data: { student: elsewhere.documentId } });
    // Then the keys and the department are that student's
    expect(response.status).toBe(200);
    const [row] = await stored({ document_id: created.body.data.documentId });
    expect(row).toMatchObject({ student_key: elsewhere.id, semester_key: semester.id, department_scope: await departmentId(theirs) });
  });

  test.each([
    ['studentKey', 1],
    ['semesterKey', 1],
    ['departmentScope', 1],
    ['source', 'import'],
  ])('a writer setting %s is refused (400 naming it), and nothing is written', async (field, value) => {
    // Given a semester without statuses
    const semester = await createSemester(app);
    // When finance sends the field on a new status through REST
    const response = await restCreate(finance.api, { ...relations(classmate, semester), status: 'paid', [field]: value });
    // Then the answer names the field, and no row was written
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain(field);
    expect(await stored({ semester_key: semester.id })).toEqual([]);
  });

  test('a writer setting the keys on an update through the admin is refused, and the row keeps its keys', async () => {
    // Given a status of our student
    const semester = await createSemester(app);
    const documentId = await systemFee(classmate, semester);
    // When the super admin's form sends the source as import
    const response = await app.http.put(`${CM}/${documentId}`).set('Authorization', superAdmin.admin).send({ status: 'paid', source: 'import' });
    // Then it is a 400 naming source, and the row is as it was
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['source']);
    const [row] = await stored({ document_id: documentId });
    expect(row).toMatchObject({ source: 'manual', student_key: classmate.id });
  });

  test.each([
    [{ status: 'owing' }, 'owing without an amount'],
    [{ status: 'owing', amountOwed: 0 }, 'owing nothing'],
    [{ status: 'paid', amountOwed: 300 }, 'paid with an amount owed'],
    [{ status: 'aid', amountOwed: -1 }, 'a negative amount'],
  ])('%j is refused (%s): 400 naming amountOwed', async (fields) => {
    const semester = await createSemester(app);
    const response = await restCreate(finance.api, { ...relations(classmate, semester), ...fields });
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toContain('amountOwed');
    expect(await stored({ semester_key: semester.id })).toEqual([]);
  });

  test.each(['student', 'semester'])('a status without its %s is a 400 naming it', async (missing) => {
    const semester = await createSemester(app);
    const data: Record<string, unknown> = { ...relations(classmate, semester), status: 'paid' };
    delete data[missing];
    const response = await restCreate(finance.api, data);
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual([missing]);
  });

  test('a second status for the same student and semester is a 400 naming student', async () => {
    // Given a status of our student for the semester
    const semester = await createSemester(app);
    await systemFee(classmate, semester);
    // When finance creates another
    const response = await restCreate(finance.api, { ...relations(classmate, semester), status: 'owing', amountOwed: 10 });
    // Then it is refused, and the first one stays alone
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['student']);
    expect(await stored({ semester_key: semester.id })).toHaveLength(1);
  });

  test('nobody deletes a fee status, not even a super admin: 403 in the admin, no such mutation in GraphQL, and the row stays', async () => {
    // Given a status
    const semester = await createSemester(app);
    const documentId = await systemFee(classmate, semester);
    // When the super admin deletes it in the Content Manager and through GraphQL, and finance in the Content Manager
    const admin = await app.http.delete(`${CM}/${documentId}`).set('Authorization', superAdmin.admin);
    const graphql = await app.http.post('/graphql').set('Authorization', superAdmin.api).send({ query: `mutation { deleteFeeStatus(documentId: "${documentId}") { documentId } }` });
    const byFinance = await app.http.delete(`${CM}/${documentId}`).set('Authorization', finance.admin);
    // Then each is refused, and the row is still there
    expect(admin.status).toBe(403);
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(graphql.body.errors)).toContain('deleteFeeStatus');
    expect(byFinance.status).toBe(403);
    expect(await stored({ document_id: documentId })).toHaveLength(1);
  });
});

describe('who reads and who writes', () => {
  const listed = async (auth: string, semester: TestSemester) =>
    ((await app.http.get(`${REST}?filters[semester][documentId][$eq]=${semester.documentId}&pagination[pageSize]=100`).set('Authorization', auth)).body.data ?? [])
      .map((row: { documentId: string }) => row.documentId)
      .sort();

  test('finance and academic affairs see every department\'s statuses; a department manager its own students\' only', async () => {
    // Given statuses of a student of ours and of another department's
    const semester = await createSemester(app);
    const own = await systemFee(classmate, semester);
    const other = await systemFee(elsewhere, semester);
    // When each lists the semester's statuses
    // Then finance and academic affairs see both; each manager sees their own department's
    expect(await listed(finance.api, semester)).toEqual([own, other].sort());
    expect(await listed(academicAffairs.api, semester)).toEqual([own, other].sort());
    expect(await listed(manager.api, semester)).toEqual([own]);
    expect(await listed(otherManager.api, semester)).toEqual([other]);
    // and finance's Content Manager list shows both too
    const cm = await app.http.get(`${CM}?page=1&pageSize=100&filters[$and][0][semester][documentId][$eq]=${semester.documentId}`).set('Authorization', finance.admin);
    expect(cm.body.results.map((r: { documentId: string }) => r.documentId).sort()).toEqual([own, other].sort());
    expect(cm.body.results.map((r: { status: string }) => r.status)).toEqual(['paid', 'paid']);
  });

  test('finance, who reads no student row, sees whose each status is by the student\'s label, which follows a rename', async () => {
    // Given a status of a student of another department, written by hand, and one imported
    const semester = await createSemester(app);
    const byHand = await systemFee(elsewhere, semester);
    expect((await upload(finance.api, await sheetOf([[classmate.studentNumber, classmate.name, '已缴费', null, null]]), semester.code)).status).toBe(201);
    const label = async (who: Student) => (await stored({ student_key: who.id, semester_key: semester.id }))[0].student_label as string;
    const pickerLabel = async (who: Student) => ((await app.strapi.db.connection('students').where({ id: who.id }).first('picker_label')) as { picker_label: string }).picker_label;
    // Then each carries the student's name, number and class
    expect(await label(elsewhere)).toBe(await pickerLabel(elsewhere));
    expect(await label(elsewhere)).toContain(`${elsewhere.name}（${elsewhere.studentNumber}）`);
    expect(await label(classmate)).toContain(`${classmate.name}（${classmate.studentNumber}）`);
    // and finance's list shows it where the student relation reads empty
    const cm = await app.http.get(`${CM}?page=1&pageSize=100&filters[$and][0][semester][documentId][$eq]=${semester.documentId}`).set('Authorization', finance.admin);
    expect(cm.body.results.map((r: { studentLabel: string }) => r.studentLabel).sort()).toEqual([await label(classmate), await label(elsewhere)].sort());
    const rest = await app.http.get(`${REST}/${byHand}?populate=student`).set('Authorization', finance.api);
    expect(rest.body.data).toMatchObject({ studentLabel: await label(elsewhere), student: null });
    // When the student is renamed, and a writer tries to set the label
    const renamed = `改名${Date.now() % 100000}`;
    await app.strapi.db.query('api::student.student').update({ where: { id: elsewhere.id }, data: { name: renamed } });
    const edit = await app.http.put(`${CM}/${byHand}`).set('Authorization', finance.admin).send({ ...relations(elsewhere, semester), status: 'owing', amountOwed: 10, studentLabel: '别人' });
    // Then the label says the new name, whatever the writer sent
    expect(edit.status).toBe(200);
    expect(await label(elsewhere)).toContain(`${renamed}（${elsewhere.studentNumber}）`);
    await app.strapi.db.query('api::student.student').update({ where: { id: elsewhere.id }, data: { name: elsewhere.name } });
    expect(await label(elsewhere)).toContain(`${elsewhere.name}（`);
  });

  test('a department manager cannot create or edit a status, even of its own student, by any door', async () => {
    // Given a status of the manager's own student
    const semester = await createSemester(app);
    const documentId = await systemFee(classmate, semester);
    // When the manager tries to create one and to edit it, through REST, GraphQL and the Content Manager
    const answers = [
      (await restCreate(manager.api, { ...relations(student, semester), status: 'paid' })).status,
      (await app.http.put(`${REST}/${documentId}`).set('Authorization', manager.api).send({ data: { status: 'owing', amountOwed: 5 } })).status,
      (await cmCreate(manager.admin, { student: { connect: [{ documentId: student.documentId }] }, semester: { connect: [{ documentId: semester.documentId }] }, status: 'paid' })).status,
      (await app.http.put(`${CM}/${documentId}`).set('Authorization', manager.admin).send({ status: 'owing', amountOwed: 5 })).status,
    ];
    const graphql = await app.http.post('/graphql').set('Authorization', manager.api).send({ query: `mutation { updateFeeStatus(documentId: "${documentId}", data: { note: "x" }) { documentId } }` });
    // Then every door refuses, and nothing changed
    expect(answers).toEqual([403, 403, 403, 403]);
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stored({ semester_key: semester.id })).toEqual([expect.objectContaining({ document_id: documentId, status: 'paid', note: null })]);
  });

  test('a student reads their own status only', async () => {
    // Given statuses of the student and of a classmate
    const semester = await createSemester(app);
    const own = await systemFee(student, semester, 'aid');
    const theirsId = await systemFee(classmate, semester);
    // When the student lists and opens them
    const list = ((await app.http.get(`${REST}?pagination[pageSize]=100`).set('Authorization', student.api)).body.data as Array<{ documentId: string }>).map((row) => row.documentId);
    const other = await app.http.get(`${REST}/${theirsId}`).set('Authorization', student.api);
    const mine = await app.http.get(`${REST}/${own}`).set('Authorization', student.api);
    // Then the list holds their own statuses only (this one among them); the classmate's is not found; the keys are never shown
    expect(list).toContain(own);
    expect(new Set((await stored({})).filter((r) => list.includes(r.document_id)).map((r) => r.student_key))).toEqual(new Set([student.id]));
    expect(other.status).toBe(404);
    expect(mine.body.data).toMatchObject({ documentId: own, status: 'aid' });
    expect(mine.body.data).not.toHaveProperty('studentKey');
    expect(mine.body.data).not.toHaveProperty('departmentScope');
  });

  test('a student cannot write a status, not even their own', async () => {
    const semester = await createSemester(app);
    const response = await restCreate(student.api, { ...relations(student, semester), status: 'paid' });
    expect(response.status).toBe(403);
    expect(await stored({ semester_key: semester.id })).toEqual([]);
  });
});

describe('the import', () => {
  test('a good .xlsx writes one status per row, across departments, as source import, with one audit line', async () => {
    // Given a sheet of three students of two departments
    const semester = await createSemester(app);
    const body = await sheetOf([
      [student.studentNumber, student.name, '已缴费', null, null],
      [Number(classmate.studentNumber), classmate.name, '欠费', '1,250.50', '分期未缴'],
      [elsewhere.studentNumber, elsewhere.name, '资助', 0, '绿色通道'],
    ]);
    // When finance imports it for the semester
    const response = await upload(finance.api, body, semester.code);
    // Then each student has their status with the keys, department and source set
    expect(response.status).toBe(201);
    expect(response.body.meta).toEqual({ count: 3, created: 3, updated: 0, semester: semester.code });
    const rows = Object.fromEntries((await stored({ semester_key: semester.id })).map((r) => [r.student_key, r]));
    expect(rows[student.id]).toMatchObject({ status: 'paid', amount_owed: null, note: null, source: 'import', department_scope: await departmentId(ours) });
    expect(rows[classmate.id]).toMatchObject({ status: 'owing', note: '分期未缴', source: 'import' });
    expect(Number(rows[classmate.id].amount_owed)).toBe(1250.5);
    expect(rows[elsewhere.id]).toMatchObject({ status: 'aid', source: 'import', department_scope: await departmentId(theirs) });
    // and the rows are linked as Strapi links them: academic affairs reads them with their student and semester
    const own = await app.http.get(`${REST}/${rows[student.id].document_id}?populate[semester][fields][0]=code&populate[student][fields][0]=studentNumber`).set('Authorization', academicAffairs.api);
    expect(own.body.data).toMatchObject({ status: 'paid', semester: { code: semester.code }, student: { studentNumber: student.studentNumber } });
    // and one audit line names the import
    const audit = (await app.strapi.db.connection.raw("SELECT * FROM audit_logs WHERE action = 'import' AND target_type = ? AND reason LIKE ?", [FEE_STATUS, `%${semester.code}%`])).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].reason).toContain('新增 3 条');
  });

  test('a good .csv with the fields\' own names and English statuses is read as the sheet is', async () => {
    // Given a UTF-8 CSV with a BOM
    const semester = await createSemester(app);
    const csv = `\ufeffstudentNumber,name,status,amountOwed,note\n${classmate.studentNumber},${classmate.name},OWING,"2,000",\n${elsewhere.studentNumber},${elsewhere.name},paid,,"已缴，含住宿费"\n`;
    // When finance imports it
    const response = await upload(finance.api, Buffer.from(csv), semester.code, '缴费.csv', 'text/csv');
    // Then both rows are written
    expect(response.status).toBe(201);
    const rows = Object.fromEntries((await stored({ semester_key: semester.id })).map((r) => [r.student_key, r]));
    expect(rows[classmate.id]).toMatchObject({ status: 'owing', source: 'import' });
    expect(Number(rows[classmate.id].amount_owed)).toBe(2000);
    expect(rows[elsewhere.id]).toMatchObject({ status: 'paid', note: '已缴，含住宿费' });
  });

  test('a sheet with bad rows writes nothing, and the 400 names each bad row and column', async () => {
    // Given one good row, then an unknown number, a bad status, a negative amount and a wrong name
    const semester = await createSemester(app);
    const fourth = await withName(await activeStudent(app, ours.schoolClass.documentId));
    const body = await sheetOf([
      [student.studentNumber, student.name, '已缴费', null, null],
      ['209901019999', '无此人', '已缴费', null, null],
      [classmate.studentNumber, classmate.name, '已交', null, null],
      [elsewhere.studentNumber, elsewhere.name, '欠费', -20, null],
      [fourth.studentNumber, '别人的名字', '资助', null, null],
    ]);
    // When finance imports it
    const response = await upload(finance.api, body, semester.code);
    // Then each bad cell is named by row and column, and nothing is written
    expect(response.status).toBe(400);
    const errors = response.body.error.details.errors as Array<{ row: number; column: string }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [3, '学号'],
        [4, '缴费状态'],
        [5, '欠费金额'],
      ]),
    );
    expect(errors.some((e) => e.column === '姓名' && e.row === 6)).toBe(true);
    expect(errors.some((e) => e.row === 2)).toBe(false);
    expect(response.body.error.message).toContain('未导入任何缴费状态');
    expect(await stored({ semester_key: semester.id })).toEqual([]);
  });

  test('a student named twice in one file is a 400 naming both rows', async () => {
    const semester = await createSemester(app);
    const body = await sheetOf([
      [classmate.studentNumber, classmate.name, '已缴费', null, null],
      [student.studentNumber, student.name, '已缴费', null, null],
      [classmate.studentNumber, classmate.name, '欠费', 100, null],
    ]);
    const response = await upload(finance.api, body, semester.code);
    expect(response.status).toBe(400);
    const errors = response.body.error.details.errors as Array<{ row: number; column: string; message: string }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '学号'],
      [4, '学号'],
    ]);
    expect(errors[0].message).toContain('第 4 行');
    expect(errors[1].message).toContain('第 2 行');
    expect(await stored({ semester_key: semester.id })).toEqual([]);
  });

  test.each([
    ['an unknown semester', '2098-2099-2'],
    ['no semester', null],
    ['a malformed semester', 'autumn'],
  ])('%s is a 400 naming semester', async (_label, code) => {
    const response = await upload(finance.api, await sheetOf([[student.studentNumber, student.name, '已缴费', null, null]]), code);
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['semester']);
  });

  test('importing again updates each student\'s status instead of adding a second, hand-written ones included', async () => {
    // Given a hand-written status for one student, and an imported one for another
    const semester = await createSemester(app);
    const manual = await restCreate(finance.api, { ...relations(student, semester), status: 'owing', amountOwed: 99 });
    expect(manual.status).toBe(201);
    expect((await upload(finance.api, await sheetOf([[classmate.studentNumber, classmate.name, '欠费', 500, '首次']]), semester.code)).status).toBe(201);
    // When finance imports a sheet with both as paid
    const again = await upload(finance.api, await sheetOf([
      [student.studentNumber, student.name, '已缴费', null, null],
      [classmate.studentNumber, classmate.name, '已缴费', 0, '已补缴'],
    ]), semester.code);
    // Then each still has one row, now paid, from the import, under the same documentId
    expect(again.status).toBe(201);
    expect(again.body.meta).toMatchObject({ count: 2, created: 0, updated: 2 });
    const rows = await stored({ semester_key: semester.id });
    expect(rows).toHaveLength(2);
    const byStudent = Object.fromEntries(rows.map((r) => [r.student_key, r]));
    expect(byStudent[student.id]).toMatchObject({ document_id: manual.body.data.documentId, status: 'paid', amount_owed: null, source: 'import' });
    expect(byStudent[classmate.id]).toMatchObject({ status: 'paid', note: '已补缴', source: 'import' });
    // and the link tables hold one link per row
    const links = await app.strapi.db.connection('fee_statuses_student_lnk').whereIn('fee_status_id', rows.map((r) => r.id)).select('*');
    expect(links).toHaveLength(2);
  });

  test('a department manager may not import or download the template', async () => {
    const semester = await createSemester(app);
    const response = await upload(manager.api, await sheetOf([[classmate.studentNumber, classmate.name, '已缴费', null, null]]), semester.code);
    expect(response.status).toBe(403);
    expect((await app.http.get(TEMPLATE).set('Authorization', manager.api)).status).toBe(403);
    expect(await stored({ semester_key: semester.id })).toEqual([]);
  });

  test('the template downloads as an .xlsx whose header row is the import\'s columns', async () => {
    // When finance downloads the template
    const response = await binary(app.http.get(TEMPLATE).set('Authorization', finance.api));
    // Then it is a workbook with the headers and an example row
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain(XLSX);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('缴费状态导入模板.xlsx'));
    const rows = await sheetRows(response.body as Buffer);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows[1][2]).toBe('欠费');
  });
});

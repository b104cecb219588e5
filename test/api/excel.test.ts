/**
 * Excel in and out (issue 14): the export of a Content Manager list (Chinese headers, the list's
 * filters and sort, the caller's department, masked personal data unless revealed with a reason,
 * logged once), the admission template and the import of a filled one through bulk admission (all
 * or nothing; a bad sheet comes back marked). The project runs with a field added to the student
 * as the Content-Type Builder would, on a database of its own.
 */
import { VIEW_SETTINGS } from '../../src/bootstrap/admin-view-settings';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { createClassTree, fakeNationalId, studentInput, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { createSiblingDatabase, ROOT, startStrapi, type TestApp } from '../helpers/strapi';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STUDENT = 'api::student.student';
const REASON = '核对学籍信息，报送教育厅';
const adminExport = (query = '', uid = STUDENT) => `/student-records/excel/export/${uid}${query ? `?${query}` : ''}`;
const TEMPLATE = '/student-records/excel/admissions/template';
const IMPORT = '/student-records/excel/admissions/import';

let app: TestApp;
let copy: string;
let database: Awaited<ReturnType<typeof createSiblingDatabase>>;
let ours: ClassTree & { className: string };
let theirs: ClassTree & { className: string };
let academic: StaffActor;
let manager: StaffActor;
let clerk: StaffActor;
const admitted: Array<{ documentId: string; name: string; nationalId: string; phone: string; tree: 'ours' | 'theirs' }> = [];

/** The compiled project with `dormitory` added to the student, as the Content-Type Builder writes it. */
function extendedCopy(): string {
  const target = path.join(ROOT, '.tmp', `excel-${process.pid}-${Date.now().toString(36)}`);
  for (const part of ['src', 'config']) fs.cpSync(path.join(ROOT, 'dist', part), path.join(target, part), { recursive: true });
  const file = path.join(target, 'src', 'api', 'student', 'content-types', 'student', 'schema.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  json.attributes = { ...json.attributes, dormitory: { type: 'string', maxLength: 50 } };
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return target;
}

/** The admin names the new field in "Configure the view", as they would after adding it. */
async function labelDormitory(): Promise<void> {
  const service = app.strapi.plugin('content-manager').service('content-types');
  const model = app.strapi.contentTypes[STUDENT as never];
  const configuration = await service.findConfiguration(model);
  for (const part of ['edit', 'list']) configuration.metadatas.dormitory[part].label = '宿舍';
  await service.updateConfiguration(model, { settings: configuration.settings, metadatas: configuration.metadatas, layouts: configuration.layouts });
}

async function namedClassTree(name: string): Promise<ClassTree & { className: string }> {
  const tree = await createClassTree(app.strapi, { enrollmentYear: 2026 });
  await app.strapi.documents('api::school-class.school-class').update({ documentId: tree.schoolClass.documentId, data: { name } as never });
  return { ...tree, className: name };
}

async function admit(tree: 'ours' | 'theirs', name: string) {
  const phone = `1380000${String(admitted.length).padStart(4, '0')}`;
  const input = studentInput((tree === 'ours' ? ours : theirs).schoolClass.documentId, { name, phone, homeAddress: `南昌市红谷滩区测试路${admitted.length}号` });
  const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: [input] });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  admitted.push({ documentId: response.body.data[0].documentId, name, nationalId: input.nationalId as string, phone, tree });
}

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function get(url: string, auth: string) {
  return app.http.get(url).set('Authorization', auth).buffer(true).parse(binary as never);
}

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  return workbook;
}

/** The first sheet as header -> value records. */
async function rowsOf(body: Buffer): Promise<{ headers: string[]; rows: Array<Record<string, unknown>> }> {
  const sheet = (await workbookOf(body)).worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, unknown>> = [];
  sheet.eachRow((row, number) => {
    if (number > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}

const auditCount = async (action: string) => Number((await app.strapi.db.connection.raw('SELECT count(*) AS n FROM audit_logs WHERE action = ?', [action])).rows[0].n);
const studentCount = async () => app.strapi.db.query(STUDENT).count({});

/** A filled template: its headers, then the given rows by header. */
async function filledSheet(rows: Array<Record<string, unknown>>, headers?: string[]): Promise<Buffer> {
  const template = await workbookOf((await get(TEMPLATE, manager.admin)).body);
  const sheet = template.getWorksheet('新生名单') as ExcelJS.Worksheet;
  const names = headers ?? (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  if (headers) headers.forEach((h, i) => (sheet.getCell(1, i + 1).value = h));
  rows.forEach((row, r) => names.forEach((h, c) => (sheet.getCell(r + 2, c + 1).value = (row[h] as ExcelJS.CellValue) ?? null)));
  return Buffer.from(await template.xlsx.writeBuffer());
}

const upload = (auth: string, body: Buffer, filename = '新生.xlsx') =>
  app.http.post(IMPORT).set('Authorization', auth).attach('file', body, { filename, contentType: XLSX });

beforeAll(async () => {
  database = await createSiblingDatabase();
  copy = extendedCopy();
  app = await startStrapi({ databaseUrl: database.url, distDir: copy });
  await ensureOffices(app);
  await labelDormitory();
  ours = await namedClassTree(`计算机2601班-${Date.now().toString(36)}`);
  theirs = await namedClassTree(`会计2601班-${Date.now().toString(36)}`);
  academic = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
  for (const name of ['王一', '李二', '张三']) await admit('ours', name);
  for (const name of ['赵四', '钱五']) await admit('theirs', name);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await database?.drop();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

describe('export', () => {
  test('Chinese headers from the Content Manager, an added field included, internal columns never', async () => {
    const response = await get(adminExport(), academic.admin);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain(XLSX);
    const { headers, rows } = await rowsOf(response.body);
    expect(headers).toEqual(expect.arrayContaining(['学号', '姓名', '性别', '出生日期', '身份证号码', '联系电话', '家庭住址', '系部', '专业', '班级', '学习形式', '学籍状态', '宿舍']));
    for (const internal of ['nationalIdCipher', 'nationalIdIndex', 'phoneIndex', 'departmentScope', 'documentId', 'id', 'createdBy', 'createdAt', 'user', '学生登录账号']) expect(headers).not.toContain(internal);
    const wang = rows.find((r) => r['姓名'] === '王一') as Record<string, unknown>;
    expect(wang['学籍状态']).toBe('已录取');
    expect(['男', '女']).toContain(wang['性别']);
    expect(wang['学习形式']).toBe('全日制');
    expect(wang['班级']).toBe(ours.className);
    expect(String(wang['系部'])).toMatch(/^测试系部/);
    expect(wang['出生日期']).toBeInstanceOf(Date);
    expect(String(wang['学号'])).toMatch(/^2026\d{8}$/);
  });

  test('personal data stays masked without a reveal, and nothing is logged', async () => {
    const before = await auditCount('export');
    const { rows, headers } = await rowsOf((await get(adminExport(), manager.admin)).body);
    expect(headers).toContain('身份证号码');
    for (const student of admitted.filter((s) => s.tree === 'ours')) {
      const row = rows.find((r) => r['姓名'] === student.name) as Record<string, unknown>;
      expect(row['身份证号码']).toMatch(/\*{4,}/);
      expect(row['身份证号码']).not.toBe(student.nationalId);
      expect(row['联系电话']).not.toBe(student.phone);
    }
    expect(await auditCount('export')).toBe(before);
  });

  test('a reveal with a reason shows clear values and is logged once, naming the fields, reason and count', async () => {
    const before = await auditCount('export');
    const response = await get(adminExport(`reveal=nationalId,phone&reason=${encodeURIComponent(REASON)}`), manager.admin);
    expect(response.status).toBe(200);
    const { rows } = await rowsOf(response.body);
    for (const student of admitted.filter((s) => s.tree === 'ours')) {
      const row = rows.find((r) => r['姓名'] === student.name) as Record<string, unknown>;
      expect(row['身份证号码']).toBe(student.nationalId);
      expect(row['联系电话']).toBe(student.phone);
      // not asked: still masked
      expect(String(row['家庭住址'])).toContain('*');
    }
    expect(await auditCount('export')).toBe(before + 1);
    const { rows: entries } = await app.strapi.db.connection.raw("SELECT * FROM audit_logs WHERE action = 'export' ORDER BY id DESC LIMIT 1");
    expect(entries[0].reason).toContain(REASON);
    expect(entries[0].reason).toContain(`${rows.length} 名学生`);
    expect(JSON.parse(entries[0].fields)).toEqual(['nationalId', 'phone']);
    expect(JSON.stringify(entries[0])).not.toContain(admitted[0].nationalId);
  });

  test('a reveal needs a reason and the reveal permission: 400 and 403, nothing logged', async () => {
    const before = await auditCount('export');
    const noReason = await get(adminExport('reveal=nationalId'), manager.admin);
    expect(noReason.status).toBe(400);
    expect(JSON.parse(noReason.body.toString()).error.message).toContain('理由');
    const clerkReveal = await get(adminExport(`reveal=all&reason=${encodeURIComponent(REASON)}`), clerk.admin);
    expect(clerkReveal.status).toBe(403);
    const restClerk = await get(`/api/students/export?reveal=all&reason=${encodeURIComponent(REASON)}`, clerk.api);
    expect(restClerk.status).toBe(403);
    expect(await auditCount('export')).toBe(before);
  });

  test("a department manager's export holds their department only, whatever the filters ask", async () => {
    const theirNames = admitted.filter((s) => s.tree === 'theirs').map((s) => s.name);
    const attempts = [
      '',
      `filters[$and][0][department][documentId][$eq]=${theirs.department.documentId}`,
      `filters[$or][0][department][documentId][$eq]=${theirs.department.documentId}&filters[$or][1][name][$eq]=赵四`,
      `filters[$and][0][schoolClass][name][$eq]=${encodeURIComponent(theirs.className)}`,
      '_q=赵四',
    ];
    for (const query of attempts) {
      for (const [url, auth] of [[adminExport(query), manager.admin], [`/api/students/export${query ? `?${query}` : ''}`, manager.api]] as const) {
        const response = await get(url, auth);
        expect(response.status).toBe(200);
        const names = (await rowsOf(response.body)).rows.map((r) => r['姓名']);
        for (const name of theirNames) expect(names).not.toContain(name);
        if (query === '') expect(names).toEqual(expect.arrayContaining(['王一', '李二', '张三']));
      }
    }
  });

  test('the list filters and sort are honoured, on both doors', async () => {
    const query = `filters[$and][0][schoolClass][documentId][$eq]=${ours.schoolClass.documentId}&sort=name:DESC`;
    const adminResponse = await get(adminExport(query), academic.admin);
    expect(adminResponse.status).toBe(200);
    const admin = (await rowsOf(adminResponse.body)).rows.map((r) => r['姓名']);
    const expected = ['王一', '李二', '张三'].sort((a, b) => b.localeCompare(a, 'en'));
    expect(admin).toHaveLength(3);
    const restResponse = await get(`/api/students/export?${query}`, academic.api);
    expect(restResponse.status).toBe(200);
    const rest = (await rowsOf(restResponse.body)).rows.map((r) => r['姓名']);
    expect(rest).toEqual(admin);
    // PostgreSQL orders these names by code point, as a string sort does
    expect(admin).toEqual([...admin].sort().reverse());
    expect(new Set(admin)).toEqual(new Set(expected));
    const filtered = (await rowsOf((await get(adminExport('filters[$and][0][name][$eq]=李二'), academic.admin)).body)).rows;
    expect(filtered.map((r) => r['姓名'])).toEqual(['李二']);
  });

  test('a partial search on personal data is a 400 before any byte of a sheet, on both doors', async () => {
    const query = 'filters[$and][0][nationalId][$contains]=4301';
    for (const [url, auth] of [[adminExport(query), academic.admin], [`/api/students/export?${query}`, academic.api]] as const) {
      const response = await get(url, auth);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
    }
  });

  test('a list longer than a page comes whole: every row once, even when the sort key ties', async () => {
    // Given 2,100 audit rows written at the same instant (pages are 1,000 rows)
    const occurredAt = new Date();
    const ids = Array.from({ length: 2100 }, (_, i) => `page-test-${i}`);
    await app.strapi.db.query('api::audit-log.audit-log').createMany({
      data: ids.map((targetDocumentId) => ({ action: 'search', actorType: 'system', channel: 'system', targetType: 'page-test', targetDocumentId, fields: [], occurredAt, publishedAt: occurredAt })),
    });
    // When they are exported sorted by that instant
    const response = await get(adminExport('filters[$and][0][targetType][$eq]=page-test&sort=occurredAt:DESC', 'api::audit-log.audit-log'), academic.admin);
    // Then each row comes exactly once
    expect(response.headers['x-total-count']).toBe('2100');
    const column = VIEW_SETTINGS['api::audit-log.audit-log'].labels.targetDocumentId;
    const exported = (await rowsOf(response.body)).rows.map((r) => r[column]);
    expect(exported).toHaveLength(2100);
    expect(new Set(exported)).toEqual(new Set(ids));
  });

  test('other lists export too, with their own labels; an unknown type is a 404', async () => {
    const classes = await get(adminExport('', 'api::school-class.school-class'), academic.admin);
    const { headers, rows } = await rowsOf(classes.body);
    expect(headers).toEqual(expect.arrayContaining(['班级名称', '入学年份', '班级序号', '所属专业']));
    expect(rows.map((r) => r['班级名称'])).toEqual(expect.arrayContaining([ours.className, theirs.className]));
    const audit = await get(adminExport('', 'api::audit-log.audit-log'), academic.admin);
    expect(audit.status).toBe(200);
    expect((await rowsOf(audit.body)).headers).toEqual(expect.arrayContaining(['操作', '时间', '理由']));
    expect((await get(adminExport('', 'api::nothing.nothing'), academic.admin)).status).toBe(404);
  });
});

describe('template', () => {
  test('the admission columns with Chinese headers, the added field, notes and drop-down lists', async () => {
    const response = await get(TEMPLATE, manager.admin);
    expect(response.status).toBe(200);
    const workbook = await workbookOf(response.body);
    const sheet = workbook.getWorksheet('新生名单') as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual(['姓名', '性别', '身份证号码', '联系电话', '家庭住址', '民族', '政治面貌', '学习形式', '学制（年）', '班级', '宿舍']);
    const classColumn = headers.indexOf('班级') + 1;
    expect(String(sheet.getCell(1, classColumn).note)).toContain('必填');
    const validation = sheet.getCell(2, classColumn).dataValidation;
    expect(validation.type).toBe('list');
    // the manager's list offers their own classes only
    const options = workbook.getWorksheet('选项') as ExcelJS.Worksheet;
    const listed = (options.getColumn(classColumn).values as unknown[]).slice(2);
    expect(listed).toContain(ours.className);
    expect(listed).not.toContain(theirs.className);
    const genders = (options.getColumn(headers.indexOf('性别') + 1).values as unknown[]).slice(2);
    expect(genders).toEqual(['男', '女']);
  });

  test('a department clerk may not admit: no template, no import', async () => {
    expect((await get(TEMPLATE, clerk.admin)).status).toBe(403);
    const response = await upload(clerk.admin, Buffer.from('x'));
    expect(response.status).toBe(403);
  });
});

describe('import', () => {
  test('a good sheet admits every row with a number, the added field and one audit line per student', async () => {
    const ids = [fakeNationalId({ gender: 'male' }), fakeNationalId({ gender: 'female' })];
    const before = await auditCount('create');
    const body = await filledSheet([
      { 姓名: '新生甲', 性别: '男', 身份证号码: ids[0], 联系电话: '13912345678', 班级: ours.className, 学习形式: '非全日制', '学制（年）': 5, 宿舍: '北苑3号楼' },
      { 姓名: '新生乙', 身份证号码: ids[1], 班级: ours.className },
    ]);
    const response = await upload(manager.admin, body);
    expect(response.status).toBe(201);
    expect(response.body.meta.count).toBe(2);
    expect(response.body.data.map((s: { studentNumber: string }) => s.studentNumber)).toEqual([expect.stringMatching(/^2026\d{8}$/), expect.stringMatching(/^2026\d{8}$/)]);
    const first = (await app.strapi.db.query(STUDENT).findOne({ where: { documentId: response.body.data[0].documentId } })) as Record<string, unknown>;
    expect(first).toMatchObject({ name: '新生甲', gender: 'male', studyForm: 'part-time', programLength: 5, dormitory: '北苑3号楼', status: 'admitted' });
    expect(first.nationalId).not.toBe(ids[0]);
    expect(await auditCount('create')).toBe(before + 2);
  });

  test('a sheet with bad rows writes nothing and comes back with each bad cell marked and its reason in Chinese', async () => {
    const taken = admitted[0].nationalId;
    const before = await studentCount();
    const good = fakeNationalId({ gender: 'female' });
    const body = await filledSheet([
      { 姓名: '好学生', 身份证号码: good, 班级: ours.className },
      { 姓名: '坏号码', 身份证号码: '430102200509150016', 班级: ours.className },
      { 姓名: '坏性别', 性别: '未知', 身份证号码: fakeNationalId(), 班级: ours.className },
      { 姓名: '外系', 身份证号码: fakeNationalId(), 班级: theirs.className },
      { 姓名: '重复', 身份证号码: taken, 班级: ours.className },
    ]);
    const response = await upload(manager.admin, body, '秋季新生.xlsx');
    expect(response.status).toBe(400);
    expect(await studentCount()).toBe(before);
    const { error } = response.body;
    expect(error.message).toMatch(/3 行有误.*未导入任何学生/);
    const cells = Object.fromEntries(error.details.errors.map((e: { cell: string; message: string }) => [e.cell, e.message]));
    // 身份证号码 is column C, 性别 B, 班级 J; rows 3, 4, 5 of the sheet
    expect(cells.C3).toContain('校验位');
    expect(cells.B4).toContain('须为以下之一：男、女');
    expect(cells.J5).toContain('不属于您的系部');
    expect(error.details.filename).toBe('秋季新生-错误标注.xlsx');
    const marked = (await workbookOf(Buffer.from(error.details.workbook, 'base64'))).getWorksheet('新生名单') as ExcelJS.Worksheet;
    expect((marked.getCell('C3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(marked.getCell('C3').note)).toContain('校验位');
    expect((marked.getCell('C2').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    const reasonColumn = (marked.getRow(1).values as unknown[]).indexOf('错误原因');
    expect(reasonColumn).toBeGreaterThan(0);
    expect(String(marked.getCell(4, reasonColumn).value)).toContain('性别');
    expect(marked.getCell(2, reasonColumn).value).toBeNull();
  });

  test('a duplicate found by the admission service is mapped back to its cell, and nothing is written', async () => {
    const before = await studentCount();
    const body = await filledSheet([
      { 姓名: '新同学', 身份证号码: fakeNationalId(), 班级: ours.className },
      { 姓名: '老同学', 身份证号码: admitted[1].nationalId, 班级: ours.className },
    ]);
    const response = await upload(manager.admin, body);
    expect(response.status).toBe(400);
    expect(await studentCount()).toBe(before);
    const [problem] = response.body.error.details.errors;
    expect(problem).toMatchObject({ cell: 'C3', row: 3, column: '身份证号码' });
    expect(problem.message).toContain('已有学生使用此身份证号码');
  });

  test.each([
    ['not a workbook', async () => Buffer.from('姓名,身份证号码\n张三,1'), '不是有效的 Excel 工作簿'],
    ['an empty sheet', async () => filledSheet([]), '没有学生数据'],
    ['wrong headers', async () => filledSheet([{ 名字: '张三', 身份证: '1' }], ['名字', '身份证']), '模板中没有的列：名字、身份证'],
  ])('%s is a 400 naming the problem', async (_, make, message) => {
    const response = await upload(manager.admin, await make());
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  test('no file is a 400 naming the field', async () => {
    const response = await app.http.post(IMPORT).set('Authorization', manager.admin).send({});
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['file']);
  });
});

/**
 * The first archive's completeness and the custody move (issue 17): the list of each archive's
 * missing required kinds, due on the 30th working day after enrolment on the school calendar
 * (seeded from chinese-days: Mid-Autumn and National Day 2026 in between), with working days left
 * and overdue by the test clock, limited to the caller's scope and as an .xlsx; the archive's state
 * kept by the database as materials are filed and superseded; and the archive office receiving
 * archives one by one or in a batch, all or nothing, once, after which the department neither
 * reads nor files into them.
 */
import ExcelJS from 'exceljs';
import { setClock } from '../../src/services/clock';
import { seedSchoolCalendar } from '../../src/services/school-calendar';
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let clerk: StaffActor;
let otherClerk: StaffActor;
let archiveOffice: StaffActor;
let academicAffairs: StaffActor;
let leadership: StaffActor;
let required: string[];

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);
const NOBODY = 'nosuchdocument0000000000';

const sql = <T = Record<string, any>>(text: string, bindings: unknown[] = []) => app.strapi.db.connection.raw(text, bindings as never).then((r: { rows: T[] }) => r.rows);
const kindId = async (name: string) => (await sql<{ document_id: string }>('SELECT document_id FROM material_kinds WHERE name = ?', [name]))[0].document_id;
const archiveRow = async (documentId: string) => (await sql('SELECT * FROM student_archives WHERE document_id = ?', [documentId]))[0];

/** A student of the tree's class whose archive says they enrolled on `enrolledOn`; the archive's documentId. */
async function enrolled(tree: ClassTree, enrolledOn: string | null = '2026-09-01'): Promise<string> {
  const student = await activeStudent(app, tree.schoolClass.documentId);
  const [row] = await sql<{ document_id: string }>('UPDATE student_archives SET enrolled_on = ? WHERE student_key = ? RETURNING document_id', [enrolledOn, student.id]);
  return row.document_id;
}

function fileInto(archive: string, auth: string, kind: string, materialDate = '2026-09-02') {
  return app.http
    .post(`/api/student-archives/${archive}/materials`)
    .set('Authorization', auth)
    .field('kind', kind)
    .field('materialDate', materialDate)
    .attach('files', PDF, { filename: '材料.pdf', contentType: 'application/pdf' });
}

async function fileAll(archive: string, names: string[], auth = clerk.api): Promise<string[]> {
  const made: string[] = [];
  for (const name of names) {
    const response = await fileInto(archive, auth, await kindId(name));
    if (response.status !== 201) throw new Error(`file ${name}: ${response.status} ${JSON.stringify(response.body)}`);
    made.push(response.body.data.documentId);
  }
  return made;
}

const list = (auth: string, query = '') => app.http.get(`/api/student-archives/completeness${query ? `?${query}` : ''}`).set('Authorization', auth);
const rowOf = async (auth: string, archive: string, query = `department=${ours.department.documentId}&pagination[pageSize]=500`) =>
  ((await list(auth, query)).body.data as Array<Record<string, any>>).find((row) => row.documentId === archive);
const move = (auth: string, archive: string) => app.http.post(`/api/student-archives/${archive}/custody`).set('Authorization', auth).send({});
const moveBatch = (auth: string, archives: unknown) => app.http.post('/api/student-archives/custody').set('Authorization', auth).send({ archives });

beforeAll(async () => {
  setClock('2026-09-30T10:00:00+08:00');
  app = await startStrapi();
  await seedSchoolCalendar(app.strapi, 2026);
  await ensureOffices(app);
  ours = await createClassTree(app.strapi, { enrollmentYear: 2026 });
  theirs = await createClassTree(app.strapi, { enrollmentYear: 2026 });
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
  otherClerk = await createStaff(app, { adminRole: 'department-clerk', department: theirs.department.documentId });
  archiveOffice = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
  academicAffairs = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  leadership = await createStaff(app, { adminRole: 'school-leadership', office: 'leadership' });
  required = (await sql<{ name: string }>('SELECT name FROM material_kinds WHERE required_for_first_archive AND active ORDER BY position, id')).map((k) => k.name);
});

afterEach(() => setClock('2026-09-30T10:00:00+08:00'));

afterAll(async () => {
  setClock(null);
  await app.stop();
});

describe('the completeness list', () => {
  test('enrolled 1 September 2026: due on the 30th working day, 19 October (Mid-Autumn and National Day skipped, the make-up days worked), 9 working days left on 30 September (8, 9, the make-up Saturday 10, 12-16 and 19 October)', async () => {
    // Given a new student of our department with nothing filed
    const archive = await enrolled(ours);
    // When academic affairs lists our department on 30 September
    const row = await rowOf(academicAffairs.api, archive);
    // Then every required kind is missing, by the calendar's due day, with the working days left
    expect(required.length).toBeGreaterThan(0);
    expect(row).toMatchObject({
      enrolledOn: '2026-09-01',
      missingKinds: required,
      complete: false,
      dueOn: '2026-10-19',
      workingDaysLeft: 9,
      overdue: false,
      custody: 'department',
      state: 'building',
      custodyMoveDueOn: '2026-10-01',
      custodyMovedAt: null,
    });
    expect(row?.department).toEqual({ documentId: ours.department.documentId, name: expect.any(String) });
  });

  test('an archive without its own enrolment day counts from the first semester of its enrolment year', async () => {
    const archive = await enrolled(ours, null);
    const row = await rowOf(archiveOffice.api, archive);
    expect(row).toMatchObject({ enrolledOn: '2026-09-01', dueOn: '2026-10-19' });
  });

  test('a filed kind leaves the list; the last one makes the archive complete in the database; a correction keeps it so; a material superseded without replacement puts it back', async () => {
    // Given an archive with all but one required kind filed
    const archive = await enrolled(ours);
    const [first] = await fileAll(archive, required.slice(0, -1));
    expect((await rowOf(clerk.api, archive))?.missingKinds).toEqual(required.slice(-1));
    expect((await archiveRow(archive)).state).toBe('building');
    // When the last is filed
    await fileAll(archive, required.slice(-1));
    // Then nothing is missing, no days are counted, and the archive's state is complete
    expect(await rowOf(clerk.api, archive)).toMatchObject({ missingKinds: [], complete: true, workingDaysLeft: null, overdue: false, state: 'complete' });
    expect((await archiveRow(archive)).completed_at).toBeInstanceOf(Date);
    // When one is corrected (the corrected one supersedes it): still complete, the replacement counts
    const corrected = await app.http.post(`/api/archive-materials/${first}/corrections`).set('Authorization', clerk.api).field('materialDate', '2026-09-03').attach('files', PDF, { filename: '更正.pdf', contentType: 'application/pdf' });
    expect(corrected.status).toBe(201);
    expect((await archiveRow(archive)).state).toBe('complete');
    expect((await rowOf(clerk.api, archive))?.missingKinds).toEqual([]);
    // When the replacement is superseded with no replacement of its own: building again, that kind missing
    await sql('UPDATE archive_materials SET superseded = true WHERE document_id = ?', [corrected.body.data.documentId]);
    expect(await archiveRow(archive)).toMatchObject({ state: 'building', completed_at: null });
    expect((await rowOf(clerk.api, archive))?.missingKinds).toEqual([required[0]]);
  });

  test('after the due day an incomplete archive is overdue by its working days; ?overdue= filters', async () => {
    // Given an incomplete and a complete archive of students enrolled 1 September
    const late = await enrolled(ours);
    const done = await enrolled(ours);
    await fileAll(done, required);
    // When listed on Tuesday 20 October, a working day past the due day
    setClock('2026-10-20T10:00:00+08:00');
    // Then the incomplete one is overdue by 1 working day, the complete one is not overdue
    expect(await rowOf(academicAffairs.api, late)).toMatchObject({ dueOn: '2026-10-19', workingDaysLeft: -1, overdue: true });
    expect(await rowOf(academicAffairs.api, done)).toMatchObject({ overdue: false, workingDaysLeft: null });
    const ids = async (query: string) => ((await list(academicAffairs.api, `department=${ours.department.documentId}&pagination[pageSize]=500&${query}`)).body.data as Array<{ documentId: string; overdue: boolean }>);
    const overdue = await ids('overdue=true');
    expect(overdue.map((r) => r.documentId)).toContain(late);
    expect(overdue.map((r) => r.documentId)).not.toContain(done);
    expect(overdue.every((r) => r.overdue)).toBe(true);
    expect((await ids('overdue=false')).map((r) => r.documentId)).toEqual(expect.arrayContaining([done]));
  });

  test('pages: page size, page and the total of the whole list', async () => {
    await enrolled(theirs);
    await enrolled(theirs);
    const all = await list(academicAffairs.api, `department=${theirs.department.documentId}&pagination[pageSize]=500`);
    const second = await list(academicAffairs.api, `department=${theirs.department.documentId}&pagination[pageSize]=1&pagination[page]=2`);
    expect(second.status).toBe(200);
    expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 1, pageCount: all.body.meta.pagination.total, total: all.body.meta.pagination.total });
    expect(second.body.data).toEqual([all.body.data[1]]);
  });
});

describe('who sees which rows', () => {
  test('a department sees its own students only; another department\'s filter is refused exactly as one that does not exist', async () => {
    // Given a student in each department
    const own = await enrolled(ours);
    const other = await enrolled(theirs);
    // When our clerk lists without a filter
    const mine = await list(clerk.api, 'pagination[pageSize]=500');
    // Then every row is ours, and theirs is not there
    expect(mine.status).toBe(200);
    const rows = mine.body.data as Array<{ documentId: string; department: { documentId: string } }>;
    expect(rows.map((r) => r.documentId)).toContain(own);
    expect(rows.map((r) => r.documentId)).not.toContain(other);
    expect(new Set(rows.map((r) => r.department.documentId))).toEqual(new Set([ours.department.documentId]));
    // When our clerk asks for their department, or for one that does not exist: the same 400
    const foreign = await list(clerk.api, `department=${theirs.department.documentId}`);
    const missing = await list(clerk.api, `department=${NOBODY}`);
    expect([foreign.status, missing.status]).toEqual([400, 400]);
    expect(foreign.body.error).toEqual(missing.body.error);
    expect(foreign.body.error.details.errors[0].path).toEqual(['department']);
    // And the archive office sees theirs
    expect(await rowOf(archiveOffice.api, other, `department=${theirs.department.documentId}&pagination[pageSize]=500`)).toBeDefined();
  });

  test('the leadership holds no archive permission: 403', async () => {
    expect((await list(leadership.api)).status).toBe(403);
  });

  test.each([
    ['custody=transferred', 'custody'],
    ['overdue=maybe', 'overdue'],
    ['format=pdf', 'format'],
    ['department=Not%20An%20Id', 'department'],
    ['pagination[pageSize]=0', 'pagination'],
    ['pagination[pageSize]=501', 'pagination'],
    ['pagination[page]=x', 'pagination'],
  ])('?%s is a 400 naming %s', async (query, field) => {
    const response = await list(academicAffairs.api, query);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path[0]).toBe(field);
  });
});

describe('the list as .xlsx', () => {
  test('the same rows under Chinese headings, parsed back', async () => {
    // Given a student with two kinds filed
    const archive = await enrolled(ours);
    await fileAll(archive, required.slice(0, 2));
    const json = await rowOf(academicAffairs.api, archive);
    // When the list is downloaded as a sheet
    const response = await app.http
      .get(`/api/student-archives/completeness?format=xlsx&department=${ours.department.documentId}`)
      .set('Authorization', academicAffairs.api)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    // Then it parses back: the headings, and the student's row as the JSON list has it
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Buffer);
    const sheet = workbook.worksheets[0];
    const headings = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(headings).toEqual(['系部', '班级', '学生', '入学日期', '尚缺必备材料', '建档截止日期', '剩余工作日', '是否逾期', '保管', '档案状态', '应移交档案室日期']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, number) => {
      if (number > 3) rows.push((row.values as unknown[]).slice(1));
    });
    const line = rows.find((r) => r[2] === json?.studentLabel);
    expect(line).toEqual([json?.department.name, json?.schoolClass, json?.studentLabel, '2026-09-01', required.slice(2).join('、'), '2026-10-19', 9, '否', '系部整理中', '首次建档中', '2026-10-01']);
    const total = (await list(academicAffairs.api, `department=${ours.department.documentId}`)).body.meta.pagination.total;
    expect(rows).toHaveLength(total);
  });
});

describe('the custody move', () => {
  test('the archive office receives one archive: custody, state and day recorded, audited; a second move is a 409', async () => {
    const archive = await enrolled(ours);
    const response = await move(archiveOffice.api, archive);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ moved: 1, archives: [{ documentId: archive, custody: 'archive-office', state: 'in-custody' }] });
    const row = await archiveRow(archive);
    expect(row).toMatchObject({ custody: 'archive-office', state: 'in-custody' });
    // The day by the school clock (30 September, 10:00 in Beijing), not the machine's
    expect(Math.abs((row.custody_moved_at as Date).getTime() - Date.parse('2026-09-30T02:00:00Z'))).toBeLessThan(10 * 60_000);
    const audit = await app.strapi.db.query('api::audit-log.audit-log').findMany({ where: { targetDocumentId: archive, action: 'move-custody' } });
    expect(audit).toHaveLength(1);
    expect((await move(archiveOffice.api, archive)).status).toBe(409);
    expect(await app.strapi.db.query('api::audit-log.audit-log').count({ where: { targetDocumentId: archive, action: 'move-custody' } })).toBe(1);
  });

  test('after the move the department neither reads the archive and its materials nor files into it; the archive office does', async () => {
    // Given an archive with a material, filed by our clerk
    const archive = await enrolled(ours);
    const [material] = await fileAll(archive, required.slice(0, 1));
    expect((await app.http.get(`/api/student-archives/${archive}`).set('Authorization', clerk.api)).status).toBe(200);
    // When the archive office receives it
    expect((await move(archiveOffice.api, archive)).status).toBe(200);
    // Then our clerk reaches neither the archive nor its material, by list or by id, nor the completeness list's row
    expect((await app.http.get(`/api/student-archives/${archive}`).set('Authorization', clerk.api)).status).toBe(404);
    expect((await app.http.get(`/api/archive-materials/${material}`).set('Authorization', clerk.api)).status).toBe(404);
    const listed = await app.http.get(`/api/student-archives?filters[documentId][$eq]=${archive}`).set('Authorization', clerk.api);
    expect(listed.body.data).toEqual([]);
    const materials = await app.http.get(`/api/archive-materials?filters[documentId][$eq]=${material}`).set('Authorization', clerk.api);
    expect(materials.body.data).toEqual([]);
    expect(await rowOf(clerk.api, archive, 'pagination[pageSize]=500')).toBeUndefined();
    // and may not file into it: nothing written
    const before = Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_materials WHERE archive_key = (SELECT id FROM student_archives WHERE document_id = ?)', [archive]))[0].n);
    const filed = await fileInto(archive, clerk.api, await kindId(required[1]));
    expect([403, 404]).toContain(filed.status);
    expect(Number((await sql<{ n: string }>('SELECT count(*) AS n FROM archive_materials WHERE archive_key = (SELECT id FROM student_archives WHERE document_id = ?)', [archive]))[0].n)).toBe(before);
    // The archive office files into it, and lists it among those it keeps
    expect((await fileInto(archive, archiveOffice.api, await kindId(required[1]))).status).toBe(201);
    expect(await rowOf(archiveOffice.api, archive, `department=${ours.department.documentId}&custody=archive-office&pagination[pageSize]=500`)).toMatchObject({ custody: 'archive-office', state: 'in-custody', missingKinds: required.slice(2) });
    expect(await rowOf(archiveOffice.api, archive, `department=${ours.department.documentId}&custody=department&pagination[pageSize]=500`)).toBeUndefined();
  });

  test('a department may not move custody: 403, nothing changed', async () => {
    const archive = await enrolled(ours);
    expect((await move(clerk.api, archive)).status).toBe(403);
    expect((await moveBatch(clerk.api, [archive])).status).toBe(403);
    expect(await archiveRow(archive)).toMatchObject({ custody: 'department', state: 'building', custody_moved_at: null });
  });

  test('a batch moves every archive in it, or none: one already moved is a 409, one unknown a 400 naming it', async () => {
    const [a, b, c] = [await enrolled(ours), await enrolled(theirs), await enrolled(ours)];
    expect((await move(archiveOffice.api, c)).status).toBe(200);
    // A batch with one moved already: 409, the others stay with their departments
    const refused = await moveBatch(archiveOffice.api, [a, b, c]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('archives[2]');
    // A batch naming an archive that does not exist: 400 naming it
    const unknown = await moveBatch(archiveOffice.api, [a, NOBODY]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['archives', '1']);
    for (const archive of [a, b]) expect((await archiveRow(archive)).custody).toBe('department');
    // The batch of the two: both moved, one audit line each
    const moved = await moveBatch(archiveOffice.api, [a, b]);
    expect(moved.status).toBe(200);
    expect(moved.body.data.moved).toBe(2);
    for (const archive of [a, b]) expect(await archiveRow(archive)).toMatchObject({ custody: 'archive-office', state: 'in-custody' });
    expect(await app.strapi.db.query('api::audit-log.audit-log').count({ where: { targetDocumentId: { $in: [a, b] }, action: 'move-custody' } })).toBe(2);
  });

  test('two moves of the same archive at once: one moves it, the other gets a 409', async () => {
    const archive = await enrolled(ours);
    const other = await enrolled(ours);
    const answers = await Promise.all([move(archiveOffice.api, archive), move(archiveOffice.api, archive), moveBatch(archiveOffice.api, [other, archive]), moveBatch(archiveOffice.api, [archive, other])]);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    expect(await app.strapi.db.query('api::audit-log.audit-log').count({ where: { targetDocumentId: archive, action: 'move-custody' } })).toBe(1);
  });

  test.each([
    ['no body', undefined, ['archives']],
    ['an empty list', [], ['archives']],
    ['not a list', 'all', ['archives']],
    ['a malformed id', ['Not An Id'], ['archives', '0']],
    ['an id twice', ['abc', 'abc'], ['archives', '1']],
  ])('a batch with %s is a 400 naming the field', async (_case, archives, path) => {
    const response = await app.http.post('/api/student-archives/custody').set('Authorization', archiveOffice.api).send(archives === undefined ? {} : { archives });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(path);
  });

  test('a single move with a body, or of an archive that does not exist: 400 naming the field, 404', async () => {
    const archive = await enrolled(ours);
    const withBody = await app.http.post(`/api/student-archives/${archive}/custody`).set('Authorization', archiveOffice.api).send({ custody: 'transferred' });
    expect(withBody.status).toBe(400);
    expect(withBody.body.error.details.errors[0].path).toEqual(['custody']);
    expect((await move(archiveOffice.api, NOBODY)).status).toBe(404);
    expect((await archiveRow(archive)).custody).toBe('department');
  });
});

/**
 * The class roster check (seed 004 第二条, issue 17): the registry produces a class's roster, each
 * student confirms their own line or reports an error (which reaches the registry), the registry
 * resolves it, the head teacher checks first and the registry checks second and stamps, refused
 * while any line is unsettled. Scope and attack cases: a student reaches only their own line, a
 * department only its classes; bad input is a 400 naming the field; two moves at once, one wins.
 */
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent, type ActiveStudent } from '../factories/status-changes';
import { binary, sheetRows } from '../helpers/binary';
import { pdfText } from '../helpers/pdf-text';
import { startStrapi, type TestApp } from '../helpers/strapi';

type Pupil = ActiveStudent & { api: string; name: string };

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let registry: StaffActor;
let manager: StaffActor;
let otherManager: StaffActor;
let pupils: Pupil[];
let outsider: Pupil;
let withdrawn: ActiveStudent;
/** The other department's class's roster, open. */
let theirRoster: string;

const sql = <T = Record<string, any>>(text: string, bindings: unknown[] = []) => app.strapi.db.connection.raw(text, bindings as never).then((r: { rows: T[] }) => r.rows);
const get = (path: string, auth: string) => app.http.get(`/api${path}`).set('Authorization', auth);
const post = (path: string, auth: string, body: unknown = {}) => app.http.post(`/api${path}`).set('Authorization', auth).send(body as object);
const lineOf = async (rosterDocumentId: string, studentId: number) =>
  (await sql('SELECT l.* FROM roster_lines l JOIN class_rosters r ON r.id = l.roster_key WHERE r.document_id = ? AND l.student_key = ?', [rosterDocumentId, studentId]))[0];
const rosterRow = async (documentId: string) => (await sql('SELECT * FROM class_rosters WHERE document_id = ?', [documentId]))[0];
const audits = async (documentId: string) => (await sql<{ action: string }>('SELECT action FROM audit_logs WHERE target_document_id = ? ORDER BY id', [documentId])).map((r) => r.action);

async function pupil(tree: ClassTree): Promise<Pupil> {
  const student = await activeStudent(app, tree.schoolClass.documentId);
  const { name } = (await sql<{ name: string }>('SELECT name FROM students WHERE id = ?', [student.id]))[0];
  return { ...student, name, api: (await createStudentLogin(app, student.documentId)).api };
}

/** A class of a new department with `size` students and its roster open. */
async function freshRoster(size = 1): Promise<{ tree: ClassTree; roster: string; students: Pupil[] }> {
  const tree = await createClassTree(app.strapi);
  const students: Pupil[] = [];
  for (let i = 0; i < size; i += 1) students.push(await pupil(tree));
  return { tree, roster: await produce(tree), students };
}

async function produce(tree: ClassTree): Promise<string> {
  const response = await post('/class-rosters', registry.api, { schoolClass: tree.schoolClass.documentId });
  if (response.status !== 201) throw new Error(`produce: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.documentId as string;
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  registry = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  otherManager = await createStaff(app, { adminRole: 'department-manager', department: theirs.department.documentId });
  pupils = [await pupil(ours), await pupil(ours), await pupil(ours)];
  withdrawn = await activeStudent(app, ours.schoolClass.documentId);
  await sql("UPDATE students SET status = 'withdrawn' WHERE id = ?", [withdrawn.id]);
  outsider = await pupil(theirs);
  theirRoster = await produce(theirs);
});

afterAll(async () => {
  await app.stop();
});

describe('the roster check, end to end', () => {
  let roster: string;

  test('the registry produces the roster: a line per student in school with their registered data, the national ID masked', async () => {
    roster = await produce(ours);
    const stored = await rosterRow(roster);
    expect(stored).toMatchObject({ state: 'confirming', line_count: 3, pending_count: 3, confirmed_count: 0 });
    const lines = await sql('SELECT * FROM roster_lines WHERE roster_key = ? ORDER BY position', [stored.id]);
    expect(lines.map((l) => l.student_key).sort()).toEqual(pupils.map((p) => p.id).sort());
    expect(lines.map((l) => l.position)).toEqual([1, 2, 3]);
    for (const line of lines) {
      const student = (await sql('SELECT name, student_number, national_id, birth_date FROM students WHERE id = ?', [line.student_key]))[0];
      expect(line).toMatchObject({ student_name: student.name, student_number: student.student_number, state: 'pending', class_name: '测试班级', major_name: '测试专业' });
      expect(line.national_id_masked).toBe(student.national_id);
      expect(line.national_id_masked).toMatch(/^\d{3}\*{15}$/);
      expect(line.enrolled_on).not.toBeNull();
    }
    expect(await audits(roster)).toEqual(['produce-roster']);
  });

  test('the sheet parses back with the students, and the PDF names them', async () => {
    const sheet = await binary(get(`/class-rosters/${roster}/sheet`, manager.api));
    expect(sheet.status).toBe(200);
    const rows = await sheetRows(sheet.body as Buffer);
    expect(rows[2]).toEqual(expect.arrayContaining(['学号', '姓名', '身份证号', '核对情况']));
    const names = rows.slice(3).map((row) => row[2]);
    expect(names.sort()).toEqual(pupils.map((p) => p.name).sort());
    expect(rows.slice(3).every((row) => /^\d{3}\*{15}$/.test(String(row[5])))).toBe(true);

    const pdf = await binary(get(`/class-rosters/${roster}/pdf`, registry.api));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
    for (const { name } of pupils) expect(text).toContain(name);
    expect(text).toContain('学籍名册');
  });

  test('the state of every class\'s roster is listed, a department seeing its own classes only', async () => {
    const listed = async (auth: string) => ((await get('/class-rosters?pagination[pageSize]=100', auth)).body.data as Array<{ documentId: string; state: string }>).map((r) => r.documentId);
    expect(await listed(registry.api)).toEqual(expect.arrayContaining([roster, theirRoster]));
    expect(await listed(manager.api)).toContain(roster);
    expect(await listed(manager.api)).not.toContain(theirRoster);
    expect(await listed(otherManager.api)).not.toContain(roster);
    const one = await get(`/class-rosters/${roster}`, manager.api);
    expect(one.body.data).toMatchObject({ state: 'confirming', lineCount: 3, pendingCount: 3 });
    expect(one.body.data.departmentScope).toBeUndefined();
  });

  test('students confirm their own line; one reports an error, which reaches the registry as a notice', async () => {
    const [first, second] = pupils;
    const mine = await get('/me/roster-line', first.api);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({ studentName: first.name, state: 'pending', roster: { documentId: roster, state: 'confirming' } });
    expect(mine.body.data.rosterKey).toBeUndefined();

    const confirmed = await post('/me/roster-line/confirm', first.api);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.state).toBe('confirmed');

    const reported = await post('/me/roster-line/report-error', second.api, { field: 'birthDate', message: '出生日期应为 2006-03-01，身份证 110105200603011234 为准' });
    expect(reported.status).toBe(200);
    expect(reported.body.data).toMatchObject({ state: 'error-reported', errorField: 'birthDate' });
    // A national ID written into the message is kept masked.
    expect(reported.body.data.errorMessage).toContain('110***************');
    expect(reported.body.data.errorMessage).not.toContain('110105200603011234');

    expect(await rosterRow(roster)).toMatchObject({ pending_count: 1, confirmed_count: 1, error_count: 1 });
    const notice = (await sql("SELECT n.title, n.body, n.department_scope, l.student_id FROM notifications n LEFT JOIN notifications_student_lnk l ON l.notification_id = n.id WHERE n.title LIKE '学籍名册报错%' AND n.body LIKE ?", [`%${second.name}%`]))[0];
    expect(notice).toBeDefined();
    expect(notice.student_id).toBeNull();
    expect(notice.body).toContain('出生日期');
    // The registry reads it; the other department does not.
    const notices = async (admin: string) => {
      const response = await app.http.get('/content-manager/collection-types/api::notification.notification?page=1&pageSize=100&sort=id:DESC').set('Authorization', admin);
      expect(response.status).toBe(200);
      return (response.body.results as Array<{ title: string }>).map((n) => n.title);
    };
    expect(await notices(registry.admin)).toContain(notice.title);
    expect(await notices(manager.admin)).toContain(notice.title);
    expect(await notices(otherManager.admin)).not.toContain(notice.title);
    // ... and the student does not see the registry's task about them as their own notice.
    const own = await get('/me/notifications', second.api);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain('学籍名册报错');
    expect(await audits((await lineOf(roster, second.id)).document_id)).toEqual(['report-error']);
  });

  test('the head teacher\'s first check is the class\'s department\'s: academic affairs 403, another department 404', async () => {
    expect((await post(`/class-rosters/${roster}/head-teacher-check`, registry.api, {})).status).toBe(403);
    expect((await post(`/class-rosters/${roster}/head-teacher-check`, otherManager.api, {})).status).toBe(404);
    expect((await rosterRow(roster)).state).toBe('confirming');
    const checked = await post(`/class-rosters/${roster}/head-teacher-check`, manager.api, { note: '已逐人核对' });
    expect(checked.status).toBe(200);
    expect(checked.body.data).toMatchObject({ state: 'head-teacher-checked', headTeacherNote: '已逐人核对' });
    expect(checked.body.data.headTeacherCheckedBy).toContain(manager.email);
  });

  test('the registry\'s check is refused while lines are unconfirmed or errors open, naming how many; accepted once all are settled', async () => {
    const [, second, third] = pupils;
    const early = await post(`/class-rosters/${roster}/registry-check`, registry.api, { stampUnit: '教务处学籍管理科' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('1 名学生尚未核对确认');
    expect(early.body.error.message).toContain('1 处学生报错尚未处理');

    expect((await post('/me/roster-line/confirm', third.api)).status).toBe(200);
    const stillOpen = await post(`/class-rosters/${roster}/registry-check`, registry.api, { stampUnit: '教务处学籍管理科' });
    expect(stillOpen.status).toBe(409);
    expect(stillOpen.body.error.message).not.toContain('尚未核对确认');
    expect(stillOpen.body.error.message).toContain('1 处学生报错尚未处理');

    // The registry corrects the record, then resolves the line: it shows the record as it now stands.
    await sql("UPDATE students SET birth_date = '2006-03-01' WHERE id = ?", [second.id]);
    const line = await lineOf(roster, second.id);
    expect((await post(`/roster-lines/${line.document_id}/resolve`, manager.api, { resolution: '已更正' })).status).toBe(403);
    const resolved = await post(`/roster-lines/${line.document_id}/resolve`, registry.api, { resolution: '已按户口簿更正出生日期' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.data).toMatchObject({ state: 'resolved', resolution: '已按户口簿更正出生日期', birthDate: '2006-03-01' });

    const missing = await post(`/class-rosters/${roster}/registry-check`, registry.api, { note: '无误' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0].path).toEqual(['stampUnit']);
    const stamped = await post(`/class-rosters/${roster}/registry-check`, registry.api, { stampUnit: '教务处学籍管理科', note: '复审无误' });
    expect(stamped.status).toBe(200);
    expect(stamped.body.data).toMatchObject({ state: 'registry-checked', stampUnit: '教务处学籍管理科', confirmedCount: 2, resolvedCount: 1, errorCount: 0, pendingCount: 0 });
    expect(await audits(roster)).toEqual(['produce-roster', 'head-teacher-check', 'registry-check']);
    expect(await audits(line.document_id)).toEqual(['report-error', 'resolve-error']);
  });

  test('a stamped roster is kept as it is: no line moves, nothing is deleted, and a new roster may be produced', async () => {
    const [first] = pupils;
    expect((await post('/me/roster-line/report-error', first.api, { field: 'name', message: '名字错了' })).status).toBe(404);
    const line = await lineOf(roster, first.id);
    expect((await post('/me/roster-line/report-error', first.api, { field: 'name', message: '名字错了', line: line.document_id })).status).toBe(409);
    await expect(sql("UPDATE roster_lines SET state = 'pending' WHERE id = ?", [line.id])).rejects.toThrow(/stamped/);
    await expect(sql('DELETE FROM class_rosters WHERE document_id = ?', [roster])).rejects.toThrow(/keeps its history/);
    const again = await post('/class-rosters', registry.api, { schoolClass: ours.schoolClass.documentId });
    expect(again.status).toBe(201);
  });
});

describe('attacks', () => {
  let roster: string;
  /** Two students of a class of their own, with its roster open. */
  let pair: Pupil[];

  beforeAll(async () => {
    const tree = await createClassTree(app.strapi);
    pair = [await pupil(tree), await pupil(tree)];
    roster = await produce(tree);
  });

  test('a student reaches only their own line: another\'s by documentId is 404 on REST, lists and GraphQL show only theirs', async () => {
    const [a, b] = pair;
    const lineA = await lineOf(roster, a.id);
    const lineB = await lineOf(roster, b.id);
    expect((await get(`/roster-lines/${lineB.document_id}`, a.api)).status).toBe(404);
    expect((await get(`/roster-lines/${lineA.document_id}`, a.api)).status).toBe(200);
    const listed = (await get('/roster-lines?pagination[pageSize]=100', a.api)).body.data.map((l: { documentId: string }) => l.documentId);
    expect(listed).toEqual([lineA.document_id]);
    const graphql = await app.http.post('/graphql').set('Authorization', a.api).send({ query: '{ rosterLines(pagination: { pageSize: 100 }) { documentId studentName } }' });
    expect(graphql.body.data.rosterLines.map((l: { documentId: string }) => l.documentId)).toEqual([lineA.document_id]);
    const filtered = await get(`/roster-lines?filters[studentName][$eq]=${encodeURIComponent(b.name)}`, a.api);
    expect(filtered.body.data).toEqual([]);
    // Nor the roster itself, nor the registry's steps.
    expect((await get(`/class-rosters/${roster}`, a.api)).status).toBe(403);
    expect((await get(`/class-rosters/${roster}/sheet`, a.api)).status).toBe(403);
    expect((await post(`/roster-lines/${lineB.document_id}/resolve`, a.api, { resolution: 'x' })).status).toBe(403);
  });

  test('a student cannot confirm or report another\'s line (404, the line unchanged)', async () => {
    const [a, b] = pair;
    const lineB = await lineOf(roster, b.id);
    expect((await post('/me/roster-line/confirm', a.api, { line: lineB.document_id })).status).toBe(404);
    expect((await post('/me/roster-line/report-error', a.api, { line: lineB.document_id, field: 'name', message: '不是我' })).status).toBe(404);
    expect((await lineOf(roster, b.id)).state).toBe('pending');
    // A student of another class has no open line in it either.
    expect((await post('/me/roster-line/confirm', outsider.api, { line: lineB.document_id })).status).toBe(404);
  });

  test('a department cannot read or check another department\'s class roster (404), nor produce or stamp one (403)', async () => {
    expect((await get(`/class-rosters/${theirRoster}`, manager.api)).status).toBe(404);
    expect((await get(`/class-rosters/${theirRoster}/sheet`, manager.api)).status).toBe(404);
    expect((await get(`/class-rosters/${theirRoster}/pdf`, manager.api)).status).toBe(404);
    expect((await post(`/class-rosters/${theirRoster}/head-teacher-check`, manager.api, {})).status).toBe(404);
    const theirLine = await lineOf(theirRoster, outsider.id);
    expect((await get(`/roster-lines/${theirLine.document_id}`, manager.api)).status).toBe(404);
    expect((await post('/class-rosters', manager.api, { schoolClass: ours.schoolClass.documentId })).status).toBe(403);
    expect((await post(`/class-rosters/${theirRoster}/registry-check`, otherManager.api, { stampUnit: '系部' })).status).toBe(403);
    expect((await rosterRow(theirRoster)).state).toBe('confirming');
  });

  test.each([
    ['report-error', 'field', { field: 'shoeSize', message: '鞋码错了' }],
    ['report-error', 'message', { field: 'name' }],
    ['report-error', 'message', { field: 'name', message: 'x'.repeat(501) }],
    ['report-error', 'line', { field: 'name', message: '错了', line: 'not a document id!' }],
    ['confirm', 'signature', { signature: '张三' }],
  ])('bad input to %s is a 400 naming %s, nothing written', async (action, field, body) => {
    const [a] = pair;
    const response = await post(`/me/roster-line/${action}`, a.api, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expect((await lineOf(roster, a.id)).state).toBe('pending');
  });

  test.each([
    [{}, 'schoolClass'],
    [{ schoolClass: 'nosuchclass0000000000000' }, 'schoolClass'],
    [{ schoolClass: 42 }, 'schoolClass'],
    [{ schoolClass: 'x', schoolYear: '2035-2037' }, 'schoolYear'],
    [{ schoolClass: 'x', pages: 3 }, 'pages'],
  ])('producing a roster with %j is a 400 naming %s', async (body, field) => {
    const before = Number((await sql('SELECT count(*) AS n FROM class_rosters'))[0].n);
    const response = await post('/class-rosters', registry.api, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expect(Number((await sql('SELECT count(*) AS n FROM class_rosters'))[0].n)).toBe(before);
  });

  test('a second roster for a class with one open is a 409; two at once: one is made', async () => {
    expect((await post('/class-rosters', registry.api, { schoolClass: theirs.schoolClass.documentId })).status).toBe(409);
    const tree = await createClassTree(app.strapi);
    await pupil(tree);
    const answers = await Promise.all([0, 1].map(() => post('/class-rosters', registry.api, { schoolClass: tree.schoolClass.documentId })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await sql('SELECT id FROM class_rosters WHERE class_key = (SELECT id FROM school_classes WHERE document_id = ?)', [tree.schoolClass.documentId])).toHaveLength(1);
  });

  test('a double confirm at once: one wins, the other 409, the line counted once', async () => {
    const { roster, students } = await freshRoster(2);
    const [a] = students;
    const answers = await Promise.all([0, 1].map(() => post('/me/roster-line/confirm', a.api)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)?.body.error.message).toContain('学生已确认');
    expect(await rosterRow(roster)).toMatchObject({ confirmed_count: 1, pending_count: 1 });
    expect(await audits((await lineOf(roster, a.id)).document_id)).toEqual(['confirm-line']);
  });

  test('two head-teacher checks at once: one moves the roster, the other 409', async () => {
    const { tree, roster } = await freshRoster();
    const teacher = await createStaff(app, { adminRole: 'department-clerk', department: tree.department.documentId, position: 'clerk' });
    const answers = await Promise.all([0, 1].map(() => post(`/class-rosters/${roster}/head-teacher-check`, teacher.api, {})));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await audits(roster)).toEqual(['produce-roster', 'head-teacher-check']);
  });

  test('nobody writes rosters or lines through the Content Manager', async () => {
    const superAdmin = await createStaff(app, { adminRole: 'strapi-super-admin', office: 'academic-affairs' });
    const line = await lineOf(roster, pair[1].id);
    const edit = await app.http.put(`/content-manager/collection-types/api::roster-line.roster-line/${line.document_id}`).set('Authorization', superAdmin.admin).send({ state: 'confirmed' });
    expect(edit.status).toBe(403);
    expect((await lineOf(roster, pair[1].id)).state).toBe('pending');
  });
});

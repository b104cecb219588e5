/**
 * The audit list's names (GET /student-records/audit/labels) and the requests' filers
 * (GET /student-records/status-changes/applicants): people by name, records by what a person
 * recognises, only for callers who may read the rows, and never a record outside their scope.
 */
import { recordAudit } from '../../src/services/audit/record';
import { SYSTEM_WRITTEN_TYPES } from '../../src/services/home-widgets';
import type { Actor } from '../../src/services/scope/actor';
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent, createRequest, suspensionData, type ActiveStudent } from '../factories/status-changes';
import { adminToken } from '../helpers/admin';
import { startStrapi, type TestApp } from '../helpers/strapi';

const LABELS = '/student-records/audit/labels';
const APPLICANTS = '/student-records/status-changes/applicants';
const STUDENT = 'api::student.student';
const AUDIT_LOG = 'api::audit-log.audit-log';

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let academic: StaffActor;
/** School leadership's role, but a member of our department only: reads the log, scoped to us. */
let ourReader: StaffActor;
let clerk: StaffActor;
let ourStudent: ActiveStudent & { name: string };
let theirStudent: ActiveStudent & { name: string };

function actor(kind: Actor['kind'], id: number | null, label: string): Actor {
  return { kind, channel: kind === 'admin' ? 'admin' : 'rest', id, label, roles: ['测试角色'], ip: null, scope: { kind: 'all' } };
}

let sequence = 0;
/** Writes one audit row as `who` and returns its document id. */
async function entry(who: Actor, targetType: string, targetDocumentId: string | null): Promise<string> {
  sequence += 1;
  const reason = `labels-test-${Date.now()}-${sequence}`;
  await recordAudit(app.strapi, { action: 'update', targetType, targetDocumentId, fields: ['name'], reason }, who);
  const row = (await app.strapi.db.query(AUDIT_LOG).findOne({ where: { reason } })) as { documentId: string };
  return row.documentId;
}

async function labels(auth: string, ids: string[]) {
  return app.http.get(`${LABELS}?entries=${ids.join(',')}`).set('Authorization', auth);
}

async function named(classDocumentId: string) {
  const student = await activeStudent(app, classDocumentId);
  const stored = (await app.strapi.db.query(STUDENT).findOne({ where: { id: student.id } })) as { name: string; studentNumber: string };
  return { ...student, name: stored.name, studentNumber: stored.studentNumber };
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  academic = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  ourReader = await createStaff(app, { adminRole: 'school-leadership', department: ours.department.documentId });
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId, position: 'clerk' });
  ourStudent = await named(ours.schoolClass.documentId);
  theirStudent = await named(theirs.schoolClass.documentId);
});
afterAll(async () => {
  await app.stop();
});

describe('audit labels: who and what, in words', () => {
  test('names an admin by name, a student login by the student, the system as 系统, and each target type by what it is', async () => {
    // Given rows by an admin, a student's login and the system, on records of several types
    const login = await createStudentLogin(app, ourStudent.documentId);
    const department = (await app.strapi.db.query('api::department.department').findOne({ where: { documentId: ours.department.documentId } })) as { name: string };
    const office = (await app.strapi.db.query('api::office.office').findOne({ where: { kind: 'student-affairs' } })) as { documentId: string; name: string };
    const request = await createRequest(app, clerk.api, suspensionData(ourStudent.documentId));
    const admin = actor('admin', academic.adminUserId, academic.email);
    const rows = {
      student: await entry(admin, STUDENT, ourStudent.documentId),
      schoolClass: await entry(actor('user', login.userId, 'x'), 'api::school-class.school-class', ours.schoolClass.documentId),
      major: await entry(actor('system', null, 'system'), 'api::major.major', ours.major.documentId),
      department: await entry(admin, 'api::department.department', ours.department.documentId),
      office: await entry(admin, 'api::office.office', office.documentId),
      request: await entry(actor('user', clerk.userId, clerk.email), 'api::status-change.status-change', request.documentId),
      calendar: await entry(admin, 'api::calendar-day.calendar-day', 'nosuchdocument0000000000'),
      token: await entry(actor('api-token', 7, 'API token 招生系统'), STUDENT, null),
    };
    // When academic affairs asks for their labels in one call
    const response = await labels(academic.admin, Object.values(rows));
    // Then each row names the person and the record as a person recognises them
    expect(response.status).toBe(200);
    const data = response.body.data;
    const student = `${ourStudent.name}（${ourStudent.studentNumber}）`;
    expect(data[rows.student]).toEqual({ actor: '测试 教师', target: student, targetFound: true });
    expect(data[rows.schoolClass]).toEqual({ actor: student, target: '测试班级', targetFound: true });
    expect(data[rows.major]).toEqual({ actor: '系统', target: '测试专业', targetFound: true });
    expect(data[rows.department].target).toBe(department.name);
    expect(data[rows.office].target).toBe(office.name);
    // A staff member's content-API login is not a student: named by the username
    expect(data[rows.request]).toEqual({ actor: clerk.email.split('@')[0], target: `${ourStudent.name} 休学`, targetFound: true });
    // A record that is gone is named by its type
    expect(data[rows.calendar]).toEqual({ actor: '测试 教师', target: '校历日', targetFound: false });
    expect(data[rows.token]).toEqual({ actor: 'API 令牌 招生系统', target: '学生学籍', targetFound: false });
    // And no email is shown anywhere
    expect(JSON.stringify(data)).not.toContain('@');
  });

  test('a reader scoped to one department gets no label of a record outside it, nor the name of a student outside it', async () => {
    // Given rows on a student of each department, and one by the other department's student's login
    const theirLogin = await createStudentLogin(app, theirStudent.documentId);
    const admin = actor('admin', academic.adminUserId, academic.email);
    const onOurs = await entry(admin, STUDENT, ourStudent.documentId);
    const onTheirs = await entry(admin, STUDENT, theirStudent.documentId);
    const byTheirs = await entry(actor('user', theirLogin.userId, 'x'), 'api::school-class.school-class', theirs.schoolClass.documentId);
    // When the reader of our department asks
    const response = await labels(ourReader.admin, [onOurs, onTheirs, byTheirs]);
    // Then our student is named, theirs is only 学生学籍, exactly as a deleted record
    expect(response.status).toBe(200);
    expect(response.body.data[onOurs].target).toBe(`${ourStudent.name}（${ourStudent.studentNumber}）`);
    expect(response.body.data[onTheirs]).toMatchObject({ target: '学生学籍', targetFound: false });
    expect(response.body.data[byTheirs]).toMatchObject({ target: '班级', targetFound: false });
    expect(JSON.stringify(response.body)).not.toContain(theirStudent.name);
    // While academic affairs (the whole school) sees both
    const school = await labels(academic.admin, [onTheirs, byTheirs]);
    expect(school.body.data[onTheirs].target).toBe(`${theirStudent.name}（${theirStudent.studentNumber}）`);
    expect(school.body.data[byTheirs].actor).toBe(`${theirStudent.name}（${theirStudent.studentNumber}）`);
  });

  test('a role that may not read the audit log gets 403 and no label', async () => {
    const row = await entry(actor('admin', academic.adminUserId, academic.email), STUDENT, ourStudent.documentId);
    const response = await labels(clerk.admin, [row]);
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain(ourStudent.name);
    // Nor without logging in
    expect((await app.http.get(`${LABELS}?entries=${row}`)).status).toBe(401);
  });

  test.each([
    ['no entries', ''],
    ['an empty list', '?entries='],
    ['an id with spaces', '?entries=abc%20def'],
    ['an id with an operator', '?entries[$ne]=x'],
    ['more than a page', `?entries=${Array.from({ length: 101 }, (_, i) => `doc${i}`).join(',')}`],
  ])('%s: 400 naming the parameter, no 500', async (_name, query) => {
    const response = await app.http.get(`${LABELS}${query}`).set('Authorization', academic.admin);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['entries']);
  });

  test('unknown entry ids are left out', async () => {
    const response = await labels(academic.admin, ['nosuchdocument0000000000']);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({});
  });
});

describe('applicants: who filed a request, by name and unit', () => {
  test('a clerk is named with department and post, a student filing their own request as 学生本人; requests outside the scope are left out', async () => {
    // Given a request filed by the clerk, one filed by a student of theirs through the portal
    const department = (await app.strapi.db.query('api::department.department').findOne({ where: { documentId: ours.department.documentId } })) as { name: string };
    const byClerk = await createRequest(app, clerk.api, suspensionData(ourStudent.documentId));
    const filer = await named(theirs.schoolClass.documentId);
    const login = await createStudentLogin(app, filer.documentId);
    const own = await app.http.post('/api/me/status-changes').set('Authorization', login.api).send({ data: { ...suspensionData(filer.documentId), student: undefined } });
    expect(own.status).toBe(201);
    const byStudent = own.body.data.documentId as string;
    // When academic affairs asks
    const ids = [byClerk.documentId, byStudent];
    const response = await app.http.get(`${APPLICANTS}?documentIds=${ids.join(',')}`).set('Authorization', academic.admin);
    // Then the clerk is named with department and post, never by email
    expect(response.status).toBe(200);
    expect(response.body.data[byClerk.documentId]).toBe(`测试教师（${department.name} 教务员）`);
    expect(response.body.data[byStudent]).toBe(`${filer.name}（学生本人）`);
    // And our department's reader sees only our request
    const scoped = await app.http.get(`${APPLICANTS}?documentIds=${ids.join(',')}`).set('Authorization', ourReader.admin);
    expect(Object.keys(scoped.body.data)).toEqual([byClerk.documentId]);
  });

  test('bad input: 400 naming documentIds', async () => {
    const response = await app.http.get(`${APPLICANTS}?documentIds=a;b`).set('Authorization', academic.admin);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['documentIds']);
  });
});

describe('the audit log is read-only in the admin, for the super admin too', () => {
  test('the super admin holds only read on it: the admin offers no create, clone, edit or delete, and the server refuses them', async () => {
    // Given a super admin
    const token = await adminToken(app);
    // When the admin asks what they may do
    const permissions = (await app.http.get('/admin/users/me/permissions').set('Authorization', token)).body.data as Array<{ action: string; subject: string | null }>;
    // Then on the audit log they may read, and nothing else
    expect(permissions.filter((p) => p.subject === AUDIT_LOG).map((p) => p.action)).toEqual(['plugin::content-manager.explorer.read']);
    // While every other content type keeps its create permission
    expect(permissions.some((p) => p.subject === STUDENT && p.action === 'plugin::content-manager.explorer.create')).toBe(true);
    // And the Content Manager's write routes on the log are refused
    const row = await entry(actor('system', null, 'system'), STUDENT, ourStudent.documentId);
    const base = `/content-manager/collection-types/${AUDIT_LOG}`;
    expect((await app.http.post(base).set('Authorization', token).send({ action: 'update', actorType: 'system', channel: 'system', occurredAt: new Date().toISOString() })).status).toBe(403);
    expect((await app.http.post(`${base}/clone/${row}`).set('Authorization', token).send({})).status).toBe(403);
    expect((await app.http.put(`${base}/${row}`).set('Authorization', token).send({ reason: 'x' })).status).toBe(403);
    expect((await app.http.delete(`${base}/${row}`).set('Authorization', token)).status).toBe(403);
    expect(await app.strapi.db.query(AUDIT_LOG).findOne({ where: { documentId: row } })).not.toBeNull();
  });
});

describe("the home page's 最近编辑的记录 lists edits, not the system's logs", () => {
  test('a student edited before five audit entries and a decision is still listed; no log row is', async () => {
    // Given a student academic affairs edits in the Content Manager
    const base = `/content-manager/collection-types/${STUDENT}/${ourStudent.documentId}`;
    const form = await app.http.get(base).set('Authorization', academic.admin);
    expect(form.status).toBe(200);
    expect((await app.http.put(base).set('Authorization', academic.admin).send({ ...form.body.data, ethnicity: '回族' })).status).toBe(200);
    // And then the system writes more log rows than the widget has lines
    for (let i = 0; i < 5; i += 1) await entry(actor('admin', academic.adminUserId, '教务处'), STUDENT, ourStudent.documentId);
    // (academic affairs may read the audit log: without the rule those rows would fill the widget)
    expect((await app.http.get(`/content-manager/collection-types/${AUDIT_LOG}?page=1&pageSize=1`).set('Authorization', academic.admin)).status).toBe(200);
    // When the home page asks for the recently edited records
    const recent = await app.http.get('/content-manager/homepage/recent-documents?action=update').set('Authorization', academic.admin);
    expect(recent.status).toBe(200);
    const types = (recent.body.data as Array<{ contentTypeUid: string; documentId: string }>).map((d) => d.contentTypeUid);
    // Then the edited student is there and no log is
    expect(recent.body.data.map((d: { documentId: string }) => d.documentId)).toContain(ourStudent.documentId);
    expect(types.filter((uid) => SYSTEM_WRITTEN_TYPES.has(uid))).toEqual([]);
    expect([...SYSTEM_WRITTEN_TYPES]).toEqual(expect.arrayContaining([AUDIT_LOG, 'api::notification.notification']));
  });
});

/**
 * The audit log (issue 4): every write through REST, GraphQL, the Content Manager or the system
 * leaves one row naming who, how, what and which fields (by name, never a value); refused writes
 * leave none; the log itself is append-only and reachable in the admin panel only.
 */
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { adminToken } from '../helpers/admin';
import { auditRows as auditRowsOf, wholeAuditTable as wholeAuditTableOf } from '../helpers/audit';
import { startStrapi, type TestApp } from '../helpers/strapi';

const STUDENT = 'api::student.student';
const AUDIT_LOG = 'api::audit-log.audit-log';
const CM_STUDENTS = `/content-manager/collection-types/${STUDENT}`;
const CM_AUDIT = `/content-manager/collection-types/${AUDIT_LOG}`;

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let manager: StaffActor;
let academic: StaffActor;
let superAdmin: string;

const auditRows = (targetDocumentId: string) => auditRowsOf(app, targetDocumentId);
const wholeAuditTable = () => wholeAuditTableOf(app);

async function createStudent(tree: ClassTree, overrides: Record<string, unknown> = {}) {
  const input = studentInput(tree.schoolClass.documentId, overrides);
  const response = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: input });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return { documentId: response.body.data.documentId as string, input };
}

/** The body the Content Manager's edit view sends on save: the attributes, relations left alone. */
function editViewForm(document: Record<string, unknown>): Record<string, unknown> {
  const { id, documentId, createdAt, updatedAt, publishedAt, createdBy, updatedBy, locale, localizations, ...attributes } = document;
  const untouched = { connect: [], disconnect: [] };
  return { ...attributes, department: untouched, major: untouched, schoolClass: untouched, user: untouched };
}

/** Any audit row, written the way the application writes them. */
async function someAuditRow(): Promise<{ documentId: string; id: number }> {
  const { documentId } = await createStudent(ours);
  const [row] = await auditRows(documentId);
  return { documentId: row.document_id, id: row.id };
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  academic = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  superAdmin = await adminToken(app);
});
afterAll(async () => {
  await app.stop();
});

describe('every write leaves one row, with field names only', () => {
  test('REST create by a department manager', async () => {
    // Given a new student's data with personal data
    const input = studentInput(ours.schoolClass.documentId, { phone: '13712345678', homeAddress: '广东省广州市审计路8号', ethnicity: '汉族' });
    // When the manager admits them through REST
    const response = await app.http.post('/api/students').set('Authorization', manager.api).send({ data: input });
    expect(response.status).toBe(201);
    // Then one row names the manager, the channel, the record and the fields sent
    const rows = await auditRows(response.body.data.documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', actor_type: 'user', actor_id: manager.userId, actor_label: manager.email, actor_roles: '教职工', channel: 'rest', target_type: STUDENT, reason: null });
    expect([...rows[0].fields].sort()).toEqual(['ethnicity', 'homeAddress', 'name', 'nationalId', 'phone', 'schoolClass']);
    // And no value reached the audit table
    const table = await wholeAuditTable();
    for (const value of [input.nationalId as string, '13712345678', '审计路8号', input.name as string]) expect(table).not.toContain(value);
  });

  test('REST update names only the fields that changed', async () => {
    const { documentId } = await createStudent(ours);
    const response = await app.http.put(`/api/students/${documentId}`).set('Authorization', manager.api).send({ data: { ethnicity: '回族', phone: '13698765432' } });
    expect(response.status).toBe(200);
    const rows = await auditRows(documentId);
    expect(rows.map((row) => row.action)).toEqual(['create', 'update']);
    expect(rows[1]).toMatchObject({ actor_type: 'user', actor_id: manager.userId, channel: 'rest' });
    expect([...rows[1].fields].sort()).toEqual(['ethnicity', 'phone']);
    expect(await wholeAuditTable()).not.toContain('13698765432');
  });

  test('REST delete (API token)', async () => {
    const { documentId } = await createStudent(ours);
    const response = await app.http.delete(`/api/students/${documentId}`).set('Authorization', app.auth);
    expect([200, 204]).toContain(response.status);
    const rows = await auditRows(documentId);
    expect(rows.map((row) => row.action)).toEqual(['create', 'delete']);
    expect(rows[1]).toMatchObject({ actor_type: 'api-token', channel: 'rest', target_type: STUDENT, fields: [] });
    expect(rows[1].actor_label).toMatch(/^API token test-/);
  });

  test('GraphQL update', async () => {
    const { documentId } = await createStudent(ours);
    const mutation = `mutation { updateStudent(documentId: "${documentId}", data: { ethnicity: "满族" }) { documentId ethnicity } }`;
    const response = await app.http.post('/graphql').set('Authorization', manager.api).send({ query: mutation });
    expect(response.body.errors).toBeUndefined();
    const rows = await auditRows(documentId);
    expect(rows[rows.length - 1]).toMatchObject({ action: 'update', actor_type: 'user', actor_id: manager.userId, channel: 'graphql', fields: ['ethnicity'] });
  });

  test('Content Manager save: the whole form is sent, only the changed field is named', async () => {
    // Given a student opened in the edit view, personal data shown masked
    const { documentId } = await createStudent(ours, { phone: '13511112222' });
    const opened = await app.http.get(`${CM_STUDENTS}/${documentId}`).set('Authorization', academic.admin);
    expect(opened.status).toBe(200);
    // When academic affairs saves the form (as the edit view sends it) with one field changed
    const form = editViewForm(opened.body.data);
    const saved = await app.http.put(`${CM_STUDENTS}/${documentId}`).set('Authorization', academic.admin).send({ ...form, ethnicity: '藏族' });
    expect(saved.status).toBe(200);
    // Then the row names the admin, the admin channel and that one field
    const rows = await auditRows(documentId);
    expect(rows.map((row) => row.action)).toEqual(['create', 'update']);
    expect(rows[1]).toMatchObject({ actor_type: 'admin', actor_id: academic.adminUserId, actor_label: academic.email, actor_roles: '教务处', channel: 'admin', fields: ['ethnicity'] });
    expect(await wholeAuditTable()).not.toContain('13511112222');
  });

  test('bulk admission: one create row per student, in the same transaction, field names only', async () => {
    // Given three students, with personal data, admitted at once (admissions office's API token)
    const inputs = [0, 1, 2].map((i) => studentInput(ours.schoolClass.documentId, { phone: `1371234560${i}`, homeAddress: `浙江省杭州市批量路${i}号` }));
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: inputs });
    expect(response.status).toBe(201);
    // Then each student has its create row, by the token, naming the fields its row sent
    for (const student of response.body.data as Array<{ documentId: string }>) {
      const rows = await auditRows(student.documentId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'create', actor_type: 'api-token', channel: 'rest', target_type: STUDENT, reason: null });
      expect([...rows[0].fields].sort()).toEqual(['homeAddress', 'name', 'nationalId', 'phone', 'schoolClass']);
      expect(rows[0].document_id).toMatch(/^[a-z][a-z0-9]{23}$/);
    }
    // And no value reached the audit table
    const table = await wholeAuditTable();
    for (const input of inputs) for (const value of [input.nationalId, input.phone, input.homeAddress, input.name] as string[]) expect(table).not.toContain(value);
  });

  test('bulk admission refused (one bad row): 400, no student and no row', async () => {
    const before = await wholeAuditTable();
    const inputs = [studentInput(ours.schoolClass.documentId), studentInput(ours.schoolClass.documentId, { nationalId: '123' })];
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: inputs });
    expect(response.status).toBe(400);
    expect(await wholeAuditTable()).toBe(before);
  });

  test('work the system does outside a request is logged as the system', async () => {
    // Given a department and major created by a script (no request)
    const tree = await createClassTree(app.strapi);
    // Then each has one row by the system
    const [department] = await auditRows(tree.department.documentId);
    expect(department).toMatchObject({ action: 'create', actor_type: 'system', actor_id: null, actor_label: 'system', actor_roles: '', channel: 'system', ip: null, target_type: 'api::department.department' });
    expect([...department.fields].sort()).toEqual(['code', 'name']);
    const [major] = await auditRows(tree.major.documentId);
    expect(major).toMatchObject({ action: 'create', actor_type: 'system', target_type: 'api::major.major' });
    expect([...major.fields].sort()).toEqual(['code', 'department', 'name']);
  });
});

describe('a refused write leaves no row', () => {
  test("editing another department's student: 404, no row", async () => {
    const { documentId } = await createStudent(theirs);
    const response = await app.http.put(`/api/students/${documentId}`).set('Authorization', manager.api).send({ data: { ethnicity: '回族' } });
    expect(response.status).toBe(404);
    expect((await auditRows(documentId)).map((row) => row.action)).toEqual(['create']);
  });

  test('an invalid update: 400, no row', async () => {
    const { documentId } = await createStudent(ours);
    const response = await app.http.put(`/api/students/${documentId}`).set('Authorization', manager.api).send({ data: { phone: 'not a phone' } });
    expect(response.status).toBe(400);
    expect((await auditRows(documentId)).map((row) => row.action)).toEqual(['create']);
  });

  test('a create refused for a duplicate national ID: 400, no create row, only the line of the identity match', async () => {
    const { documentId, input } = await createStudent(ours);
    const rowsBesidesMatches = async () => (await app.strapi.db.connection.raw("SELECT count(*)::int AS n FROM audit_logs WHERE action <> 'identity-match'")).rows[0].n as number;
    const before = await rowsBesidesMatches();
    const response = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(ours.schoolClass.documentId, { nationalId: input.nationalId }) });
    expect(response.status).toBe(400);
    expect(await rowsBesidesMatches()).toBe(before);
    // The match itself is logged on the record matched (src/services/identity-match.ts).
    expect((await auditRows(documentId)).map((row) => row.action)).toEqual(['create', 'identity-match']);
  });
});

describe('the audit log is append-only', () => {
  test.each([
    ['UPDATE', (id: number) => `UPDATE audit_logs SET reason = 'changed' WHERE id = ${id}`],
    ['DELETE', (id: number) => `DELETE FROM audit_logs WHERE id = ${id}`],
    ['TRUNCATE', () => 'TRUNCATE audit_logs'],
  ])('SQL %s is refused by the database and changes nothing', async (_statement, sql) => {
    const row = await someAuditRow();
    const before = await wholeAuditTable();
    await expect(app.strapi.db.connection.raw(sql(row.id))).rejects.toThrow(/append-only/);
    expect(await wholeAuditTable()).toBe(before);
  });

  test('a super admin cannot edit an audit row in the Content Manager: 403, unchanged', async () => {
    const row = await someAuditRow();
    const before = await wholeAuditTable();
    const response = await app.http.put(`${CM_AUDIT}/${row.documentId}`).set('Authorization', superAdmin).send({ reason: '篡改', action: 'reveal' });
    expect(response.status).toBe(403);
    expect(await wholeAuditTable()).toBe(before);
  });

  test('a super admin cannot delete audit rows in the Content Manager, one or many: 403, unchanged', async () => {
    const row = await someAuditRow();
    const before = await wholeAuditTable();
    const one = await app.http.delete(`${CM_AUDIT}/${row.documentId}`).set('Authorization', superAdmin);
    expect(one.status).toBe(403);
    const many = await app.http.post(`${CM_AUDIT}/actions/bulkDelete`).set('Authorization', superAdmin).send({ documentIds: [row.documentId] });
    expect(many.status).toBe(403);
    expect(await wholeAuditTable()).toBe(before);
  });

  test('a super admin cannot forge an audit row in the Content Manager: 403, nothing added', async () => {
    const before = await wholeAuditTable();
    const response = await app.http.post(CM_AUDIT).set('Authorization', superAdmin).send({ action: 'reveal', actorType: 'system', channel: 'system', occurredAt: new Date().toISOString() });
    expect(response.status).toBe(403);
    expect(await wholeAuditTable()).toBe(before);
  });

  test('academic affairs reads the log in the admin panel but cannot edit it: 403, unchanged', async () => {
    const row = await someAuditRow();
    const list = await app.http.get(`${CM_AUDIT}?filters[documentId][$eq]=${row.documentId}`).set('Authorization', academic.admin);
    expect(list.status).toBe(200);
    expect(list.body.results).toHaveLength(1);
    const before = await wholeAuditTable();
    const response = await app.http.put(`${CM_AUDIT}/${row.documentId}`).set('Authorization', academic.admin).send({ reason: '篡改' });
    expect(response.status).toBe(403);
    expect(await wholeAuditTable()).toBe(before);
  });

  test('a department manager cannot read the log', async () => {
    const response = await app.http.get(CM_AUDIT).set('Authorization', manager.admin);
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain('actorLabel');
  });
});

describe('the audit log has no content API', () => {
  test('REST: no route, even for a full-access token', async () => {
    const before = await wholeAuditTable();
    const list = await app.http.get('/api/audit-logs').set('Authorization', app.auth);
    expect(list.status).toBe(404);
    expect(list.body.data).toBeNull();
    const create = await app.http.post('/api/audit-logs').set('Authorization', app.auth).send({ data: { action: 'reveal' } });
    expect([404, 405]).toContain(create.status);
    expect(await wholeAuditTable()).toBe(before);
  });

  test('GraphQL: no query or mutation, even for a full-access token', async () => {
    const before = await wholeAuditTable();
    const query = await app.http.post('/graphql').set('Authorization', app.auth).send({ query: '{ auditLogs { documentId actorLabel } }' });
    expect(query.body.errors?.length).toBeGreaterThan(0);
    expect(query.body.data ?? null).toBeNull();
    const mutation = await app.http.post('/graphql').set('Authorization', app.auth).send({ query: 'mutation { deleteAuditLog(documentId: "x") { documentId } }' });
    expect(mutation.body.errors?.length).toBeGreaterThan(0);
    expect(await wholeAuditTable()).toBe(before);
  });
});

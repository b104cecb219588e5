/**
 * Semester registration's admin routes (src/services/registration/admin-routes.ts): the bulk
 * review of a class in the department's scope, one batch decision approving the registrations
 * whose conditions are met (and refusing the others with their reason), the 审批办理 panel's
 * timeline with conditions (live while a reviewer decides) and proofs, the actions it offers (none
 * the server would refuse) and academic affairs' decision through it, the report and
 * the unregistered list as JSON and Excel; a role without registrations is refused.
 */
import { setClock } from '../../src/services/clock';
import { activeStudent, createWorkflowWorld, type WorkflowWorld } from '../factories/status-changes';
import { createStaff, createStudentLogin } from '../factories/actors';
import { createSemester, openSemester, registrationOf, setFee, uploadProof, type TestSemester } from '../factories/registration';
import { binary, sheetRows } from '../helpers/binary';
import { startStrapi, type TestApp } from '../helpers/strapi';

const BASE = '/student-records/registration';

let app: TestApp;
let world: WorkflowWorld;
let semester: TestSemester;
/** The department's class: two with fees paid, one owing; all three submitted. */
let paid: Array<{ id: number; documentId: string; registration: string; api: string }>;
let owing: { id: number; documentId: string; registration: string; api: string };
/** Another department's student, submitted with fees paid. */
let elsewhere: { id: number; registration: string };

async function submit(auth: string, registration: string) {
  const response = await app.http.post(`/api/me/registrations/${registration}/submit`).set('Authorization', auth).send({});
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  semester = await createSemester(app);
  // Before the semester starts: the students exist when it opens.
  const year = Number(semester.code.slice(0, 4));
  setClock(`${year}-08-20T10:00:00+08:00`);
  const students = [
    await activeStudent(app, world.tree.schoolClass.documentId, { name: '注册甲' }),
    await activeStudent(app, world.tree.schoolClass.documentId, { name: '注册乙' }),
    await activeStudent(app, world.tree.schoolClass.documentId, { name: '注册丙' }),
    await activeStudent(app, world.otherTree.schoolClass.documentId, { name: '别系丁' }),
  ];
  expect((await openSemester(app, world.academicAffairs.api, semester.code)).status).toBe(200);
  setClock(`${year}-09-02T10:00:00+08:00`);
  const ready = async (student: (typeof students)[number], fee: 'paid' | 'owing') => {
    const login = await createStudentLogin(app, student.documentId);
    await setFee(app, student.id, semester.id, fee);
    const registration = (await registrationOf(app, student.id, semester.id)).documentId as string;
    await submit(login.api, registration);
    return { id: student.id, documentId: student.documentId, registration, api: login.api };
  };
  paid = [await ready(students[0], 'paid'), await ready(students[1], 'paid')];
  // The third uploads a fee proof (shown in the panel) and is then found owing by finance.
  const third = await createStudentLogin(app, students[2].documentId);
  const thirdRegistration = (await registrationOf(app, students[2].id, semester.id)).documentId as string;
  expect((await uploadProof(app, third.api, thirdRegistration, 'fee-proof', '缴费凭证.pdf')).status).toBe(201);
  await setFee(app, students[2].id, semester.id, 'owing');
  await submit(third.api, thirdRegistration);
  owing = { id: students[2].id, documentId: students[2].documentId, registration: thirdRegistration, api: third.api };
  elsewhere = await ready(students[3], 'paid');
});

afterAll(async () => {
  setClock(null);
  await app.stop();
});

describe('the bulk review of a class', () => {
  it('lists the class with its waiting registrations and their conditions, in the department manager scope only', async () => {
    const review = await app.http.get(`${BASE}/review`).query({ semester: semester.code, class: world.tree.schoolClass.documentId }).set('Authorization', world.manager.admin);
    expect(review.status).toBe(200);
    const ours = review.body.data.classes.find((c: { documentId: string }) => c.documentId === world.tree.schoolClass.documentId);
    expect(ours).toMatchObject({ waiting: 3, total: 3 });
    // The other department's class is not offered to this manager.
    expect(review.body.data.classes.map((c: { documentId: string }) => c.documentId)).not.toContain(world.otherTree.schoolClass.documentId);
    const rows = review.body.data.rows as Array<{ documentId: string; conditionsMet: boolean; conditions: Array<{ code: string; ok: boolean; label: string; reason: string }> }>;
    expect(rows.map((r) => r.documentId).sort()).toEqual([...paid.map((p) => p.registration), owing.registration].sort());
    const owingRow = rows.find((r) => r.documentId === owing.registration);
    expect(owingRow?.conditionsMet).toBe(false);
    expect(owingRow?.conditions.find((c) => c.code === 'fees')).toMatchObject({ ok: false, label: '缴费' });
    expect(owingRow?.conditions.find((c) => c.code === 'fees')?.reason).toContain('欠费');
    // Another department's manager asking for this class gets none of its rows.
    const other = await app.http.get(`${BASE}/review`).query({ semester: semester.code, class: world.tree.schoolClass.documentId }).set('Authorization', world.otherManager.admin);
    expect(other.status).toBe(200);
    expect(other.body.data.rows).toEqual([]);
  });

  it('approves in one batch those whose conditions are met and refuses the one owing fees, naming the condition', async () => {
    const items = [...paid.map((p) => ({ documentId: p.registration, step: 1 })), { documentId: owing.registration, step: 1 }];
    const response = await app.http.post(`${BASE}/decisions`).set('Authorization', world.manager.admin).send({ action: 'approve', comment: '材料齐全', items });
    expect(response.status).toBe(200);
    expect(response.body.meta).toEqual({ decided: 2, refused: 1 });
    const refused = response.body.data.find((r: { documentId: string }) => r.documentId === owing.registration);
    expect(refused).toMatchObject({ ok: false, status: 400 });
    expect(refused.error.message).toContain('注册条件未满足');
    for (const p of paid) expect((await registrationOf(app, p.id, semester.id)).state).toBe('department-reviewed');
    expect((await registrationOf(app, owing.id, semester.id)).state).toBe('submitted');
  });

  it('returns the owing one with the comment', async () => {
    const response = await app.http.post(`${BASE}/decisions`).set('Authorization', world.manager.admin).send({ action: 'return', comment: '请先缴清学费', items: [{ documentId: owing.registration, step: 1 }] });
    expect(response.body.meta).toEqual({ decided: 1, refused: 0 });
    expect((await registrationOf(app, owing.id, semester.id)).state).toBe('returned');
  });

  it('refuses a batch over another department registration as that registration only', async () => {
    const response = await app.http.post(`${BASE}/decisions`).set('Authorization', world.manager.admin).send({ action: 'approve', items: [{ documentId: elsewhere.registration }] });
    expect(response.status).toBe(200);
    expect(response.body.data[0]).toMatchObject({ ok: false, status: 404 });
    expect((await registrationOf(app, elsewhere.id, semester.id)).state).toBe('submitted');
  });
});

describe('the 审批办理 panel', () => {
  it('shows the conditions with their reasons and the proofs, and reads a proof back', async () => {
    const response = await app.http.get(`${BASE}/approvals/registration/${owing.registration}/timeline`).set('Authorization', world.manager.admin);
    expect(response.status).toBe(200);
    const timeline = response.body.data;
    expect(timeline).toMatchObject({ registrationState: 'returned', registrationStateLabel: '已退回', schoolClass: { documentId: world.tree.schoolClass.documentId } });
    expect(timeline.conditions.map((c: { code: string }) => c.code)).toEqual(['fees', 'integrity', 'health']);
    const fee = timeline.documents.find((g: { kind: string }) => g.kind === 'fee-proof');
    expect(fee.files).toHaveLength(1);
    expect(fee.files[0].name).toBe('缴费凭证.pdf');
    const file = await binary(app.http.get(`${BASE}/approvals/registration/${owing.registration}/documents/${fee.files[0].id}`).set('Authorization', world.manager.admin));
    expect(file.status).toBe(200);
    expect((file.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
    // Outside the scope: not found, neither the timeline nor the file.
    expect((await app.http.get(`${BASE}/approvals/registration/${owing.registration}/timeline`).set('Authorization', world.otherManager.admin)).status).toBe(404);
    expect((await app.http.get(`${BASE}/approvals/registration/${owing.registration}/documents/${fee.files[0].id}`).set('Authorization', world.otherManager.admin)).status).toBe(404);
  });

  it('lets academic affairs approve at its step, and then offers the department nothing', async () => {
    const before = await app.http.get(`${BASE}/approvals/registration/${paid[0].registration}/timeline`).set('Authorization', world.academicAffairs.admin);
    expect(before.body.data.allowedActions).toContain('approve');
    const done = await app.http.post(`${BASE}/approvals/registration/${paid[0].registration}/approve`).set('Authorization', world.academicAffairs.admin).send({ step: 2 });
    expect(done.status).toBe(200);
    expect((await registrationOf(app, paid[0].id, semester.id)).state).toBe('approved');
    expect(done.body.data).toMatchObject({ registrationState: 'approved', currentStep: 3 });
    const manager = await app.http.get(`${BASE}/approvals/registration/${paid[0].registration}/timeline`).set('Authorization', world.manager.admin);
    expect(manager.body.data.allowedActions).toEqual([]);
  });

  describe('when finance records the fees as owing after the student submitted', () => {
    // Given another department's registration submitted with its fees paid, waiting at the department step
    const panel = async () => (await app.http.get(`${BASE}/approvals/registration/${elsewhere.registration}/timeline`).set('Authorization', world.otherManager.admin)).body.data;
    beforeEach(() => setFee(app, elsewhere.id, semester.id, 'owing'));
    afterEach(() => setFee(app, elsewhere.id, semester.id, 'paid'));

    it('shows the conditions as they stand now, as the reviewer will be judged on them, not as kept at submission', async () => {
      const stored = await registrationOf(app, elsewhere.id, semester.id);
      expect(stored.conditionsMet).toBe(true);
      const timeline = await panel();
      expect(timeline.conditionsMet).toBe(false);
      expect(timeline.conditions.find((c: { code: string }) => c.code === 'fees')).toMatchObject({ ok: false });
      expect(timeline.conditions.find((c: { code: string }) => c.code === 'fees').reason).toContain('欠费');
    });

    it('the bulk review of the class shows them as they stand now too, as the batch will be judged', async () => {
      const review = await app.http.get(`${BASE}/review`).query({ semester: semester.code, class: world.otherTree.schoolClass.documentId }).set('Authorization', world.otherManager.admin);
      expect(review.status).toBe(200);
      const row = review.body.data.rows.find((r: { documentId: string }) => r.documentId === elsewhere.registration);
      expect((await registrationOf(app, elsewhere.id, semester.id)).conditionsMet).toBe(true);
      expect(row.conditionsMet).toBe(false);
      expect(row.conditions.find((c: { code: string }) => c.code === 'fees')).toMatchObject({ ok: false, label: '缴费' });
      // With the fees paid again, the row says so.
      await setFee(app, elsewhere.id, semester.id, 'paid');
      const again = await app.http.get(`${BASE}/review`).query({ semester: semester.code, class: world.otherTree.schoolClass.documentId }).set('Authorization', world.otherManager.admin);
      expect(again.body.data.rows.find((r: { documentId: string }) => r.documentId === elsewhere.registration).conditionsMet).toBe(true);
    });

    it('offers 退回 and not 同意, which the server would refuse', async () => {
      const timeline = await panel();
      expect(timeline.allowedActions).toContain('return');
      expect(timeline.allowedActions).not.toContain('approve');
      const refused = await app.http.post(`${BASE}/approvals/registration/${elsewhere.registration}/approve`).set('Authorization', world.otherManager.admin).send({ step: 1 });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('注册条件未满足');
      // With the fees paid again, 同意 is offered again.
      await setFee(app, elsewhere.id, semester.id, 'paid');
      expect((await panel()).allowedActions).toContain('approve');
    });
  });

  it('answers 404 for a subject that is not a registration one', async () => {
    expect((await app.http.get(`${BASE}/approvals/status-change/${paid[0].registration}/timeline`).set('Authorization', world.manager.admin)).status).toBe(404);
  });
});

describe('the report and the unregistered list', () => {
  it('counts the department in the manager scope and the whole school for academic affairs', async () => {
    const mine = await app.http.get(`${BASE}/report`).query({ semester: semester.code }).set('Authorization', world.manager.admin);
    expect(mine.status).toBe(200);
    expect(mine.body.data.departments).toHaveLength(1);
    expect(mine.body.data.school.expected).toBe(3);
    const school = await app.http.get(`${BASE}/report`).query({ semester: semester.code }).set('Authorization', world.academicAffairs.admin);
    // The school counts every department, the other one's student included; other tests of the
    // worker may have active students of their own that the opening also expected.
    const expected = await app.strapi.db.query('api::registration.registration').count({ where: { semesterKey: semester.id } });
    expect(expected).toBeGreaterThanOrEqual(4);
    expect(school.body.data.school.expected).toBe(expected);
    expect(school.body.data.departments.length).toBeGreaterThanOrEqual(2);
    const summed = school.body.data.departments.reduce((sum: number, d: { expected: number }) => sum + d.expected, 0);
    expect(summed).toBe(expected);
  });

  it('lists the students not registered yet and exports both as Excel', async () => {
    const list = await app.http.get(`${BASE}/unregistered`).query({ semester: semester.code }).set('Authorization', world.manager.admin);
    expect(list.status).toBe(200);
    expect(list.body.meta.total).toBe(3);
    const sheet = await binary(app.http.get(`${BASE}/unregistered`).query({ semester: semester.code, format: 'xlsx' }).set('Authorization', world.manager.admin));
    expect(sheet.status).toBe(200);
    const text = JSON.stringify(await sheetRows(sheet.body as Buffer));
    expect(text).toContain('未注册学生名单');
    expect(text).toContain('注册丙');
    expect(text).not.toContain('别系丁');
    const report = await binary(app.http.get(`${BASE}/report`).query({ semester: semester.code, format: 'xlsx' }).set('Authorization', world.academicAffairs.admin));
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
  });

  it('offers the semesters that have registrations', async () => {
    const response = await app.http.get(`${BASE}/semesters`).set('Authorization', world.manager.admin);
    expect(response.body.data.map((s: { code: string }) => s.code)).toContain(semester.code);
  });

  it('refuses a role that reads no registrations (403), on every route', async () => {
    const archive = await createStaff(app, { adminRole: 'archive-office', office: 'archive' });
    for (const path of ['/semesters', '/report', '/unregistered', '/review', `/approvals/registration/${paid[1].registration}/timeline`]) {
      expect((await app.http.get(`${BASE}${path}`).query({ semester: semester.code }).set('Authorization', archive.admin)).status).toBe(403);
    }
    const batch = await app.http.post(`${BASE}/decisions`).set('Authorization', archive.admin).send({ action: 'approve', items: [{ documentId: paid[1].registration }] });
    expect(batch.status).toBe(403);
    expect((await registrationOf(app, paid[1].id, semester.id)).state).toBe('department-reviewed');
  });
});

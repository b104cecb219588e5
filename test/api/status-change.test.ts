/**
 * Status changes through their approval chains (issue 5): each action and each refusal on REST,
 * the effect applied with the final approval and nowhere else, decisions that cannot change.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { setClock } from '../../src/services/clock';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, studentWithLogin, suspensionData, type WorkflowWorld } from '../factories/status-changes';

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
});

afterAll(async () => {
  await app.stop();
});

const STATUS_CHANGE = 'api::status-change.status-change';

async function stored(documentId: string) {
  return (await app.strapi.db.query(STATUS_CHANGE).findOne({ where: { documentId } })) as Record<string, any>;
}

async function studentRow(documentId: string) {
  return (await app.strapi.db.query('api::student.student').findOne({ where: { documentId }, populate: ['major', 'schoolClass'] })) as Record<string, any>;
}

async function decisionsOf(documentId: string) {
  return (await app.strapi.db.query('api::approval-decision.approval-decision').findMany({ where: { subjectDocumentId: documentId }, orderBy: [{ id: 'asc' }] })) as Array<Record<string, any>>;
}

/** A submitted general-tier suspension (department, then academic affairs). */
async function submittedSuspension() {
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
  await attachDocuments(app, request.documentId);
  const submitted = await act(app, world.manager.api, request.documentId, 'submit');
  if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return { student, documentId: request.documentId };
}

describe('the general chain, start to end', () => {
  test('a department submits, the department and academic affairs approve, and only then is the student suspended', async () => {
    // Given a submitted six-month personal suspension
    const { student, documentId } = await submittedSuspension();
    const afterSubmit = await stored(documentId);
    expect(afterSubmit).toMatchObject({ state: 'submitted', tier: 'general', round: 1, currentStep: 1 });
    expect(afterSubmit.chainSteps.map((s: { unit: string }) => s.unit)).toEqual(['department', 'academic-affairs']);
    // When the department approves, nothing happens to the student yet
    expect((await act(app, world.clerk.api, documentId, 'approve', { comment: '情况属实' })).status).toBe(200);
    expect((await stored(documentId)).currentStep).toBe(2);
    expect((await studentRow(student.documentId)).status).toBe('active');
    // When academic affairs approves the last step
    const final = await act(app, world.academicAffairs.api, documentId, 'approve', { comment: '同意' });
    // Then the request is approved and the student suspended for the period, keeping the number
    expect(final.status).toBe(200);
    expect(final.body.data.state).toBe('approved');
    const after = await studentRow(student.documentId);
    expect(after).toMatchObject({ status: 'suspended', suspensionStart: '2027-03-01', suspensionEnd: '2027-09-01', studentNumber: student.studentNumber });
    const decisions = await decisionsOf(documentId);
    expect(decisions.map((d) => [d.step, d.unit, d.decision, d.decidedBy])).toEqual([
      [1, 'department', 'approve', world.clerk.email],
      [2, 'academic-affairs', 'approve', world.academicAffairs.email],
    ]);
    const history = await app.strapi.db.query('api::status-history.status-history').findMany({ where: { statusChange: { documentId } } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ workflow: 'suspension', fromStatus: 'active', toStatus: 'suspended' });
  });

  test('every workflow action leaves an audit line naming the actor and channel', async () => {
    const { documentId } = await submittedSuspension();
    await act(app, world.manager.api, documentId, 'approve', { comment: '同意' });
    const { rows } = await app.strapi.db.connection.raw(
      "SELECT action, actor_label, channel FROM audit_logs WHERE target_document_id = ? AND action IN ('submit', 'approve') ORDER BY id",
      [documentId],
    );
    expect(rows).toEqual([
      { action: 'submit', actor_label: world.manager.email, channel: 'rest' },
      { action: 'approve', actor_label: world.manager.email, channel: 'rest' },
    ]);
  });
});

describe('who decides', () => {
  test('a manager of another department cannot see the request: 404, nothing recorded', async () => {
    const { documentId } = await submittedSuspension();
    const response = await act(app, world.otherManager.api, documentId, 'approve', { comment: 'x' });
    expect(response.status).toBe(404);
    expect(await decisionsOf(documentId)).toHaveLength(0);
  });

  test('academic affairs cannot decide the department step: 403, the step is not skipped', async () => {
    const { documentId } = await submittedSuspension();
    const response = await act(app, world.academicAffairs.api, documentId, 'approve');
    expect(response.status).toBe(403);
    expect(await stored(documentId)).toMatchObject({ state: 'submitted', currentStep: 1 });
    expect(await decisionsOf(documentId)).toHaveLength(0);
  });

  test('the same person does not decide twice on one request, even through the admin API', async () => {
    // Given a person who is both a department member and in academic affairs
    const both = await createStaffInBoth();
    const { documentId } = await submittedSuspension();
    expect((await act(app, both.api, documentId, 'approve', { comment: '系部同意' })).status).toBe(200);
    // When they try the academic-affairs step, through REST or the admin panel
    const rest = await act(app, both.api, documentId, 'approve', { comment: '教务处同意' });
    const admin = await app.http.post(`/student-records/status-changes/${documentId}/approve`).set('Authorization', both.admin).send({ comment: '教务处同意' });
    // Then both are refused and only the first decision exists
    expect(rest.status).toBe(403);
    expect(admin.status).toBe(403);
    expect(await decisionsOf(documentId)).toHaveLength(1);
  });

  test('a stale step number gets 409', async () => {
    const { documentId } = await submittedSuspension();
    await act(app, world.manager.api, documentId, 'approve', { step: 1 });
    const response = await act(app, world.academicAffairs.api, documentId, 'approve', { step: 1 });
    expect(response.status).toBe(409);
  });

  test('an API token is no member of any unit: 403', async () => {
    const { documentId } = await submittedSuspension();
    expect((await act(app, app.auth, documentId, 'approve')).status).toBe(403);
  });
});

describe('states', () => {
  test('a withdrawn request takes no decision: 409', async () => {
    const { documentId } = await submittedSuspension();
    expect((await act(app, world.manager.api, documentId, 'withdraw')).status).toBe(200);
    const response = await act(app, world.clerk.api, documentId, 'approve');
    expect(response.status).toBe(409);
    expect(response.body.error.name).toBe('ConflictError');
  });

  test('a draft cannot be approved: 409', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    expect((await act(app, world.clerk.api, request.documentId, 'approve')).status).toBe(409);
  });

  test('returned, revised and resubmitted: a new round from the first step', async () => {
    const { student, documentId } = await submittedSuspension();
    await act(app, world.clerk.api, documentId, 'approve', { comment: '同意' });
    expect((await act(app, world.academicAffairs.api, documentId, 'return', { comment: '请补充家长签字的原件' })).status).toBe(200);
    expect(await stored(documentId)).toMatchObject({ state: 'returned', currentStep: null });
    // The department revises the returned request and resubmits it
    const edit = await app.http.put(`/api/status-changes/${documentId}`).set('Authorization', world.manager.api).send({ data: { reason: '家庭原因需休学（已补充材料）' } });
    expect(edit.status).toBe(200);
    expect((await act(app, world.manager.api, documentId, 'resubmit')).status).toBe(200);
    expect(await stored(documentId)).toMatchObject({ state: 'submitted', round: 2, currentStep: 1 });
    // The clerk who approved in round 1 decides again in round 2
    expect((await act(app, world.clerk.api, documentId, 'approve', { comment: '同意' })).status).toBe(200);
    expect((await act(app, world.academicAffairs.api, documentId, 'approve', { comment: '同意' })).status).toBe(200);
    expect((await studentRow(student.documentId)).status).toBe('suspended');
    expect((await decisionsOf(documentId)).map((d) => [d.round, d.step, d.decision])).toEqual([
      [1, 1, 'approve'], [1, 2, 'return'], [2, 1, 'approve'], [2, 2, 'approve'],
    ]);
  });

  test('a rejected request ends: the student is unchanged and the student is told', async () => {
    const { student, documentId } = await submittedSuspension();
    expect((await act(app, world.manager.api, documentId, 'reject', { comment: '理由不充分' })).status).toBe(200);
    expect((await studentRow(student.documentId)).status).toBe('active');
    expect((await act(app, world.manager.api, documentId, 'resubmit')).status).toBe(409);
    const notes = await app.strapi.db.query('api::notification.notification').findMany({ where: { statusChange: { documentId } } });
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toContain('未获批准');
  });

  test.each([
    ['reject without a comment', 'reject', {}, 'comment'],
    ['return without a comment', 'return', {}, 'comment'],
    ['a step that is not a number', 'approve', { step: 'one' }, 'step'],
    ['an unknown field', 'approve', { decision: 'approve' }, 'decision'],
  ])('%s is a 400 naming the field', async (_name, action, body, field) => {
    const { documentId } = await submittedSuspension();
    const response = await act(app, world.manager.api, documentId, action, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expect(await decisionsOf(documentId)).toHaveLength(0);
  });

  test('a submitted request cannot be edited or deleted', async () => {
    const { documentId } = await submittedSuspension();
    const edit = await app.http.put(`/api/status-changes/${documentId}`).set('Authorization', world.manager.api).send({ data: { reason: '改' } });
    const remove = await app.http.delete(`/api/status-changes/${documentId}`).set('Authorization', app.auth);
    expect(edit.status).toBe(403);
    expect(remove.status).toBe(403);
    expect(await stored(documentId)).toBeTruthy();
  });

  test('an ineligible request is not submitted: 400 naming the field', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, { ...suspensionData(student.documentId, 7) });
    await attachDocuments(app, request.documentId);
    const response = await act(app, world.manager.api, request.documentId, 'submit');
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['suspensionEnd']);
    expect((await stored(request.documentId)).state).toBe('draft');
  });

  test('a student has one request under way at a time', async () => {
    const { student } = await submittedSuspension();
    const second = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    await attachDocuments(app, second.documentId);
    const response = await act(app, world.manager.api, second.documentId, 'submit');
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['student']);
  });
});

describe('writing requests', () => {
  test.each([
    ['state', 'approved'],
    ['tier', 'general'],
    ['currentStep', 2],
    ['round', 3],
    ['chainSteps', [{ unit: 'department', deadlineDays: 1, label: 'x' }]],
  ])('a request cannot be created with %s set: 400', async (field, value) => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const response = await app.http.post('/api/status-changes').set('Authorization', world.manager.api).send({ data: { ...suspensionData(student.documentId), [field]: value } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
  });

  test('a department cannot file for another department\'s student: 400 naming student', async () => {
    const theirs = await activeStudent(app, world.otherTree.schoolClass.documentId);
    const response = await app.http.post('/api/status-changes').set('Authorization', world.manager.api).send({ data: suspensionData(theirs.documentId) });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['student']);
  });

  test('a department manager files a request in the Content Manager, with the body the admin sends', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const response = await app.http
      .post('/content-manager/collection-types/api::status-change.status-change')
      .set('Authorization', world.manager.admin)
      .send({
        ...suspensionData(student.documentId),
        student: { connect: [{ documentId: student.documentId }], disconnect: [] },
        department: { connect: [], disconnect: [] },
        chain: { connect: [], disconnect: [] },
        state: 'draft',
        round: 0,
        tier: null,
        chainSteps: null,
      });
    expect(response.status).toBe(201);
    const row = await stored(response.body.data.documentId);
    expect(row).toMatchObject({ state: 'draft', round: 0, departmentScope: expect.any(Number) });
    const timeline = await app.http.get(`/student-records/status-changes/${row.documentId}/timeline`).set('Authorization', world.manager.admin);
    expect(timeline.body.data).toMatchObject({ state: 'draft', department: { documentId: world.tree.department.documentId }, allowedActions: ['submit', 'withdraw'] });
  });

  test.each([
    ['targetMajor', () => world.otherTree.major.documentId],
    ['averageScore', () => 'not a number'],
    ['receivingSchool', () => 'x'.repeat(300)],
    ['incomingNationalId', () => '123'],
  ])('a suspension sent with %s (a field of another type) is a 400 naming it, and nothing is written', async (field, value) => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const response = await app.http.post('/api/status-changes').set('Authorization', app.auth).send({ data: { ...suspensionData(student.documentId), [field]: value() } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expect(await app.strapi.db.query(STATUS_CHANGE).count({ where: { student: { documentId: student.documentId } } })).toBe(0);
  });

  test('a department cannot fill in grades: 403', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const majorChange = { student: student.documentId, type: 'change-of-major', reason: '兴趣', targetMajor: world.otherTree.major.documentId, targetClass: world.otherTree.schoolClass.documentId };
    const response = await app.http.post('/api/status-changes').set('Authorization', world.manager.api).send({ data: { ...majorChange, averageScore: 95 } });
    expect(response.status).toBe(403);
  });
});

describe('the student\'s record moves only through changes', () => {
  test.each([
    ['status', () => 'suspended'],
    ['studentNumber', () => '209901010101'],
    ['schoolClass', () => world.otherTree.schoolClass.documentId],
    ['major', () => world.otherTree.major.documentId],
  ])('PUT /api/students with %s is a 400 naming it, for a full-access token too', async (field, value) => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const response = await app.http.put(`/api/students/${student.documentId}`).set('Authorization', app.auth).send({ data: { [field]: value() } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expect((await studentRow(student.documentId)).status).toBe('active');
  });
});

describe('the student\'s record in the admin panel', () => {
  test.each([
    ['status', () => 'suspended'],
    ['schoolClass', () => ({ connect: [{ documentId: world.otherTree.schoolClass.documentId }], disconnect: [] })],
  ])('a super admin saving a student with a new %s gets 400 naming it', async (field, value) => {
    const { adminToken } = await import('../helpers/admin');
    const auth = await adminToken(app);
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const base = '/content-manager/collection-types/api::student.student';
    const one = await app.http.get(`${base}/${student.documentId}`).set('Authorization', auth);
    const response = await app.http.put(`${base}/${student.documentId}`).set('Authorization', auth).send({ ...one.body.data, [field]: value() });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    const row = await studentRow(student.documentId);
    expect([row.status, row.schoolClass.documentId]).toEqual(['active', world.tree.schoolClass.documentId]);
  });
});

describe('decisions are kept as written', () => {
  test('the database refuses UPDATE and DELETE on decisions and history', async () => {
    const { documentId } = await submittedSuspension();
    await act(app, world.manager.api, documentId, 'approve', { comment: '同意' });
    await expect(app.strapi.db.connection.raw("UPDATE approval_decisions SET decision = 'reject' WHERE subject_document_id = ?", [documentId])).rejects.toThrow(/append-only/);
    await expect(app.strapi.db.connection.raw('DELETE FROM approval_decisions WHERE subject_document_id = ?', [documentId])).rejects.toThrow(/append-only/);
    await expect(app.strapi.db.connection.raw('DELETE FROM status_histories')).rejects.toThrow(/append-only/);
    expect((await decisionsOf(documentId))[0].decision).toBe('approve');
  });

  test('there is no API to write a decision', async () => {
    const { documentId } = await submittedSuspension();
    await act(app, world.manager.api, documentId, 'approve', { comment: '同意' });
    const [decision] = await decisionsOf(documentId);
    expect((await app.http.post('/api/approval-decisions').set('Authorization', app.auth).send({ data: { decision: 'approve' } })).status).toBe(405);
    expect([404, 405]).toContain((await app.http.put(`/api/approval-decisions/${decision.documentId}`).set('Authorization', app.auth).send({ data: { decision: 'reject' } })).status);
    expect([404, 405]).toContain((await app.http.delete(`/api/approval-decisions/${decision.documentId}`).set('Authorization', app.auth)).status);
    await expect(app.strapi.documents('api::approval-decision.approval-decision').update({ documentId: decision.documentId, data: { decision: 'reject' } as never })).rejects.toThrow();
    expect((await decisionsOf(documentId))[0].decision).toBe('approve');
  });
});

describe('the student themself', () => {
  test('creates, submits and follows their own request through /api/me, and is told the result', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const created = await app.http.post('/api/me/status-changes').set('Authorization', student.api).send({ data: { ...suspensionData(student.documentId), student: undefined } });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    await attachDocuments(app, documentId);
    expect((await act(app, student.api, documentId, 'submit')).status).toBe(200);
    expect((await act(app, student.api, documentId, 'approve')).status).toBe(403);
    expect((await act(app, world.manager.api, documentId, 'approve', { comment: '同意' })).body).toMatchObject({ data: { state: 'submitted' } });
    expect((await act(app, world.academicAffairs.api, documentId, 'approve', { comment: '同意' })).body).toMatchObject({ data: { state: 'approved' } });
    const mine = await app.http.get('/api/me/status-changes').set('Authorization', student.api);
    expect(mine.body.data.map((r: { documentId: string; state: string }) => [r.documentId, r.state])).toEqual([[documentId, 'approved']]);
    const notes = await app.http.get('/api/me/notifications').set('Authorization', student.api);
    expect(notes.body.data[0].title).toContain('已批准');
    expect((await app.http.get('/api/me').set('Authorization', student.api)).body.data.status).toBe('suspended');
  });

  test('another student\'s request is 404 to them', async () => {
    const { documentId } = await submittedSuspension();
    const other = await studentWithLogin(app, world.tree.schoolClass.documentId);
    expect((await act(app, other.api, documentId, 'withdraw')).status).toBe(404);
    expect((await app.http.get(`/api/status-changes/${documentId}/timeline`).set('Authorization', other.api)).status).toBe(404);
  });

  test('a student cannot file for someone else or set grades', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const response = await app.http.post('/api/me/status-changes').set('Authorization', student.api).send({ data: { type: 'suspension', averageScore: 99 } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['averageScore']);
  });
});

async function createStaffInBoth() {
  const { createStaff } = await import('../factories/actors');
  const person = await createStaff(app, { adminRole: 'department-manager', department: world.tree.department.documentId });
  const office = (await app.strapi.db.query('api::office.office').findOne({ where: { kind: 'academic-affairs' } })) as { documentId: string };
  const admin = (await app.strapi.db.query('admin::user').findOne({ where: { email: person.email } })) as { id: number };
  const user = (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: person.email } })) as { documentId: string };
  await app.strapi.documents('api::staff-membership.staff-membership').create({
    data: { staffName: '兼职教师', email: person.email, position: 'clerk', office: office.documentId, adminUser: admin.id, user: user.documentId, active: true } as never,
  });
  return person;
}

describe("the school's date", () => {
  afterEach(() => setClock(null));

  test('a request submitted at 07:30 in Beijing (23:30 UTC the day before) is of that day: its semester and due date count from it', async () => {
    // Given the school's clock at Monday 1 February 2027, 07:30 (still Sunday 31 January in UTC)
    setClock('2027-02-01T07:30:00+08:00');
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    await attachDocuments(app, request.documentId);
    // When the department submits it
    expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
    // Then it is of the spring semester, submitted at that instant, and its first step is due 3 working days after Monday
    const row = await stored(request.documentId);
    expect(row.semester).toBe('2026-2027-2');
    expect(new Date(row.submittedAt).toISOString()).toMatch(/^2027-01-31T23:30/);
    expect(row.currentStepDue).toBe('2027-02-04');
  });
});

describe('the inbox: what waits for my decision', () => {
  afterEach(() => setClock(null));
  const inboxOf = async (auth: string) => (await app.http.get('/api/me/inbox').set('Authorization', auth)).body.data as Array<Record<string, any>>;

  test('a submitted request waits for its department, then for academic affairs; nobody else sees it waiting', async () => {
    const { documentId } = await submittedSuspension();
    const mine = (await inboxOf(world.clerk.api)).find((item) => item.documentId === documentId);
    expect(mine).toMatchObject({ subject: 'status-change', type: 'suspension', step: 1, unit: 'department', overdue: false });
    expect((await inboxOf(world.otherManager.api)).map((item) => item.documentId)).not.toContain(documentId);
    expect((await inboxOf(world.academicAffairs.api)).map((item) => item.documentId)).not.toContain(documentId);
    // When the department approves, it leaves the department's inbox for academic affairs'
    expect((await act(app, world.clerk.api, documentId, 'approve', { comment: '同意' })).status).toBe(200);
    expect((await inboxOf(world.manager.api)).map((item) => item.documentId)).not.toContain(documentId);
    expect((await inboxOf(world.academicAffairs.api)).find((item) => item.documentId === documentId)).toMatchObject({ step: 2, unit: 'academic-affairs' });
    // The admin panel's list is the same
    const admin = await app.http.get('/student-records/inbox').set('Authorization', world.academicAffairs.admin);
    expect(admin.body.data.map((item: { documentId: string }) => item.documentId)).toContain(documentId);
  });

  test('a step past its due date is flagged overdue on the school clock', async () => {
    const { documentId } = await submittedSuspension();
    const item = (await inboxOf(world.clerk.api)).find((i) => i.documentId === documentId) as { due: string };
    setClock(`${item.due}T09:00:00+08:00`);
    expect((await inboxOf(world.clerk.api)).find((i) => i.documentId === documentId)).toMatchObject({ overdue: false });
    const next = new Date(Date.parse(`${item.due}T09:00:00+08:00`) + 24 * 3600_000);
    setClock(next);
    expect((await inboxOf(world.clerk.api)).find((i) => i.documentId === documentId)).toMatchObject({ overdue: true });
  });

  test('a student, who decides no step, has an empty inbox', async () => {
    const { api } = await studentWithLogin(app, world.tree.schoolClass.documentId);
    expect(await inboxOf(api)).toEqual([]);
  });
});

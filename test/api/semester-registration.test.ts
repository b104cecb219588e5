/**
 * Semester registration (issue 16) through the API: opening a semester, the student's submission
 * with its proofs, the department's review and academic affairs' decision on working-day
 * deadlines, the student's confirmation making a new student active, every refusal, and the
 * window's end.
 */
import { setClock } from '../../src/services/clock';
import { addWorkingDays } from '../../src/domain/calendar-months';
import { addDays, registrationWindow } from '../../src/domain/registration';
import { activeStudent, createRequest, createWorkflowWorld, studentWithLogin, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { createStudentLogin } from '../factories/actors';
import { studentInput } from '../factories/index';
import { closeWindow, createSemester, openSemester, registrationAction, registrationOf, setFee, uploadProof, type TestSemester } from '../factories/registration';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let semester: TestSemester;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  semester = await createSemester(app);
});

afterAll(async () => {
  setClock(null);
  await app.stop();
});

/** The school's clock at 10:00 on `date` of the semester's year (MM-DD), or the next year's. */
function at(monthDay: string, nextYear = false) {
  const year = Number(semester.code.slice(0, 4)) + (nextYear ? 1 : 0);
  setClock(`${year}-${monthDay}T10:00:00+08:00`);
}

describe('opening a semester', () => {
  it('creates one expected registration per student who should register, with the window on working days, once', async () => {
    at('08-25');
    const active = await activeStudent(app, world.tree.schoolClass.documentId);
    const opened = await openSemester(app, world.academicAffairs.api, semester.code);
    expect(opened.status).toBe(200);
    expect(opened.body.data.created).toBeGreaterThanOrEqual(1);
    const row = await registrationOf(app, active.id, semester.id);
    expect(row).toMatchObject({ state: 'expected', workflowState: 'draft', newStudent: false });
    const again = await openSemester(app, world.academicAffairs.api, semester.code);
    expect(again.body.data.created).toBe(0);
  });
});

/** A student of the world's class with a login, in `status`, and their registration in the semester once it is opened. */
async function studentOf(status: 'active' | 'admitted') {
  const student = status === 'active' ? await studentWithLogin(app, world.tree.schoolClass.documentId) : await admittedWithLogin();
  return student;
}

async function admittedWithLogin() {
  const created = (await app.strapi.documents('api::student.student').create({ data: studentInput(world.tree.schoolClass.documentId) as never })) as unknown as { id: number; documentId: string; studentNumber: string };
  return { id: created.id, documentId: created.documentId, studentNumber: created.studentNumber, ...(await createStudentLogin(app, created.documentId)) };
}

const mine = (auth: string) => app.http.get('/api/me/registrations').set('Authorization', auth);
const mineAction = (auth: string, documentId: string, action: 'submit' | 'confirm', body: Record<string, unknown> = {}) =>
  app.http.post(`/api/me/registrations/${documentId}/${action}`).set('Authorization', auth).send(body);

describe('the window on the school calendar', () => {
  it('closes on the 10th working day, skipping a holiday and counting a make-up Saturday', async () => {
    const own = await createSemester(app);
    const year = own.code.slice(0, 4);
    // The second and third working days are holidays; the first Saturday after the start is a make-up working day.
    const second = addWorkingDays(own.startDate, 1);
    const third = addWorkingDays(own.startDate, 2);
    const saturday = [...Array(7).keys()].map((i) => addDays(own.startDate, i)).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6) as string;
    for (const [date, kind] of [[second, 'holiday'], [third, 'holiday'], [saturday, 'make-up-workday']]) {
      await app.strapi.db.query('api::calendar-day.calendar-day').create({ data: { date, kind, name: '测试', publishedAt: new Date() } });
    }
    setClock(`${year}-08-20T10:00:00+08:00`);
    const opened = await openSemester(app, world.academicAffairs.api, own.code);
    expect(opened.status).toBe(200);
    const calendar = { holidays: new Set([second, third]), makeUpWorkdays: new Set([saturday]) };
    expect(opened.body.data.closes).toBe(registrationWindow(own.startDate, 10, calendar).closes);
    // Weekdays only would give another day: the calendar was read.
    expect(opened.body.data.closes).not.toBe(registrationWindow(own.startDate, 10, { holidays: new Set(), makeUpWorkdays: new Set() }).closes);
  });
});

describe('the flow: student, department, academic affairs, student', () => {
  it('a new student registers: a failed condition blocks the review with its reason; after the return and the proofs, each step moves and confirming makes them active', async () => {
    at('08-25');
    const student = await studentOf('admitted');
    await openSemester(app, world.academicAffairs.api, semester.code);
    const row = await registrationOf(app, student.id, semester.id);
    expect(row).toMatchObject({ state: 'expected', newStudent: true });
    at('09-02');
    // Submitted with nothing: allowed, the conditions are recorded as failing.
    const submitted = await mineAction(student.api, row.documentId, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.data).toMatchObject({ state: 'submitted', conditionsMet: false });
    expect(submitted.body.data.conditions.map((c: { code: string; ok: boolean }) => [c.code, c.ok])).toEqual([['fees', false], ['integrity', true], ['health', false]]);
    // The department cannot pass it, and is told why.
    const blocked = await registrationAction(app, world.manager.api, row.documentId, 'approve');
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.details.errors[0].path).toEqual(['conditions']);
    expect(blocked.body.error.message).toContain('健康检查');
    expect(blocked.body.error.message).toContain('缴费');
    // While it is under review the student cannot add proofs.
    expect((await uploadProof(app, student.api, row.documentId, 'health-certificate')).status).toBe(403);
    const returned = await registrationAction(app, world.manager.api, row.documentId, 'return', { comment: '请上传健康检查合格证明' });
    expect(returned.status).toBe(200);
    expect((await registrationOf(app, student.id, semester.id)).state).toBe('returned');

    expect((await uploadProof(app, student.api, row.documentId, 'health-certificate', '体检.pdf')).status).toBe(201);
    await setFee(app, student.id, semester.id, 'paid');
    const resubmitted = await mineAction(student.api, row.documentId, 'submit');
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.data).toMatchObject({ state: 'submitted', conditionsMet: true });

    const reviewed = await registrationAction(app, world.clerk.api, row.documentId, 'approve', { comment: '材料齐全' });
    expect(reviewed.status).toBe(200);
    let stored = await registrationOf(app, student.id, semester.id);
    expect(stored).toMatchObject({ state: 'department-reviewed', currentStep: 2 });
    // Academic affairs has 3 working days from the department's review.
    expect(String(stored.currentStepDue)).toBe(addWorkingDays(`${semester.code.slice(0, 4)}-09-02`, 3));

    const decided = await registrationAction(app, world.academicAffairs.api, row.documentId, 'approve');
    expect(decided.status).toBe(200);
    expect((await registrationOf(app, student.id, semester.id)).state).toBe('approved');
    const notes = await app.http.get('/api/me/notifications').set('Authorization', student.api);
    expect(JSON.stringify(notes.body)).toContain('请确认注册');

    const confirmed = await mineAction(student.api, row.documentId, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.state).toBe('registered');
    stored = await registrationOf(app, student.id, semester.id);
    expect(stored.registeredAt).not.toBeNull();
    const after = (await app.strapi.db.query('api::student.student').findOne({ where: { id: student.id } })) as { status: string };
    expect(after.status).toBe('active');
    const history = (await app.strapi.db.query('api::status-history.status-history').findMany({ where: { student: { id: student.id } } })) as Array<{ workflow: string; fromStatus: string; toStatus: string }>;
    expect(history.map((h) => [h.workflow, h.fromStatus, h.toStatus])).toContainEqual(['registration', 'admitted', 'active']);
    // Other systems and the student read the same answer.
    const forSystems = await app.http.get(`/api/students/${student.documentId}/registration`).set('Authorization', world.academicAffairs.api);
    expect(forSystems.status).toBe(200);
    expect(forSystems.body.data).toMatchObject({ semester: semester.code, state: 'registered', registered: true });
    const me = await app.http.get('/api/me').set('Authorization', student.api);
    expect(me.body.data.registration).toMatchObject({ semester: semester.code, registered: true });
  });

  it('refuses what the rules refuse: a reject, a withdrawal, the wrong step, another department, another student, a late submission', async () => {
    at('08-25');
    const student = await studentOf('active');
    const other = await studentOf('active');
    await openSemester(app, world.academicAffairs.api, semester.code);
    await setFee(app, student.id, semester.id, 'paid');
    const row = await registrationOf(app, student.id, semester.id);
    at('09-03');
    // Another student's registration is not theirs to see or submit.
    expect((await mineAction(other.api, row.documentId, 'submit')).status).toBe(404);
    expect((await mineAction(student.api, row.documentId, 'submit')).status).toBe(200);
    const reject = await registrationAction(app, world.manager.api, row.documentId, 'reject', { comment: '不同意' });
    expect(reject.status).toBe(400);
    expect(reject.body.error.details.errors[0].path).toEqual(['action']);
    // A registration is not withdrawn: the students' role has no such route, and the engine refuses it to anyone.
    expect((await registrationAction(app, student.api, row.documentId, 'withdraw')).status).toBe(403);
    const withdraw = await registrationAction(app, world.academicAffairs.api, row.documentId, 'withdraw');
    expect(withdraw.status).toBe(400);
    expect(withdraw.body.error.details.errors[0].path).toEqual(['action']);
    // Academic affairs' step has not come; the student does not review; another department does not see it.
    expect((await registrationAction(app, world.academicAffairs.api, row.documentId, 'approve')).status).toBe(403);
    expect((await registrationAction(app, student.api, row.documentId, 'approve')).status).toBe(403);
    expect((await registrationAction(app, world.otherManager.api, row.documentId, 'approve')).status).toBe(404);
    expect((await registrationOf(app, student.id, semester.id)).state).toBe('submitted');
    // The other student, past the window's last working day (the 12th working day after 09-01 at the latest), is too late.
    at('09-30');
    const otherRow = await registrationOf(app, other.id, semester.id);
    const late = await mineAction(other.api, otherRow.documentId, 'submit');
    expect(late.status).toBe(400);
    expect(late.body.error.details.errors[0].path).toEqual(['deadline']);
    expect((await registrationOf(app, other.id, semester.id)).workflowState).toBe('draft');
  });

  it('nobody writes a registration through the ordinary routes', async () => {
    at('08-25');
    const student = await studentOf('active');
    await openSemester(app, world.academicAffairs.api, semester.code);
    const row = await registrationOf(app, student.id, semester.id);
    const update = await app.http.put(`/api/registrations/${row.documentId}`).set('Authorization', world.academicAffairs.api).send({ data: { state: 'registered' } });
    expect([404, 405]).toContain(update.status);
    const cm = await app.http.put(`/content-manager/collection-types/api::registration.registration/${row.documentId}`).set('Authorization', world.academicAffairs.admin).send({ state: 'registered' });
    expect(cm.status).toBe(403);
    expect((await registrationOf(app, student.id, semester.id)).state).toBe('expected');
  });
});

describe("the window's end", () => {
  it('marks the unsubmitted missed (overdue), leaves those under review, tells the department, and is idempotent', async () => {
    const own = await createSemester(app);
    const year = own.code.slice(0, 4);
    setClock(`${year}-08-20T10:00:00+08:00`);
    const idle = await studentOf('active');
    const busy = await studentOf('active');
    await openSemester(app, world.academicAffairs.api, own.code);
    await setFee(app, busy.id, own.id, 'paid');
    setClock(`${year}-09-03T10:00:00+08:00`);
    expect((await mineAction(busy.api, (await registrationOf(app, busy.id, own.id)).documentId, 'submit')).status).toBe(200);
    const closes = (await registrationOf(app, idle.id, own.id)).windowCloses as string;
    // On the last day nothing is missed yet.
    setClock(`${closes}T20:00:00+08:00`);
    expect((await closeWindow(app, world.academicAffairs.api, own.code)).body.data.missed).toBe(0);
    setClock(`${addDays(closes, 1)}T01:00:00+08:00`);
    const refused = await closeWindow(app, world.manager.api, own.code);
    expect(refused.status).toBe(403);
    const closed = await closeWindow(app, world.academicAffairs.api, own.code);
    expect(closed.status).toBe(200);
    expect(closed.body.data.missed).toBeGreaterThanOrEqual(1);
    expect(await registrationOf(app, idle.id, own.id)).toMatchObject({ state: 'missed', overdue: true });
    expect((await registrationOf(app, busy.id, own.id)).state).toBe('submitted');
    expect((await closeWindow(app, world.academicAffairs.api, own.code)).body.data.missed).toBe(0);
    const told = await app.strapi.db.connection('notifications').where('title', 'like', `${own.code} 学期有%`).select('title', 'department_scope');
    expect(told.length).toBeGreaterThanOrEqual(1);
    // The department's staff read it in the admin; another department's do not.
    const notices = (auth: string) => app.http.get('/content-manager/collection-types/api::notification.notification?page=1&pageSize=100&sort=id:desc').set('Authorization', auth);
    const ownNotices = await notices(world.manager.admin);
    expect(ownNotices.status).toBe(200);
    expect(JSON.stringify(ownNotices.body.results)).toContain(`${own.code} 学期有`);
    const seen = async (auth: string) => ((await notices(auth)).body.results ?? []).filter((n: { title: string }) => n.title.startsWith(`${own.code} 学期有`)).length;
    const ours = ((await app.strapi.db.query('api::department.department').findOne({ where: { documentId: world.tree.department.documentId } })) as { id: number }).id;
    expect(await seen(world.manager.admin)).toBe(told.filter((n: { department_scope: number }) => n.department_scope === ours).length);
    const theirs = ((await app.strapi.db.query('api::department.department').findOne({ where: { documentId: world.otherTree.department.documentId } })) as { id: number }).id;
    expect(await seen(world.otherManager.admin)).toBe(told.filter((n: { department_scope: number }) => n.department_scope === theirs).length);
    const list = await app.http.get(`/api/registrations/unregistered?semester=${own.code}`).set('Authorization', world.manager.api);
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { studentNumber: string; state: string }) => [r.studentNumber, r.state])).toContainEqual([idle.studentNumber, 'missed']);
    const otherList = await app.http.get(`/api/registrations/unregistered?semester=${own.code}`).set('Authorization', world.otherManager.api);
    expect(otherList.body.data.map((r: { studentNumber: string }) => r.studentNumber)).not.toContain(idle.studentNumber);
    // A missed student submits no more; academic affairs may reopen it (补办), counted as late.
    const late = await mineAction(idle.api, (await registrationOf(app, idle.id, own.id)).documentId, 'submit');
    expect(late.status).toBe(400);
    const reopenedTooLong = await app.http.post(`/api/registrations/${(await registrationOf(app, idle.id, own.id)).documentId}/reopen`).set('Authorization', world.academicAffairs.api).send({ until: addDays(closes, 60) });
    expect(reopenedTooLong.status).toBe(400);
    expect(reopenedTooLong.body.error.details.errors[0].path).toEqual(['until']);
    const reopened = await app.http.post(`/api/registrations/${(await registrationOf(app, idle.id, own.id)).documentId}/reopen`).set('Authorization', world.academicAffairs.api).send({ until: addDays(closes, 7) });
    expect(reopened.status).toBe(200);
    expect(await registrationOf(app, idle.id, own.id)).toMatchObject({ state: 'expected', late: true, overdue: true });
  });

  it('a second missed semester in a row proposes a cancellation, submitted into its special chain and naming both semesters', async () => {
    const first = await createSemester(app);
    const second = await createSemester(app, { year: Number(first.code.slice(0, 4)) + 1 });
    const student = await studentOf('active');
    // Missing the same two semesters: a second student is proposed in the same run; a third, with a
    // suspension request of their own under way, is not (one open change per student).
    const alongside = await studentOf('active');
    const busy = await studentOf('active');
    let closed: Record<string, any> = {};
    for (const own of [first, second]) {
      const year = own.code.slice(0, 4);
      setClock(`${year}-08-20T10:00:00+08:00`);
      await openSemester(app, world.academicAffairs.api, own.code);
      if (own === second) await createRequest(app, world.manager.api, suspensionData(busy.documentId));
      setClock(`${year}-12-01T10:00:00+08:00`);
      const response = await closeWindow(app, world.academicAffairs.api, own.code);
      expect(response.status).toBe(200);
      closed = response.body.data;
    }
    const cancellations = async (id: number) => (await app.strapi.db.query('api::status-change.status-change').findMany({ where: { student: { id }, type: 'cancellation' } })) as Array<Record<string, any>>;
    expect(await cancellations(alongside.id)).toHaveLength(1);
    expect(await cancellations(busy.id)).toHaveLength(0);
    expect(closed.proposals).toEqual(expect.arrayContaining([(await cancellations(alongside.id))[0].documentId]));
    const proposals = await cancellations(student.id);
    expect(proposals).toHaveLength(1);
    expect(closed.proposals).toEqual(expect.arrayContaining([proposals[0].documentId]));
    expect(proposals[0]).toMatchObject({ state: 'submitted', tier: 'special', currentStep: 1, appliedBy: 'system:registration' });
    expect(proposals[0].reason).toContain(first.code);
    expect(proposals[0].reason).toContain(second.code);
    // Never a silent status update: the student is still active until the chain decides.
    expect(((await app.strapi.db.query('api::student.student').findOne({ where: { id: student.id } })) as { status: string }).status).toBe('active');
    // Academic affairs, the special chain's first step, sees it waiting in its inbox.
    const inbox = await app.http.get('/api/me/inbox').set('Authorization', world.academicAffairs.api);
    expect(JSON.stringify(inbox.body)).toContain(proposals[0].documentId);
  });
});

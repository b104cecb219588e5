/**
 * Semester registration as an attacker sees it (issue 16): another department's registrations,
 * deferrals and fee statuses through lists, exact-match filters on the student's columns, sorts,
 * populate and GraphQL; a student guessing other students' registrations, proofs and timelines;
 * batch decisions smuggling in another department's rows; two deciders at once; two openings at once.
 */
import { setClock } from '../../src/services/clock';
import { createStudentLogin } from '../factories/actors';
import { fakeNationalId } from '../factories/index';
import { activeStudent, createWorkflowWorld, type WorkflowWorld } from '../factories/status-changes';
import { createSemester, openSemester, registrationAction, registrationOf, setFee, uploadProof, type TestSemester } from '../factories/registration';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let semester: TestSemester;
type Student = Awaited<ReturnType<typeof activeStudent>> & { userId: number; api: string };
let ours: Student;
let theirs: Student;
let ourRegistration: string;
let theirRegistration: string;
const THEIR_BIRTH = '2006-06-06';

const get = (path: string, auth: string) => app.http.get(path).set('Authorization', auth);
const gql = (auth: string, query: string) => app.http.post('/graphql').set('Authorization', auth).send({ query });
const ids = (body: { data?: Array<{ documentId: string }> }) => (body.data ?? []).map((row) => row.documentId);

async function studentIn(classDocumentId: string, overrides: Record<string, unknown> = {}): Promise<Student> {
  const student = await activeStudent(app, classDocumentId, overrides);
  return { ...student, ...(await createStudentLogin(app, student.documentId)) };
}

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  semester = await createSemester(app);
  setClock(`${semester.code.slice(0, 4)}-08-25T10:00:00+08:00`);
  ours = await studentIn(world.tree.schoolClass.documentId);
  theirs = await studentIn(world.otherTree.schoolClass.documentId, { nationalId: fakeNationalId({ birthDate: THEIR_BIRTH.replace(/-/g, '') }) });
  expect((await openSemester(app, world.academicAffairs.api, semester.code)).status).toBe(200);
  ourRegistration = (await registrationOf(app, ours.id, semester.id)).documentId;
  theirRegistration = (await registrationOf(app, theirs.id, semester.id)).documentId;
  for (const student of [ours, theirs]) await setFee(app, student.id, semester.id, 'paid');
  setClock(`${semester.code.slice(0, 4)}-09-02T10:00:00+08:00`);
  expect((await uploadProof(app, theirs.api, theirRegistration, 'fee-proof')).status).toBe(201);
});

afterAll(async () => {
  setClock(null);
  await app.stop();
});

describe('a department manager', () => {
  test('lists, finds, filters and sorts only its own students\' registrations', async () => {
    const list = await get(`/api/registrations?filters[semester][code][$eq]=${semester.code}&pagination[pageSize]=100`, world.manager.api);
    expect(ids(list.body)).toContain(ourRegistration);
    expect(ids(list.body)).not.toContain(theirRegistration);
    expect((await get(`/api/registrations/${theirRegistration}`, world.manager.api)).status).toBe(404);
    // Bisecting another department's student's birth date: the same empty answer for the true and a false value.
    const hit = await get(`/api/registrations?filters[student][birthDate][$eq]=${THEIR_BIRTH}`, world.manager.api);
    const miss = await get('/api/registrations?filters[student][birthDate][$eq]=1990-01-01', world.manager.api);
    expect(ids(hit.body)).toEqual(ids(miss.body));
    const sorted = await get(`/api/registrations?sort=student.birthDate&filters[semester][code][$eq]=${semester.code}`, world.manager.api);
    expect([200, 400]).toContain(sorted.status);
    expect(ids(sorted.body)).not.toContain(theirRegistration);
  });

  test('GraphQL and populate give nothing of the other department', async () => {
    const response = await gql(world.manager.api, `{ registrations(pagination: { pageSize: 100 }) { documentId student { documentId birthDate } } }`);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(theirRegistration);
    expect(text).not.toContain(theirs.documentId);
    expect(text).not.toContain(THEIR_BIRTH);
    const fees = await gql(world.manager.api, `{ feeStatuses(pagination: { pageSize: 100 }) { status student { documentId } } }`);
    expect(JSON.stringify(fees.body)).not.toContain(theirs.documentId);
  });

  test('a batch decision naming the other department\'s registration decides ours and refuses theirs as unknown', async () => {
    setClock(`${semester.code.slice(0, 4)}-09-02T10:00:00+08:00`);
    for (const [student, registration] of [[ours, ourRegistration], [theirs, theirRegistration]] as const) {
      expect((await app.http.post(`/api/me/registrations/${registration}/submit`).set('Authorization', student.api).send({})).status).toBe(200);
    }
    const batch = await app.http.post('/api/registrations/decisions').set('Authorization', world.manager.api).send({ action: 'approve', items: [{ documentId: ourRegistration }, { documentId: theirRegistration }] });
    expect(batch.status).toBe(200);
    expect(batch.body.data.map((r: { ok: boolean; status?: number }) => [r.ok, r.status ?? 200])).toEqual([[true, 200], [false, 404]]);
    expect((await registrationOf(app, theirs.id, semester.id)).state).toBe('submitted');
    expect((await get(`/api/students/${theirs.documentId}/registration`, world.manager.api)).status).toBe(404);
    expect((await get(`/api/registrations/unregistered?semester=${semester.code}`, world.manager.api)).body.data.map((r: { documentId: string }) => r.documentId)).not.toContain(theirRegistration);
  });
});

describe('a student', () => {
  test('sees only their own registration, and nothing of another\'s: record, timeline, proofs, actions', async () => {
    const list = await get('/api/registrations?pagination[pageSize]=100', ours.api);
    expect(ids(list.body)).toEqual([ourRegistration]);
    expect((await get(`/api/registrations/${theirRegistration}`, ours.api)).status).toBe(404);
    expect((await get(`/api/registrations/${theirRegistration}/timeline`, ours.api)).status).toBe(404);
    const theirFile = ((await app.strapi.db.query('api::registration.registration').findOne({ where: { documentId: theirRegistration }, populate: { feeProof: true } })) as { feeProof: Array<{ id: number }> }).feeProof[0].id;
    expect((await get(`/api/registrations/${theirRegistration}/documents/${theirFile}`, ours.api)).status).toBe(404);
    // Their own registration does not open another's file either.
    expect((await get(`/api/registrations/${ourRegistration}/documents/${theirFile}`, ours.api)).status).toBe(404);
    expect((await uploadProof(app, ours.api, theirRegistration, 'fee-proof')).status).toBe(404);
    expect((await app.http.post(`/api/me/registrations/${theirRegistration}/confirm`).set('Authorization', ours.api).send({})).status).toBe(404);
    expect((await app.http.put(`/api/me/registrations/${theirRegistration}`).set('Authorization', ours.api).send({ healthChanged: true })).status).toBe(404);
    const fees = await get('/api/fee-statuses?pagination[pageSize]=100', ours.api);
    expect(JSON.stringify(fees.body)).not.toContain(theirs.documentId);
    expect((await get(`/api/students/${theirs.documentId}/registration`, ours.api)).status).toBe(404);
  });

  test('cannot set what the flow sets on their own registration, nor open, close or reopen anything', async () => {
    const sneaky = await app.http.put(`/api/me/registrations/${ourRegistration}`).set('Authorization', ours.api).send({ state: 'registered' });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.error.details.errors[0].path).toEqual(['state']);
    expect((await app.http.post('/api/registrations/open').set('Authorization', ours.api).send({ semester: semester.code })).status).toBe(403);
    expect((await app.http.post('/api/registrations/close-window').set('Authorization', ours.api).send({})).status).toBe(403);
    expect((await app.http.post(`/api/registrations/${ourRegistration}/reopen`).set('Authorization', ours.api).send({ until: '2100-01-01' })).status).toBe(403);
    expect((await get(`/api/registrations/report?semester=${semester.code}`, ours.api)).status).toBe(403);
  });
});

describe('at the same moment', () => {
  test('two department members approving one registration: one decision, the other told it moved', async () => {
    const student = await studentIn(world.tree.schoolClass.documentId);
    const own = await createSemester(app);
    const year = own.code.slice(0, 4);
    setClock(`${year}-08-25T10:00:00+08:00`);
    await openSemester(app, world.academicAffairs.api, own.code);
    await setFee(app, student.id, own.id, 'paid');
    setClock(`${year}-09-02T10:00:00+08:00`);
    const registration = (await registrationOf(app, student.id, own.id)).documentId;
    expect((await app.http.post(`/api/me/registrations/${registration}/submit`).set('Authorization', student.api).send({})).status).toBe(200);
    const answers = await Promise.all([world.manager, world.clerk].map((person) => registrationAction(app, person.api, registration, 'approve')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subject: 'registration', subjectDocumentId: registration } })).toBe(1);
    expect((await registrationOf(app, student.id, own.id)).currentStep).toBe(2);
  });

  test('two openings of one semester make each registration once', async () => {
    const own = await createSemester(app);
    setClock(`${own.code.slice(0, 4)}-08-25T10:00:00+08:00`);
    const [a, b] = await Promise.all([openSemester(app, world.academicAffairs.api, own.code), openSemester(app, world.academicAffairs2.api, own.code)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const total = Number((await app.strapi.db.connection('registrations').where({ semester_key: own.id }).count({ n: '*' }))[0].n);
    expect(a.body.data.created + b.body.data.created).toBe(total);
    expect(Math.min(a.body.data.created, b.body.data.created)).toBe(0);
  });
});

/**
 * A to-one relation given several targets (issue 10): the scope check read one, the write linked
 * another. Every shape naming more than one target is a 400 naming the field and writes nothing,
 * through REST, GraphQL and the Content Manager; the shapes naming one target still work.
 */
import { activeStudent, createRequest, createWorkflowWorld, type ActiveStudent, type WorkflowWorld } from '../factories/status-changes';
import { createStudentLogin } from '../factories/actors';
import { fakeNationalId } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

const STATUS_CHANGE = 'api::status-change.status-change';
const CM_STATUS_CHANGES = `/content-manager/collection-types/${STATUS_CHANGE}`;
const SIGNED = { studentSigned: true, guardianSigned: true };

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
});
afterAll(async () => {
  await app.stop();
});

type Target = { id: number; documentId: string };
/** Two targets, the one the old checks read (`checked`, last or in `set`) and another (`other`). */
type Shape = [string, (other: Target, checked: Target) => unknown];

const SEVERAL: Shape[] = [
  ['an array of two documentIds', (o, c) => [o.documentId, c.documentId]],
  ['an array of two ids', (o, c) => [o.id, c.id]],
  ['connect with two documentIds', (o, c) => ({ connect: [o.documentId, c.documentId] })],
  ['connect with two {documentId}', (o, c) => ({ connect: [{ documentId: o.documentId }, { documentId: c.documentId }] })],
  ['connect with {id} and {documentId}', (o, c) => ({ connect: [{ id: o.id }, { documentId: c.documentId }] })],
  ['connect with position objects', (o, c) => ({ connect: [{ documentId: o.documentId, position: { end: true } }, { documentId: c.documentId, position: { end: true } }] })],
  ['disconnect and connect of two', (o, c) => ({ disconnect: [], connect: [{ id: o.id, documentId: o.documentId }, { id: c.id, documentId: c.documentId }] })],
  ['set with two', (o, c) => ({ set: [{ documentId: o.documentId }, { documentId: c.documentId }] })],
  ['set beside connect', (o, c) => ({ set: [c.documentId], connect: [o.documentId] })],
];

const ONE: Array<[string, (t: Target) => unknown]> = [
  ['a documentId', (t) => t.documentId],
  ['{documentId}', (t) => ({ documentId: t.documentId })],
  ['an array of one', (t) => [t.documentId]],
  ['set of one', (t) => ({ set: [t.documentId] })],
  ['connect with a position', (t) => ({ connect: [{ documentId: t.documentId, position: { end: true } }] })],
  ['disconnect and connect of one (as the admin sends)', (t) => ({ disconnect: [], connect: [{ id: t.id, documentId: t.documentId, position: { end: true } }] })],
];

const withdrawal = (student: unknown) => ({ student, type: 'withdrawal', reason: '个人原因退学', withdrawalKind: 'voluntary', ...SIGNED });

const transferIn = (name: string, targetClass: unknown) => ({
  type: 'transfer-in', reason: '外省转入', incomingName: name, incomingNationalId: fakeNationalId(), incomingPreviousSchool: '某职业学院', targetClass, ...SIGNED,
});

/** Requests linked to a student, read from the join table itself (every link, not the first). */
async function requestLinks(studentId: number): Promise<number> {
  const { rows } = await app.strapi.db.connection.raw('SELECT count(*)::int AS n FROM status_changes_student_lnk WHERE student_id = ?', [studentId]);
  return rows[0].n;
}

async function studentLinksOf(documentId: string): Promise<number[]> {
  const { rows } = await app.strapi.db.connection.raw(
    'SELECT l.student_id FROM status_changes_student_lnk l JOIN status_changes c ON c.id = l.status_change_id WHERE c.document_id = ?',
    [documentId],
  );
  return rows.map((r: { student_id: number }) => r.student_id);
}

function expectRefusedNaming(response: { status: number; body: any }, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.error.details.errors[0].path).toEqual([field]);
}

const theirs = () => activeStudent(app, world.otherTree.schoolClass.documentId);
const ours = () => activeStudent(app, world.tree.schoolClass.documentId);
const classOf = async (documentId: string): Promise<Target> =>
  (await app.strapi.db.query('api::school-class.school-class').findOne({ where: { documentId }, select: ['id', 'documentId'] })) as Target;

describe('the reported exploits', () => {
  test('Given their student and ours, When our clerk files a withdrawal connecting both, Then 400 naming student, no request, their student untouched', async () => {
    const [victim, own] = [await theirs(), await ours()];
    const data = withdrawal({ connect: [{ documentId: victim.documentId }, { documentId: own.documentId }] });
    const response = await app.http.post('/api/status-changes').set('Authorization', world.clerk.api).send({ data });
    expectRefusedNaming(response, 'student');
    expect([await requestLinks(victim.id), await requestLinks(own.id)]).toEqual([0, 0]);
    const stored = (await app.strapi.db.query('api::student.student').findOne({ where: { id: victim.id } })) as Record<string, unknown>;
    expect(stored).toMatchObject({ status: 'active', numberRetiredAt: null, studentNumber: victim.studentNumber });
  });

  test('Given our student with a login, When another department files a draft connecting them and its own, Then 400, and our student sees and withdraws nothing', async () => {
    const [victim, own] = [await ours(), await theirs()];
    const login = await createStudentLogin(app, victim.documentId);
    const response = await app.http.post('/api/status-changes').set('Authorization', world.otherManager.api).send({ data: withdrawal({ connect: [victim.documentId, own.documentId] }) });
    expectRefusedNaming(response, 'student');
    expect(await requestLinks(victim.id)).toBe(0);
    const seen = await app.http.get('/api/status-changes').set('Authorization', login.api);
    expect(seen.body.data).toEqual([]);
  });

  test('Given their class and ours, When our clerk files a transfer in with both as targetClass, Then 400 naming targetClass and no request', async () => {
    const name = `转入${Math.random().toString(36).slice(2, 8)}`;
    const data = transferIn(name, { connect: [{ documentId: world.otherTree.schoolClass.documentId }, { documentId: world.tree.schoolClass.documentId }] });
    const response = await app.http.post('/api/status-changes').set('Authorization', world.clerk.api).send({ data });
    expectRefusedNaming(response, 'targetClass');
    expect(await app.strapi.db.query(STATUS_CHANGE).count({ where: { incomingName: name } })).toBe(0);
  });
});

describe('several targets, every shape and door: 400 naming the field, nothing written', () => {
  test.each(SEVERAL)('REST create with student as %s', async (_shape, shape) => {
    const [victim, own] = [await theirs(), await ours()];
    const response = await app.http.post('/api/status-changes').set('Authorization', world.clerk.api).send({ data: withdrawal(shape(victim, own)) });
    expectRefusedNaming(response, 'student');
    expect([await requestLinks(victim.id), await requestLinks(own.id)]).toEqual([0, 0]);
  });

  test.each(SEVERAL)('REST update of our draft with student as %s', async (_shape, shape) => {
    const [victim, own] = [await theirs(), await ours()];
    const draft = await createRequest(app, world.clerk.api, withdrawal(own.documentId));
    const response = await app.http.put(`/api/status-changes/${draft.documentId}`).set('Authorization', world.clerk.api).send({ data: { student: shape(victim, own) } });
    expectRefusedNaming(response, 'student');
    expect(await studentLinksOf(draft.documentId)).toEqual([own.id]);
  });

  test.each(SEVERAL)('REST create of a transfer in with targetClass as %s', async (_shape, shape) => {
    const name = `转入${Math.random().toString(36).slice(2, 8)}`;
    const [other, checked] = [await classOf(world.otherTree.schoolClass.documentId), await classOf(world.tree.schoolClass.documentId)];
    const response = await app.http.post('/api/status-changes').set('Authorization', world.clerk.api).send({ data: transferIn(name, shape(other, checked)) });
    expectRefusedNaming(response, 'targetClass');
    expect(await app.strapi.db.query(STATUS_CHANGE).count({ where: { incomingName: name } })).toBe(0);
  });

  test.each(SEVERAL)('Content Manager create with student as %s', async (_shape, shape) => {
    const [victim, own] = [await theirs(), await ours()];
    const response = await app.http.post(CM_STATUS_CHANGES).set('Authorization', world.manager.admin).send(withdrawal(shape(victim, own)));
    expectRefusedNaming(response, 'student');
    expect([await requestLinks(victim.id), await requestLinks(own.id)]).toEqual([0, 0]);
  });

  test('GraphQL: a to-one relation is typed as one ID, so a list is refused before any write', async () => {
    const [victim, own] = [await theirs(), await ours()];
    const mutation = `mutation { createStatusChange(data: { student: ["${victim.documentId}", "${own.documentId}"], type: withdrawal, withdrawalKind: voluntary, reason: "x" }) { documentId } }`;
    const response = await app.http.post('/graphql').set('Authorization', world.clerk.api).send({ query: mutation });
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect([await requestLinks(victim.id), await requestLinks(own.id)]).toEqual([0, 0]);
  });
});

describe('one target still works', () => {
  test.each(ONE)('REST create with student as %s links that student alone', async (_shape, shape) => {
    const own: ActiveStudent = await ours();
    const response = await app.http.post('/api/status-changes').set('Authorization', world.clerk.api).send({ data: withdrawal(shape(own)) });
    expect(response.status).toBe(201);
    expect(await studentLinksOf(response.body.data.documentId)).toEqual([own.id]);
  });

  test.each(ONE)('Content Manager create with student as %s links that student alone', async (_shape, shape) => {
    const own = await ours();
    const response = await app.http.post(CM_STATUS_CHANGES).set('Authorization', world.manager.admin).send(withdrawal(shape(own)));
    expect(response.status).toBe(201);
    expect(await studentLinksOf(response.body.data.documentId)).toEqual([own.id]);
  });

  test('GraphQL create with one student ID links that student alone', async () => {
    const own = await ours();
    const mutation = `mutation { createStatusChange(data: { student: "${own.documentId}", type: withdrawal, withdrawalKind: voluntary, reason: "x", studentSigned: true, guardianSigned: true }) { documentId } }`;
    const response = await app.http.post('/graphql').set('Authorization', world.clerk.api).send({ query: mutation });
    expect(response.body.errors).toBeUndefined();
    expect(await studentLinksOf(response.body.data.createStatusChange.documentId)).toEqual([own.id]);
  });

  test('Content Manager: moving a transfer in to another of our classes (disconnect the old, connect the new) saves the new class', async () => {
    const second = (await app.strapi.documents('api::school-class.school-class').create({
      data: { name: '第二班', enrollmentYear: 2026, sequence: '02', major: world.tree.major.documentId } as never,
    })) as unknown as Target;
    const first = await classOf(world.tree.schoolClass.documentId);
    const draft = await createRequest(app, world.clerk.api, transferIn(`转入${Math.random().toString(36).slice(2, 8)}`, first.documentId));
    const targetClass = { disconnect: [{ id: first.id, documentId: first.documentId }], connect: [{ id: second.id, documentId: second.documentId, position: { end: true } }] };
    const response = await app.http.put(`${CM_STATUS_CHANGES}/${draft.documentId}`).set('Authorization', world.manager.admin).send({ targetClass });
    expect(response.status).toBe(200);
    const stored = (await app.strapi.db.query(STATUS_CHANGE).findOne({ where: { documentId: draft.documentId }, populate: ['targetClass'] })) as { targetClass: Target };
    expect(stored.targetClass.id).toBe(second.id);
  });
});

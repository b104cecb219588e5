/**
 * Attacks on status changes and decisions (issue 5, extending the scoping issue's suite): reading
 * or acting on another department's requests through every channel, forging or editing decisions,
 * and setting the workflow's own fields.
 */
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, studentWithLogin, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { adminToken } from '../helpers/admin';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let ours: { request: string; student: string; decision: string };

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
  await attachDocuments(app, request.documentId);
  await act(app, world.manager.api, request.documentId, 'submit');
  await act(app, world.clerk.api, request.documentId, 'approve', { comment: '同意' });
  const decision = (await app.strapi.db.query('api::approval-decision.approval-decision').findOne({ where: { subjectDocumentId: request.documentId } })) as { documentId: string };
  ours = { request: request.documentId, student: student.documentId, decision: decision.documentId };
});

afterAll(async () => {
  await app.stop();
});

const gql = (auth: string, query: string) => app.http.post('/graphql').set('Authorization', auth).send({ query });

describe('another department reads nothing of ours', () => {
  test.each([
    ['the request', () => `/api/status-changes/${ours.request}`],
    ['its timeline', () => `/api/status-changes/${ours.request}/timeline`],
    ['its decision', () => `/api/approval-decisions/${ours.decision}`],
  ])('Given our request, When another department GETs %s, Then 404', async (_name, path) => {
    expect((await app.http.get(path()).set('Authorization', world.otherManager.api)).status).toBe(404);
  });

  test.each([
    ['status-changes', '/api/status-changes'],
    ['approval-decisions', '/api/approval-decisions'],
    ['status-histories', '/api/status-histories'],
  ])('Given our records, When another department lists %s, Then none of ours', async (_name, path) => {
    const response = await app.http.get(path).query({ pagination: { pageSize: 100 } }).set('Authorization', world.otherManager.api);
    expect(response.status).toBe(200);
    expect(response.body.meta.pagination.total).toBe(0);
  });

  test('When another department filters status changes through the student relation, Then nothing', async () => {
    const response = await app.http.get('/api/status-changes').query({ filters: { student: { documentId: ours.student } } }).set('Authorization', world.otherManager.api);
    expect(response.body.data).toEqual([]);
  });

  test('When another department asks GraphQL for requests, decisions and their totals, Then none of ours', async () => {
    const response = await gql(world.otherManager.api, '{ statusChanges_connection { pageInfo { total } } approvalDecisions_connection { pageInfo { total } } statusChanges { documentId } }');
    expect(response.body.data).toEqual({ statusChanges_connection: { pageInfo: { total: 0 } }, approvalDecisions_connection: { pageInfo: { total: 0 } }, statusChanges: [] });
  });

  test('When another department opens the request in the admin panel or acts through it, Then 404 and nothing recorded', async () => {
    const cm = await app.http.get(`/content-manager/collection-types/api::status-change.status-change/${ours.request}`).set('Authorization', world.otherManager.admin);
    expect([403, 404]).toContain(cm.status);
    const action = await app.http.post(`/student-records/status-changes/${ours.request}/approve`).set('Authorization', world.otherManager.admin).send({ comment: 'x' });
    expect(action.status).toBe(404);
    const list = await app.http.get('/content-manager/collection-types/api::status-change.status-change').set('Authorization', world.otherManager.admin);
    expect(list.body.results ?? []).toEqual([]);
    expect(await app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subjectDocumentId: ours.request } })).toBe(1);
  });

  test('When another department reads the report, Then only its own department appears', async () => {
    const response = await app.http.get('/api/status-changes/report?state=submitted').set('Authorization', world.otherManager.api);
    expect(response.status).toBe(200);
    expect(response.body.data.every((row: { department: { code: string } }) => row.department.code === world.otherTree.department.code)).toBe(true);
  });
});

describe('decisions cannot be forged or edited', () => {
  test('no REST route creates a decision', async () => {
    const response = await app.http.post('/api/approval-decisions').set('Authorization', app.auth).send({ data: { decision: 'approve', subject: 'status-change', subjectDocumentId: ours.request, round: 1, step: 2 } });
    expect([404, 405]).toContain(response.status);
  });

  test('GraphQL has no mutation for decisions', async () => {
    const response = await gql(app.auth, `mutation { updateApprovalDecision(documentId: "${ours.decision}", data: { decision: reject }) { documentId } }`);
    expect(response.body.errors[0].message).toMatch(/Cannot query field|Unknown/);
  });

  test('a super admin editing a decision in the Content Manager gets 403, and the decision stays', async () => {
    const auth = await adminToken(app);
    const response = await app.http.put(`/content-manager/collection-types/api::approval-decision.approval-decision/${ours.decision}`).set('Authorization', auth).send({ decision: 'reject', comment: '改' });
    expect(response.status).toBe(403);
    const decision = (await app.strapi.db.query('api::approval-decision.approval-decision').findOne({ where: { documentId: ours.decision } })) as { decision: string };
    expect(decision.decision).toBe('approve');
  });
});

describe('the workflow\'s own fields', () => {
  test('GraphQL createStatusChange with state approved is refused and writes nothing', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const response = await gql(world.manager.api, `mutation { createStatusChange(data: { student: "${student.documentId}", type: suspension, state: approved, reason: "x" }) { documentId } }`);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await app.strapi.db.query('api::status-change.status-change').count({ where: { student: { documentId: student.documentId } } })).toBe(0);
  });

  test('an approved request cannot be edited by anyone, even academic affairs', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
    await attachDocuments(app, request.documentId);
    await act(app, world.manager.api, request.documentId, 'submit');
    await act(app, world.manager.api, request.documentId, 'approve', { comment: '同意' });
    await act(app, world.academicAffairs.api, request.documentId, 'approve', { comment: '同意' });
    const response = await app.http.put(`/api/status-changes/${request.documentId}`).set('Authorization', world.academicAffairs.api).send({ data: { suspensionEnd: '2029-01-01' } });
    expect(response.status).toBe(403);
    expect((await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: request.documentId } })).suspensionEnd).toBe('2027-09-01');
  });

  test('a student lists only their own requests and notifications', async () => {
    const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
    const requests = await app.http.get('/api/status-changes').set('Authorization', student.api);
    const notifications = await app.http.get('/api/notifications').set('Authorization', student.api);
    expect(requests.body.data).toEqual([]);
    expect(notifications.body.data).toEqual([]);
    expect((await app.http.get('/api/status-changes/report').set('Authorization', student.api)).status).toBe(403);
  });
});

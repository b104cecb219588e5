/**
 * The approval engine with more than one subject (issue 12 §1): a test-only second subject (a
 * "permit" kept in its own table, filed by the security office, decided by the source office,
 * several offices and the student) runs through the same engine as status changes; the inbox
 * lists both; a decision's outcome is validated by the subject and reaches its effect; batch
 * decisions answer per request.
 */
import path from 'node:path';
import { errors } from '@strapi/utils';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, studentWithLogin, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { createStaff, type StaffActor } from '../factories/actors';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let security: StaffActor;
let finance: StaffActor;
let library: StaffActor;
let student: Awaited<ReturnType<typeof studentWithLogin>>;

// The compiled modules the running app uses (one registry, one engine).
const dist = (module: string) => require(path.join(ROOT, 'dist', 'src', ...module.split('/')));
const engine = () => dist('services/approval/engine');
const registry = () => dist('services/approval/registry');
const PERMITS = 'test_permits';
const SUBJECT = 'test-permit';

type Row = Record<string, any>;

/** The permit as the engine's rows: a request about a student, coming from an office. */
function toRow(raw: Row) {
  return {
    id: raw.id,
    documentId: raw.document_id,
    state: raw.state,
    round: raw.round,
    currentStep: raw.current_step,
    departmentId: raw.department_scope,
    subjectUserId: raw.student_user_id,
    sourceOffice: raw.source_office,
    due: raw.current_step_due,
    // The app reads jsonb as text (Strapi parses JSON itself).
    steps: typeof raw.chain_steps === 'string' ? JSON.parse(raw.chain_steps) : (raw.chain_steps ?? []),
    raw,
  };
}

const COLUMNS: Record<string, string> = { state: 'state', round: 'round', currentStep: 'current_step', currentStepDue: 'current_step_due', decidedAt: 'decided_at', effect: 'effect', chainSteps: 'chain_steps' };

function permitSubject() {
  const db = async () => dist('services/transaction').ambientConnection(app.strapi);
  const read = async (documentId: string) => {
    const raw = await (await db())(PERMITS).where({ document_id: documentId }).first();
    return raw ? toRow(raw) : null;
  };
  return {
    name: SUBJECT,
    label: '测试许可',
    uid: 'api::test-permit.test-permit',
    table: PERMITS,
    // Filed by the security office only: not the student, not their department.
    filers: { student: false, department: false, offices: ['security'], refusal: '只有保卫处可以提交 (security only)' },
    // An approval must say what is granted; other decisions carry nothing.
    parseOutcome(action: string, outcome: unknown) {
      if (action !== 'approve') {
        if (outcome !== undefined) throw new errors.ValidationError('only an approval carries an outcome', { errors: [{ path: ['outcome'], message: 'only an approval carries an outcome', name: 'ValidationError' }] });
        return null;
      }
      const grant = (outcome as { grant?: unknown } | undefined)?.grant;
      if (grant !== 'full' && grant !== 'partial') {
        throw new errors.ValidationError('outcome.grant must be full or partial', { errors: [{ path: ['outcome', 'grant'], message: 'outcome.grant must be full or partial', name: 'ValidationError' }] });
      }
      return { grant };
    },
    findVisible: read,
    async load(documentId: string) {
      return (await read(documentId)) as NonNullable<Awaited<ReturnType<typeof read>>>;
    },
    async prepareSubmission() {
      const steps = [
        { unit: 'source-office', deadlineDays: 2, label: '来源部门核实' },
        { unit: 'offices', offices: ['finance', 'library'], deadlineDays: 3, label: '计财处或图书馆确认' },
        { unit: 'student', deadlineDays: 5, label: '学生本人确认' },
      ];
      return { steps, columns: { chainSteps: JSON.stringify(steps) } };
    },
    async applyEffect(_row: Row, outcome: Record<string, unknown> | null) {
      return { granted: outcome?.grant ?? null };
    },
    async save(row: Row, columns: Record<string, unknown>) {
      const update = Object.fromEntries(
        Object.entries(columns).filter(([key]) => COLUMNS[key]).map(([key, value]) => [COLUMNS[key], key === 'effect' ? JSON.stringify(value) : value]),
      );
      await (await db())(PERMITS).where({ id: row.id }).update(update);
    },
    async notify() {},
    summarize: (row: Row) => ({ type: row.raw.kind, student: null, department: null }),
    inbox: {
      sql: `SELECT document_id, round, current_step, chain_steps AS steps, current_step_due::text AS due, submitted_at,
                   department_scope AS department_id, source_office, student_user_id, kind AS type, NULL::text AS student, NULL::text AS department
              FROM test_permits WHERE state = 'submitted'`,
      // Everyone sees every permit (findVisible reads them all), so the department scope does not apply.
      scoped: false,
    },
  };
}

/** Runs `work` as a content-API user, as a request of theirs would. */
function asUser<T>(userId: number, work: () => Promise<T>): Promise<T> {
  const ctx = { path: '/api/test-permits', request: { ip: '127.0.0.1' }, state: { auth: { strategy: { name: 'users-permissions' } }, user: { id: userId } } };
  return app.strapi.requestContext.run(ctx as never, work);
}

async function permitAction(userId: number, documentId: string, action: string, body: Record<string, unknown> = {}) {
  const input = dist('services/approval/action-request').parseActionBody(action, body, permitSubject().parseOutcome);
  return asUser(userId, () => engine().runWorkflowAction(app.strapi, registryPermit(), { documentId, action, ...input }));
}

const registryPermit = () => registry().approvalSubject(app.strapi, SUBJECT);

let sequence = 0;
let departmentId: number;
async function draftPermit(): Promise<string> {
  sequence += 1;
  const documentId = `permit${Date.now().toString(36)}${sequence}`;
  await app.strapi.db.connection(PERMITS).insert({
    document_id: documentId, state: 'draft', round: 0, department_scope: departmentId, source_office: 'security', student_user_id: student.userId, kind: 'night-study',
  });
  return documentId;
}

const inboxOf = async (auth: string) => (await app.http.get('/api/me/inbox').set('Authorization', auth)).body.data as Array<Record<string, any>>;
const idsIn = async (auth: string) => (await inboxOf(auth)).map((item) => item.documentId);
const permitRow = async (documentId: string) => (await app.strapi.db.connection(PERMITS).where({ document_id: documentId }).first()) as Row;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  security = await createStaff(app, { adminRole: 'academic-affairs', office: 'security' });
  finance = await createStaff(app, { adminRole: 'academic-affairs', office: 'finance' });
  library = await createStaff(app, { adminRole: 'academic-affairs', office: 'library' });
  student = await studentWithLogin(app, world.tree.schoolClass.documentId);
  departmentId = ((await app.strapi.db.query('api::department.department').findOne({ where: { documentId: world.tree.department.documentId } })) as { id: number }).id;
  await app.strapi.db.connection.raw(`
    CREATE TABLE IF NOT EXISTS ${PERMITS} (
      id serial PRIMARY KEY, document_id text UNIQUE NOT NULL, state text NOT NULL, round int NOT NULL DEFAULT 0, current_step int,
      chain_steps jsonb, current_step_due date, submitted_at timestamptz DEFAULT now(), decided_at timestamptz, department_scope int,
      source_office text, student_user_id int, kind text, effect jsonb)`);
  registry().registerApprovalSubject(app.strapi, permitSubject());
});

afterAll(async () => {
  registry().unregisterApprovalSubject(app.strapi, SUBJECT);
  await app.stop();
});

describe('a second subject on the same engine', () => {
  test('its own filing rule: the security office files; the student and their department may not', async () => {
    const documentId = await draftPermit();
    await expect(permitAction(student.userId, documentId, 'submit')).rejects.toMatchObject({ name: 'ForbiddenError', message: expect.stringContaining('security only') });
    await expect(permitAction(world.manager.userId, documentId, 'submit')).rejects.toMatchObject({ name: 'ForbiddenError' });
    expect((await permitRow(documentId)).state).toBe('draft');
    await expect(permitAction(security.userId, documentId, 'submit')).resolves.toBe('submitted');
  });

  test('source office, then any of several offices, then the student: each waits in the right inbox, beside status changes', async () => {
    // Given a submitted status change waiting for the department, and a submitted permit
    const change = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(change.documentId));
    await attachDocuments(app, request.documentId);
    expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
    const permit = await draftPermit();
    await permitAction(security.userId, permit, 'submit');

    // Step 1 is the source office's (security): in its inbox, labelled by subject, with a due date
    const waiting = (await inboxOf(security.api)).find((item) => item.documentId === permit);
    expect(waiting).toMatchObject({ subject: SUBJECT, subjectLabel: '测试许可', uid: 'api::test-permit.test-permit', type: 'night-study', step: 1, unit: 'source-office', stepLabel: '来源部门核实', overdue: false });
    expect(waiting?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the department clerk's inbox has the status change, not the permit
    const clerkInbox = await inboxOf(world.clerk.api);
    expect(clerkInbox.map((item) => item.documentId)).toContain(request.documentId);
    expect(clerkInbox.map((item) => item.documentId)).not.toContain(permit);
    expect(await idsIn(finance.api)).not.toContain(permit);
    // A finance member may not decide the source office's step
    await expect(permitAction(finance.userId, permit, 'approve', { outcome: { grant: 'full' } })).rejects.toMatchObject({ name: 'ForbiddenError' });
    await expect(permitAction(security.userId, permit, 'approve', { outcome: { grant: 'full' } })).resolves.toBe('submitted');

    // Step 2: any member of finance or the library
    expect(await idsIn(security.api)).not.toContain(permit);
    expect(await idsIn(finance.api)).toContain(permit);
    expect(await idsIn(library.api)).toContain(permit);
    await expect(permitAction(library.userId, permit, 'approve', { outcome: { grant: 'partial' } })).resolves.toBe('submitted');
    expect(await idsIn(finance.api)).not.toContain(permit);

    // Step 3: the student confirms, through their own inbox
    const mine = (await inboxOf(student.api)).find((item) => item.documentId === permit);
    expect(mine).toMatchObject({ subject: SUBJECT, step: 3, unit: 'student' });
    await expect(permitAction(world.manager.userId, permit, 'approve', { outcome: { grant: 'full' } })).rejects.toMatchObject({ name: 'ForbiddenError' });
    await expect(permitAction(student.userId, permit, 'approve', { outcome: { grant: 'full' } })).resolves.toBe('approved');
    expect(await idsIn(student.api)).not.toContain(permit);

    // The decisions are recorded with their outcome and unit names from the office content; the effect got the last outcome
    const decisions = (await app.strapi.db.query('api::approval-decision.approval-decision').findMany({ where: { subject: SUBJECT, subjectDocumentId: permit }, orderBy: [{ step: 'asc' }] })) as Row[];
    expect(decisions.map((d) => [d.step, d.unit, d.unitName, d.outcome])).toEqual([
      [1, 'source-office', '保卫处', { grant: 'full' }],
      [2, 'offices', '计财处、图书馆', { grant: 'partial' }],
      [3, 'student', '学生本人确认', { grant: 'full' }],
    ]);
    expect(decisions[2].decidedBy).toBe(`student:${student.userId}`);
    const { effect } = await permitRow(permit);
    expect(typeof effect === 'string' ? JSON.parse(effect) : effect).toEqual({ granted: 'full' });
  });

  test("a decision's outcome is the subject's to validate: a bad one is a 400 naming it and writes nothing", async () => {
    const permit = await draftPermit();
    await permitAction(security.userId, permit, 'submit');
    for (const outcome of [undefined, { grant: 'everything' }]) {
      const body = outcome === undefined ? {} : { outcome };
      await expect(permitAction(security.userId, permit, 'approve', body)).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [{ path: ['outcome', 'grant'] }] } });
    }
    await expect(permitAction(security.userId, permit, 'return', { comment: '补充', outcome: { grant: 'full' } })).rejects.toMatchObject({ details: { errors: [{ path: ['outcome'] }] } });
    expect(await app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subjectDocumentId: permit } })).toBe(0);
    expect((await permitRow(permit)).current_step).toBe(1);
  });

  test('a status change carries no outcome: sending one is a 400 naming outcome', async () => {
    const change = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(change.documentId));
    await attachDocuments(app, request.documentId);
    const response = await act(app, world.manager.api, request.documentId, 'submit', { outcome: { grant: 'full' } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['outcome']);
  });
});

describe('batch decisions', () => {
  async function submittedSuspensions(count: number, tree = world.tree, auth = world.manager.api) {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const change = await activeStudent(app, tree.schoolClass.documentId);
      const request = await createRequest(app, auth, suspensionData(change.documentId));
      await attachDocuments(app, request.documentId);
      expect((await act(app, auth, request.documentId, 'submit')).status).toBe(200);
      ids.push(request.documentId);
    }
    return ids;
  }
  const stored = async (documentId: string) => (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId } })) as Row;
  const decide = (auth: string, body: unknown) => app.http.post('/api/status-changes/decisions').set('Authorization', auth).send(body as object);

  test('one call decides many, each on its own: a refusal among them leaves the others decided', async () => {
    // Given three of our department's requests at the department step, one of another department, and one we already moved on
    const ours = await submittedSuspensions(3);
    const [theirs] = await submittedSuspensions(1, world.otherTree, world.otherManager.api);
    const [movedOn] = await submittedSuspensions(1);
    expect((await act(app, world.clerk.api, movedOn, 'approve', { comment: '同意' })).status).toBe(200);
    // When the department manager approves all five at once
    const response = await decide(world.manager.api, { action: 'approve', comment: '同意', items: [...ours, theirs, movedOn].map((documentId) => ({ documentId, step: 1 })) });
    // Then each request has its own answer
    expect(response.status).toBe(200);
    expect(response.body.meta).toEqual({ decided: 3, refused: 2 });
    const byId = new Map((response.body.data as Row[]).map((result) => [result.documentId, result]));
    for (const id of ours) expect(byId.get(id)).toEqual({ documentId: id, ok: true, state: 'submitted' });
    // another department's request is not found, as it would be alone; the one moved on is a 409
    expect(byId.get(theirs)).toMatchObject({ ok: false, status: 404 });
    expect(byId.get(movedOn)).toMatchObject({ ok: false, status: 409, error: { name: 'ConflictError' } });
    // And the decided ones moved to academic affairs, the refused ones did not move
    for (const id of ours) expect(await stored(id)).toMatchObject({ state: 'submitted', currentStep: 2 });
    expect(await stored(theirs)).toMatchObject({ state: 'submitted', currentStep: 1 });
    expect(await stored(movedOn)).toMatchObject({ currentStep: 2 });
    expect(await app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subjectDocumentId: theirs } })).toBe(0);
  });

  test('the same batch sent again decides nothing twice', async () => {
    const ids = await submittedSuspensions(2);
    const body = { action: 'approve', comment: '同意', items: ids.map((documentId) => ({ documentId })) };
    expect((await decide(world.manager.api, body)).body.meta).toEqual({ decided: 2, refused: 0 });
    const again = await decide(world.manager.api, body);
    expect(again.body.meta).toEqual({ decided: 0, refused: 2 });
    for (const id of ids) {
      expect(await stored(id)).toMatchObject({ currentStep: 2 });
      expect(await app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subjectDocumentId: id } })).toBe(1);
    }
  });

  test('an item without its own comment takes the batch comment; a rejection needs one', async () => {
    const [first, second] = await submittedSuspensions(2);
    const response = await decide(world.manager.api, { action: 'return', items: [{ documentId: first, comment: '材料不全' }, { documentId: second }] });
    expect(response.body.data).toEqual([
      { documentId: first, ok: true, state: 'returned' },
      expect.objectContaining({ documentId: second, ok: false, status: 400, error: expect.objectContaining({ name: 'ValidationError' }) }),
    ]);
    expect((await stored(second)).state).toBe('submitted');
  });

  test.each<[string, unknown, Array<string | number>]>([
    ['no action', { items: [{ documentId: 'x' }] }, ['action']],
    ['an action that decides nothing', { action: 'submit', items: [{ documentId: 'x' }] }, ['action']],
    ['no items', { action: 'approve', items: [] }, ['items']],
    ['items that are no list', { action: 'approve', items: 'all' }, ['items']],
    ['an item without a documentId', { action: 'approve', items: [{ documentId: 'a' }, { comment: '同意' }] }, ['items', 1, 'documentId']],
    ['the same request twice', { action: 'approve', items: [{ documentId: 'a' }, { documentId: 'a' }] }, ['items', 1, 'documentId']],
    ['an unknown field', { action: 'approve', items: [{ documentId: 'a' }], everyone: true }, ['everyone']],
    ['too many items', { action: 'approve', items: Array.from({ length: 201 }, (_v, i) => ({ documentId: `d${i}` })) }, ['items']],
  ])('%s is a 400 naming the field, and nothing is decided', async (_name, body, fieldPath) => {
    const [waiting] = await submittedSuspensions(1);
    const withOurs = body as { items?: unknown };
    const response = await decide(world.manager.api, Array.isArray(withOurs.items) && withOurs.items.length > 0 && withOurs.items.length < 3 ? { ...withOurs, items: [...withOurs.items, { documentId: waiting }] } : body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(fieldPath.map(String));
    expect((await stored(waiting)).currentStep).toBe(1);
  });

  test('a student may not call it; the admin panel and GraphQL answer the same way', async () => {
    const [viaAdmin, viaGraphql] = await submittedSuspensions(2);
    expect((await decide(student.api, { action: 'approve', items: [{ documentId: viaAdmin }] })).status).toBe(403);
    const admin = await app.http.post('/student-records/status-changes/decisions').set('Authorization', world.manager.admin).send({ action: 'approve', comment: '同意', items: [{ documentId: viaAdmin }] });
    expect(admin.status).toBe(200);
    expect(admin.body.data).toEqual([{ documentId: viaAdmin, ok: true, state: 'submitted' }]);
    const gql = await app.http.post('/graphql').set('Authorization', world.manager.api).send({
      query: `mutation { decideStatusChanges(action: "approve", comment: "同意", items: [{ documentId: "${viaGraphql}" }, { documentId: "nope" }]) { decided refused data { documentId ok state status error { name } } } }`,
    });
    expect(gql.body.data.decideStatusChanges).toEqual({
      decided: 1,
      refused: 1,
      data: [
        { documentId: viaGraphql, ok: true, state: 'submitted', status: null, error: null },
        { documentId: 'nope', ok: false, state: null, status: 404, error: { name: 'NotFoundError' } },
      ],
    });
    const inbox = await app.http.post('/graphql').set('Authorization', world.academicAffairs.api).send({ query: '{ myInbox { subject documentId step unit overdue } }' });
    expect(inbox.body.data.myInbox).toEqual(expect.arrayContaining([{ subject: 'status-change', documentId: viaGraphql, step: 2, unit: 'academic-affairs', overdue: false }]));
  });
});

describe('the doors around the engine', () => {
  const stored = async (documentId: string) => (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId } })) as Row;
  async function submittedSuspension() {
    const change = await activeStudent(app, world.tree.schoolClass.documentId);
    const request = await createRequest(app, world.manager.api, suspensionData(change.documentId));
    await attachDocuments(app, request.documentId);
    expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
    return request.documentId;
  }

  test("the inbox keeps to the caller's scope: a step of an office that sees no student records lists nothing of them", async () => {
    // A request whose copied chain names finance (as a chain saved before offices were checked could)
    const documentId = await submittedSuspension();
    await app.strapi.db.query('api::status-change.status-change').update({ where: { documentId }, data: { chainSteps: [{ unit: 'finance', deadlineDays: 3, label: '计财处核对' }] } });
    expect(await idsIn(finance.api)).not.toContain(documentId);
    // and finance cannot open or decide it either
    expect((await act(app, finance.api, documentId, 'approve', { comment: '同意' })).status).toBe(404);
  });

  test('a login whose own role grants approve but not reject cannot reject through a batch', async () => {
    const roles = app.strapi.db.query('plugin::users-permissions.role');
    const role = (await roles.create({ data: { name: `审核员${Date.now()}`, description: '测试', type: `reviewer-${Date.now()}` } })) as { id: number };
    for (const action of ['decide', 'approve', 'timeline', 'findOne']) {
      await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: `api::status-change.status-change.${action}`, role: role.id } });
    }
    // a member of the department, but on a role of its own rather than the staff role
    const reviewer = await createStaff(app, { adminRole: 'department-manager', department: world.tree.department.documentId });
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: reviewer.userId }, data: { role: role.id } });
    const documentId = await submittedSuspension();
    const rejected = await app.http.post('/api/status-changes/decisions').set('Authorization', reviewer.api).send({ action: 'reject', comment: '不同意', items: [{ documentId }] });
    expect(rejected.status).toBe(403);
    expect(await stored(documentId)).toMatchObject({ state: 'submitted', currentStep: 1 });
    const approved = await app.http.post('/api/status-changes/decisions').set('Authorization', reviewer.api).send({ action: 'approve', comment: '同意', items: [{ documentId }] });
    expect(approved.body.data).toEqual([{ documentId, ok: true, state: 'submitted' }]);
  });

  test('a bad batch comment is one 400 naming comment, and nothing is decided', async () => {
    const documentId = await submittedSuspension();
    const response = await app.http.post('/api/status-changes/decisions').set('Authorization', world.manager.api).send({ action: 'approve', comment: 5, items: [{ documentId }] });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['comment']);
    expect((await stored(documentId)).currentStep).toBe(1);
  });
});

describe('chains through the Content Manager: clone and the two names of a sub-type', () => {
  const CHAIN = 'api::approval-chain.approval-chain';
  const cm = `/content-manager/collection-types/${CHAIN}`;
  const chainBody = { name: '克隆源', subject: 'status-change', tier: 'special', active: false, steps: [{ unit: 'department', deadlineDays: 2, label: '系部' }] };

  test('a clone is checked as the chain it makes', async () => {
    const source = await app.http.post(cm).set('Authorization', world.academicAffairs.admin).send(chainBody);
    expect(source.status).toBe(201);
    const id = source.body.data.documentId;
    try {
      const before = await app.strapi.db.query(CHAIN).count({});
      const bad = await app.http.post(`${cm}/clone/${id}`).set('Authorization', world.academicAffairs.admin).send({ ...chainBody, steps: [{ unit: 'source-office', deadlineDays: 2, label: '来源' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['steps', '0', 'unit']);
      // the general special chain is active: a clone made active beside it names `active`
      const twin = await app.http.post(`${cm}/clone/${id}`).set('Authorization', world.academicAffairs.admin).send({ ...chainBody, active: true });
      expect(twin.status).toBe(400);
      expect(twin.body.error.details.errors[0].path).toEqual(['active']);
      expect(await app.strapi.db.query(CHAIN).count({})).toBe(before);
      const good = await app.http.post(`${cm}/clone/${id}`).set('Authorization', world.academicAffairs.admin).send({ ...chainBody, name: '克隆', changeType: 'withdrawal' });
      expect(good.status).toBe(200);
      expect(await app.strapi.db.query(CHAIN).findOne({ where: { documentId: good.body.data.documentId } })).toMatchObject({ subType: 'withdrawal', changeType: 'withdrawal' });
      await app.strapi.documents(CHAIN).delete({ documentId: good.body.data.documentId });
    } finally {
      await app.strapi.documents(CHAIN).delete({ documentId: id });
    }
  });

  test('changing the change type in the form (which sends the stored sub-type back) changes both', async () => {
    const created = await app.http.post(cm).set('Authorization', world.academicAffairs.admin).send({ ...chainBody, changeType: 'suspension' });
    const id = created.body.data.documentId;
    try {
      const form = (await app.http.get(`${cm}/${id}`).set('Authorization', world.academicAffairs.admin)).body.data;
      expect(form).toMatchObject({ subType: 'suspension', changeType: 'suspension' });
      const saved = await app.http.put(`${cm}/${id}`).set('Authorization', world.academicAffairs.admin).send({ ...chainBody, subType: 'suspension', changeType: 'withdrawal' });
      expect(saved.status).toBe(200);
      expect(await app.strapi.db.query(CHAIN).findOne({ where: { documentId: id } })).toMatchObject({ subType: 'withdrawal', changeType: 'withdrawal' });
      const cleared = await app.http.put(`${cm}/${id}`).set('Authorization', world.academicAffairs.admin).send({ ...chainBody, subType: 'withdrawal', changeType: null });
      expect(cleared.status).toBe(200);
      expect(await app.strapi.db.query(CHAIN).findOne({ where: { documentId: id } })).toMatchObject({ subType: null, changeType: null });
      const disagreeing = await app.http.put(`${cm}/${id}`).set('Authorization', world.academicAffairs.admin).send({ ...chainBody, subType: 'resumption', changeType: 'withdrawal' });
      expect(disagreeing.status).toBe(400);
      expect(disagreeing.body.error.details.errors[0].path).toEqual(['subType']);
    } finally {
      await app.strapi.documents(CHAIN).delete({ documentId: id });
    }
  });
});

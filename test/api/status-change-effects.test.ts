/**
 * What approved changes do to the student (issue 5): each type's effect, applied in the final
 * decision's transaction and nowhere else; tiers escalated by rule pick the longer chains; a
 * failing effect leaves everything as it was; two deciders at once record one decision.
 */
import { fakeNationalId } from '../factories';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;

const SIGNED = { studentSigned: true, guardianSigned: true };

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  // Today (whatever it is) is inside the change-of-major window.
  await app.strapi.db.query('api::school-setting.school-setting').updateMany({ where: {}, data: { majorChangeWindowStart: '01-01', majorChangeWindowEnd: '12-31' } });
});

afterAll(async () => {
  await app.stop();
});

async function stored(documentId: string) {
  return (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId }, populate: ['student'] })) as Record<string, any>;
}

async function studentRow(where: Record<string, unknown>) {
  return (await app.strapi.db.query('api::student.student').findOne({ where, populate: ['major', 'schoolClass', 'department'] })) as Record<string, any>;
}

async function countDecisions(documentId: string) {
  return app.strapi.db.query('api::approval-decision.approval-decision').count({ where: { subjectDocumentId: documentId } });
}

/** Approves every remaining step with the member of each step's unit. */
async function approveAll(documentId: string, units: Record<string, string>) {
  for (;;) {
    const row = await stored(documentId);
    if (row.state !== 'submitted') return row;
    const unit = row.chainSteps[row.currentStep - 1].unit as string;
    const response = await act(app, units[unit], documentId, 'approve', { comment: '同意', step: row.currentStep });
    if (response.status !== 200) return { ...row, refused: response };
  }
}

const deciders = () => ({
  department: world.manager.api,
  'academic-affairs': world.academicAffairs.api,
  'student-affairs': world.studentAffairs.api,
  leadership: world.leader.api,
  'leadership-meeting': world.leadershipMeeting.api,
});

async function submitted(auth: string, data: Record<string, unknown>, documents = 0) {
  const request = await createRequest(app, auth, data);
  if (documents > 0) await attachDocuments(app, request.documentId, documents);
  const response = await act(app, auth, request.documentId, 'submit');
  if (response.status !== 200) throw new Error(`submit failed: ${JSON.stringify(response.body)}`);
  return request.documentId;
}

async function majorChangeRequest(targetPopular: boolean) {
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  await app.strapi.db.query('api::major.major').update({ where: { documentId: world.otherTree.major.documentId }, data: { popular: targetPopular } });
  const request = await createRequest(app, world.manager.api, {
    student: student.documentId, type: 'change-of-major', reason: '兴趣与特长', targetMajor: world.otherTree.major.documentId,
    targetClass: world.otherTree.schoolClass.documentId, ...SIGNED,
  });
  // Academic affairs fills in the grades the rule needs.
  const grades = await app.http.put(`/api/status-changes/${request.documentId}`).set('Authorization', world.academicAffairs.api).send({ data: { failedCourses: 0, averageScore: 86 } });
  expect(grades.status).toBe(200);
  expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
  return { student, documentId: request.documentId };
}

describe('change of major', () => {
  test('to a popular major is important: four steps, then the student moves with their number kept', async () => {
    const { student, documentId } = await majorChangeRequest(true);
    const row = await stored(documentId);
    expect(row.tier).toBe('important');
    expect(row.chainSteps.map((s: { unit: string }) => s.unit)).toEqual(['department', 'academic-affairs', 'student-affairs', 'leadership']);
    const done = await approveAll(documentId, deciders());
    expect(done.state).toBe('approved');
    const after = await studentRow({ documentId: student.documentId });
    expect(after.major.documentId).toBe(world.otherTree.major.documentId);
    expect(after.schoolClass.documentId).toBe(world.otherTree.schoolClass.documentId);
    expect(after.department.documentId).toBe(world.otherTree.department.documentId);
    expect(after.studentNumber).toBe(student.studentNumber);
  });

  test('with the school setting to renumber, the student gets a number of the new class', async () => {
    await app.strapi.db.query('api::school-setting.school-setting').updateMany({ where: {}, data: { renumberOnMajorChange: true } });
    try {
      const { student, documentId } = await majorChangeRequest(false);
      expect((await stored(documentId)).tier).toBe('general');
      await approveAll(documentId, deciders());
      const after = await studentRow({ documentId: student.documentId });
      expect(after.studentNumber).not.toBe(student.studentNumber);
      expect(after.studentNumber.slice(0, 10)).toBe(`${world.otherTree.schoolClass.enrollmentYear}${world.otherTree.department.code}${world.otherTree.major.code}01`);
      const [history] = await app.strapi.db.query('api::status-history.status-history').findMany({ where: { statusChange: { documentId } } });
      expect(history.before.studentNumber).toBe(student.studentNumber);
      expect(history.after.studentNumber).toBe(after.studentNumber);
    } finally {
      await app.strapi.db.query('api::school-setting.school-setting').updateMany({ where: {}, data: { renumberOnMajorChange: false } });
    }
  });
});

describe('withdrawal and transfer', () => {
  test('a disciplinary withdrawal is special: academic affairs and the leadership meeting; the number is retired', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const documentId = await submitted(world.academicAffairs.api, {
      student: student.documentId, type: 'withdrawal', reason: '严重违纪', withdrawalKind: 'disciplinary',
      investigationRecord: '调查记录', noticeRecord: '已书面告知', hearingRecord: '已听取陈述申辩', registeredMailNumber: 'XA123456789CN',
    });
    const row = await stored(documentId);
    expect(row.tier).toBe('special');
    expect(row.chainSteps.map((s: { unit: string }) => s.unit)).toEqual(['academic-affairs', 'leadership-meeting']);
    expect((await approveAll(documentId, deciders())).state).toBe('approved');
    const after = await studentRow({ documentId: student.documentId });
    expect(after.status).toBe('withdrawn');
    expect(after.numberRetiredAt).not.toBeNull();
    expect(after.studentNumber).toBe(student.studentNumber);
  });

  test('a cross-province transfer out is special', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const documentId = await submitted(world.manager.api, {
      student: student.documentId, type: 'transfer-out', reason: '随父母迁居', receivingSchool: '广东某职业技术学院', receivingProvince: '广东省', provincialApproval: '湘教学〔2026〕12号', ...SIGNED,
    });
    expect((await stored(documentId)).tier).toBe('special');
    expect((await approveAll(documentId, deciders())).state).toBe('approved');
    expect((await studentRow({ documentId: student.documentId })).status).toBe('transferred-out');
  });

  test('a transfer in creates an active student with a new number in the class', async () => {
    const nationalId = fakeNationalId();
    const documentId = await submitted(world.academicAffairs.api, {
      type: 'transfer-in', reason: '外省转入', incomingName: '转入生', incomingNationalId: nationalId, incomingPreviousSchool: '某职业学院', targetClass: world.tree.schoolClass.documentId, ...SIGNED,
    });
    const before = await stored(documentId);
    expect(before.incomingNationalId).not.toBe(nationalId);
    expect(before.incomingNationalId).toContain('*');
    expect((await approveAll(documentId, deciders())).state).toBe('approved');
    const request = await stored(documentId);
    const created = await studentRow({ id: request.student.id });
    expect(created).toMatchObject({ name: '转入生', status: 'active' });
    expect(created.studentNumber.slice(0, 10)).toBe(`${world.tree.schoolClass.enrollmentYear}${world.tree.department.code}${world.tree.major.code}01`);
  });
});

describe('all or nothing', () => {
  test('an effect failing at the last step changes nothing: no decision, no student, the request still waits', async () => {
    const nationalId = fakeNationalId();
    const documentId = await submitted(world.academicAffairs.api, {
      type: 'transfer-in', reason: '转入', incomingName: '重复身份证', incomingNationalId: nationalId, incomingPreviousSchool: '某学院', targetClass: world.tree.schoolClass.documentId, ...SIGNED,
    });
    // Walk to the last step, then someone with the same national ID is admitted meanwhile
    const units = deciders();
    for (const unit of ['department', 'academic-affairs', 'student-affairs'] as const) {
      expect((await act(app, units[unit], documentId, 'approve', { comment: '同意' })).status).toBe(200);
    }
    await activeStudent(app, world.otherTree.schoolClass.documentId, { nationalId });
    const decisionsBefore = await countDecisions(documentId);
    const response = await act(app, world.leader.api, documentId, 'approve', { comment: '同意' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['nationalId']);
    expect(await countDecisions(documentId)).toBe(decisionsBefore);
    expect(await stored(documentId)).toMatchObject({ state: 'submitted', currentStep: 4, student: null });
    expect(await app.strapi.db.query('api::student.student').count({ where: { name: '重复身份证' } })).toBe(0);
    expect(await app.strapi.db.query('api::status-history.status-history').count({ where: { statusChange: { documentId } } })).toBe(0);
    // And the last step returns it with the reason; resubmitted, it is refused at once, naming the ID
    const returned = await act(app, world.leader.api, documentId, 'return', { comment: '该身份证号码已有学籍' });
    expect(returned.status).toBe(200);
    expect(await stored(documentId)).toMatchObject({ state: 'returned' });
    const again = await act(app, world.academicAffairs.api, documentId, 'resubmit');
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body.error)).toContain('incomingNationalId');
  });

  test('a transfer in whose national ID is already on record is refused at submit, naming it', async () => {
    const nationalId = fakeNationalId();
    await activeStudent(app, world.otherTree.schoolClass.documentId, { nationalId });
    const draft = await createRequest(app, world.academicAffairs.api, {
      type: 'transfer-in', reason: '转入', incomingName: '已有学籍', incomingNationalId: nationalId, incomingPreviousSchool: '某学院', targetClass: world.tree.schoolClass.documentId, ...SIGNED,
    });
    const response = await act(app, world.academicAffairs.api, draft.documentId, 'submit');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain('incomingNationalId');
    expect(await stored(draft.documentId)).toMatchObject({ state: 'draft' });
  });

  test('two deciders on one step at the same moment: one decision, the other gets 409', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const documentId = await submitted(world.manager.api, suspensionData(student.documentId), 1);
    // Each sends the step their screen shows, as the admin panel does: whoever comes second finds
    // the step moved on (409), whether it read the request before or after the first committed.
    const responses = await Promise.all([
      act(app, world.manager.api, documentId, 'approve', { comment: '同意', step: 1 }),
      act(app, world.clerk.api, documentId, 'approve', { comment: '同意', step: 1 }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await countDecisions(documentId)).toBe(1);
    expect((await stored(documentId)).currentStep).toBe(2);
  });
});

describe('chains are content', () => {
  test('a request keeps the chain it was submitted with when an admin edits the chain', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const documentId = await submitted(world.manager.api, suspensionData(student.documentId), 1);
    const chain = (await app.strapi.db.query('api::approval-chain.approval-chain').findOne({ where: { tier: 'general', changeType: null } })) as { documentId: string };
    await app.strapi.documents('api::approval-chain.approval-chain').update({
      documentId: chain.documentId,
      data: { steps: [{ unit: 'leadership', deadlineDays: 2, label: '校领导' }, { unit: 'department', deadlineDays: 1, label: '系部' }, { unit: 'academic-affairs', deadlineDays: 1, label: '教务处' }] } as never,
    });
    try {
      expect((await stored(documentId)).chainSteps.map((s: { unit: string }) => s.unit)).toEqual(['department', 'academic-affairs']);
      expect((await approveAll(documentId, deciders())).state).toBe('approved');
      expect(await countDecisions(documentId)).toBe(2);
    } finally {
      await app.strapi.documents('api::approval-chain.approval-chain').update({
        documentId: chain.documentId,
        data: { steps: [{ unit: 'department', deadlineDays: 3, label: '系部提出意见' }, { unit: 'academic-affairs', deadlineDays: 5, label: '教务处审批' }] } as never,
      });
    }
  });
});

describe('chains are edited in the Content Manager', () => {
  const CHAIN = 'api::approval-chain.approval-chain';
  const path = (documentId: string) => `/content-manager/collection-types/${CHAIN}/${documentId}`;
  async function specialChain() {
    return (await app.strapi.db.query(CHAIN).findOne({ where: { tier: 'special', changeType: null }, populate: ['steps'] })) as { documentId: string; steps: Array<{ id: number; unit: string; deadlineDays: number; label: string }> };
  }

  test("academic affairs changes a step's deadline and adds a step; a department manager cannot", async () => {
    const chain = await specialChain();
    const original = chain.steps.map(({ unit, deadlineDays, label }) => ({ unit, deadlineDays, label }));
    const edited = [...original.map((step, i) => (i === 0 ? { ...step, deadlineDays: step.deadlineDays + 2 } : step)), { unit: 'archive', deadlineDays: 2, label: '档案室备案' }];
    try {
      const refused = await app.http.put(path(chain.documentId)).set('Authorization', world.manager.admin).send({ steps: edited });
      expect(refused.status).toBe(403);
      const saved = await app.http.put(path(chain.documentId)).set('Authorization', world.academicAffairs.admin).send({ steps: edited });
      expect(saved.status).toBe(200);
      const after = await specialChain();
      expect(after.steps.map(({ unit, deadlineDays, label }) => ({ unit, deadlineDays, label }))).toEqual(edited);
    } finally {
      await app.strapi.documents(CHAIN).update({ documentId: chain.documentId, data: { steps: original } as never });
    }
  });

  test('a role made before component fields were named gets them, and keeps what an admin removed', async () => {
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'academic-affairs' } })) as { id: number };
    const permission = (await app.strapi.db.query('admin::permission').findOne({
      where: { role: { id: role.id }, action: 'plugin::content-manager.explorer.update', subject: CHAIN },
    })) as { id: number; properties: { fields: string[] } };
    const current = permission.properties.fields;
    // As an earlier release stored it: the component by name; and an admin took `name` away
    await app.strapi.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: { fields: [...current.filter((f) => !f.startsWith('steps') && f !== 'name'), 'steps'] } } });
    const { ensureRoles } = require(require('node:path').join(require('../helpers/strapi').ROOT, 'dist', 'src', 'bootstrap', 'roles'));
    await ensureRoles(app.strapi);
    const fields = ((await app.strapi.db.query('admin::permission').findOne({ where: { id: permission.id } })) as { properties: { fields: string[] } }).properties.fields;
    expect(fields).toEqual(expect.arrayContaining(['steps.label', 'steps.unit', 'steps.deadlineDays']));
    expect(fields).not.toContain('steps');
    expect(fields).not.toContain('name');
    await app.strapi.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: { fields: current } } });
  });

  test("a database from before the fields were remembered gets this release's new chain fields once, and keeps what an admin removed", async () => {
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'academic-affairs' } })) as { id: number };
    const permission = (await app.strapi.db.query('admin::permission').findOne({
      where: { role: { id: role.id }, action: 'plugin::content-manager.explorer.update', subject: CHAIN },
    })) as { id: number; properties: { fields: string[] } };
    const current = permission.properties.fields;
    const store = { type: 'core', name: 'student-records', key: 'granted-fields' };
    const remembered = await app.strapi.store.get(store);
    // As the previous release left it: no subType, no offices, and an admin took `name` away; nothing remembered
    await app.strapi.db.query('admin::permission').update({
      where: { id: permission.id },
      data: { properties: { fields: current.filter((f) => f !== 'subType' && !f.startsWith('steps.offices') && f !== 'name') } },
    });
    await app.strapi.store.delete(store);
    try {
      const { ensureRoles } = require(require('node:path').join(require('../helpers/strapi').ROOT, 'dist', 'src', 'bootstrap', 'roles'));
      await ensureRoles(app.strapi);
      const fields = ((await app.strapi.db.query('admin::permission').findOne({ where: { id: permission.id } })) as { properties: { fields: string[] } }).properties.fields;
      expect(fields).toEqual(expect.arrayContaining(['subType', 'steps.offices.office']));
      expect(fields).not.toContain('name');
    } finally {
      await app.strapi.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: { fields: current } } });
      await app.strapi.store.set({ ...store, value: remembered });
    }
  });
});

describe('GraphQL', () => {
  test('the same actions and refusals as REST, and the timeline', async () => {
    const student = await activeStudent(app, world.tree.schoolClass.documentId);
    const documentId = await submitted(world.manager.api, suspensionData(student.documentId), 1);
    const gql = (auth: string, query: string) => app.http.post('/graphql').set('Authorization', auth).send({ query });
    const refused = await gql(world.academicAffairs.api, `mutation { approveStatusChange(documentId: "${documentId}", comment: "同意") { state } }`);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const approved = await gql(world.clerk.api, `mutation { approveStatusChange(documentId: "${documentId}", comment: "同意") { state currentStep decisions { unit decision decidedBy } } }`);
    expect(approved.body.data.approveStatusChange).toEqual({ state: 'submitted', currentStep: 2, decisions: [{ unit: 'department', decision: 'approve', decidedBy: world.clerk.email }] });
    const stale = await gql(world.academicAffairs.api, `mutation { approveStatusChange(documentId: "${documentId}", step: 1) { state } }`);
    expect(stale.body.errors[0].extensions.code).toBe('STRAPI_CONFLICT_ERROR');
    const timeline = await gql(world.academicAffairs.api, `{ statusChangeTimeline(documentId: "${documentId}") { state allowedActions steps { number unit } } }`);
    expect(timeline.body.data.statusChangeTimeline).toEqual({
      state: 'submitted',
      allowedActions: ['approve', 'reject', 'return', 'withdraw'],
      steps: [{ number: 1, unit: 'department' }, { number: 2, unit: 'academic-affairs' }],
    });
  });
});

describe('chains are checked when saved', () => {
  const CHAIN = 'api::approval-chain.approval-chain';
  const cm = `/content-manager/collection-types/${CHAIN}`;

  test('a second active chain for the same tier and change type is a 400 naming active; an inactive one is kept', async () => {
    const chain = { name: '第二个一般流程', subject: 'status-change', tier: 'general', steps: [{ unit: 'department', deadlineDays: 3, label: '系部' }] };
    const active = await app.http.post(cm).set('Authorization', world.academicAffairs.admin).send({ ...chain, active: true });
    expect(active.status).toBe(400);
    expect(active.body.error.details.errors[0].path).toEqual(['active']);
    const inactive = await app.http.post(cm).set('Authorization', world.academicAffairs.admin).send({ ...chain, active: false });
    expect(inactive.status).toBe(201);
    await app.strapi.documents(CHAIN).delete({ documentId: inactive.body.data.documentId });
  });

  test('a step without a unit, or with a unit that does not exist, is a 400 and nothing is saved', async () => {
    const before = await app.strapi.db.query(CHAIN).count({});
    for (const step of [{ deadlineDays: 3, label: '无单位' }, { unit: 'canteen', deadlineDays: 3, label: '食堂' }]) {
      const response = await app.http.post(cm).set('Authorization', world.academicAffairs.admin).send({ name: '坏流程', subject: 'status-change', tier: 'special', changeType: 'withdrawal', active: false, steps: [step] });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.error.details)).toMatch(/unit/);
    }
    expect(await app.strapi.db.query(CHAIN).count({})).toBe(before);
  });
});

describe("chains name offices, several offices and sub-types (the engine's units as data)", () => {
  const CHAIN = 'api::approval-chain.approval-chain';
  const cm = `/content-manager/collection-types/${CHAIN}`;
  const create = (body: Record<string, unknown>) => app.http.post(cm).set('Authorization', world.academicAffairs.admin).send({ name: '测试流程', subject: 'status-change', tier: 'special', active: false, ...body });
  const cleanUp = async (documentId: string | undefined) => {
    if (documentId) await app.strapi.documents(CHAIN).delete({ documentId });
  };

  test('academic affairs saves a step decided by any of several offices; it reaches the request that follows the chain', async () => {
    const steps = [{ unit: 'offices', offices: [{ office: 'student-affairs' }, { office: 'archive' }], deadlineDays: 2, label: '学生处或档案室' }];
    const saved = await create({ subType: 'withdrawal', steps });
    expect(saved.status).toBe(201);
    try {
      const stored = (await app.strapi.db.query(CHAIN).findOne({ where: { documentId: saved.body.data.documentId }, populate: { steps: { populate: ['offices'] } } })) as Record<string, any>;
      // the sub-type and the change type are one value
      expect(stored).toMatchObject({ subType: 'withdrawal', changeType: 'withdrawal' });
      expect(stored.steps[0].offices.map((o: { office: string; name: string }) => [o.office, o.name])).toEqual([['student-affairs', '学生工作处'], ['archive', '档案室']]);
      const { activeChain } = require(require('node:path').join(require('../helpers/strapi').ROOT, 'dist', 'src', 'services', 'approval', 'chains'));
      await app.strapi.documents(CHAIN).update({ documentId: saved.body.data.documentId, data: { active: true, tier: 'important' } as never });
      // the chain made for withdrawals wins over the tier's general one, and keeps the offices by kind
      expect((await activeChain(app.strapi, 'status-change', { tier: 'important', subType: 'withdrawal' })).steps).toEqual([
        { unit: 'offices', offices: ['student-affairs', 'archive'], deadlineDays: 2, label: '学生处或档案室' },
      ]);
      expect((await activeChain(app.strapi, 'status-change', { tier: 'important', subType: 'suspension' })).steps[0].unit).toBe('department');
    } finally {
      await cleanUp(saved.body.data?.documentId);
    }
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['several offices with none listed', { steps: [{ unit: 'offices', offices: [], deadlineDays: 2, label: '空' }] }, ['steps', '0', 'offices']],
    ['several offices naming one twice', { steps: [{ unit: 'offices', offices: [{ office: 'archive' }, { office: 'archive' }], deadlineDays: 2, label: '重复' }] }, ['steps', '0', 'offices', '1', 'office']],
    ['an office whose members cannot see status changes', { steps: [{ unit: 'finance', deadlineDays: 2, label: '计财处' }] }, ['steps', '0', 'unit']],
    ['offices listed on a single-office step', { steps: [{ unit: 'finance', offices: [{ office: 'library' }], deadlineDays: 2, label: '计财处' }] }, ['steps', '0', 'offices']],
    ['a source office, which status changes do not have', { steps: [{ unit: 'source-office', deadlineDays: 2, label: '来源' }] }, ['steps', '0', 'unit']],
    ['a sub-type that is no change type', { subType: 'graduation', steps: [{ unit: 'department', deadlineDays: 2, label: '系部' }] }, ['subType']],
    ['a sub-type and a change type that disagree', { subType: 'withdrawal', changeType: 'suspension', steps: [{ unit: 'department', deadlineDays: 2, label: '系部' }] }, ['subType']],
    ['no tier', { tier: null, steps: [{ unit: 'department', deadlineDays: 2, label: '系部' }] }, ['tier']],
  ])('%s is a 400 naming the field, and nothing is saved', async (_name, body, fieldPath) => {
    const before = await app.strapi.db.query(CHAIN).count({});
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(fieldPath);
    expect(await app.strapi.db.query(CHAIN).count({})).toBe(before);
  });

  // The Content Manager refuses these shapes itself (403); REST hands them to the middleware, which must answer 400, not 500.
  test.each<[string, unknown, string[]]>([
    ['steps that are no list', 'x', ['steps']],
    ['a step that is null', [null], ['steps', '0']],
    ['offices that are no list', [{ unit: 'offices', offices: 'x', deadlineDays: 2, label: '多个' }], ['steps', '0', 'offices']],
    ['offices given as an object', [{ unit: 'department', offices: {}, deadlineDays: 2, label: '系部' }], ['steps', '0', 'offices']],
  ])('REST: %s is a 400 naming the field', async (_name, steps, fieldPath) => {
    const before = await app.strapi.db.query(CHAIN).count({});
    const response = await app.http.post('/api/approval-chains').set('Authorization', world.academicAffairs.api).send({ data: { name: '形状', subject: 'status-change', tier: 'special', active: false, steps } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(fieldPath);
    expect(await app.strapi.db.query(CHAIN).count({})).toBe(before);
  });

  test('a step naming an office that is not content (deleted by an admin) is refused, on REST as well', async () => {
    const library = (await app.strapi.db.query('api::office.office').findOne({ where: { kind: 'admissions' } })) as Record<string, any>;
    await app.strapi.db.query('api::office.office').delete({ where: { id: library.id } });
    try {
      const response = await create({ steps: [{ unit: 'admissions', deadlineDays: 2, label: '招生就业处' }] });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['steps', '0', 'unit']);
      const rest = await app.http.post('/api/approval-chains').set('Authorization', world.academicAffairs.api)
        .send({ data: { name: 'REST 流程', subject: 'status-change', tier: 'special', active: false, steps: [{ unit: 'offices', offices: [{ office: 'admissions' }], deadlineDays: 2, label: '招生就业处' }] } });
      expect(rest.status).toBe(400);
      expect(rest.body.error.details.errors[0].path).toEqual(['steps', '0', 'offices', '0', 'office']);
    } finally {
      await app.strapi.db.query('api::office.office').create({ data: { kind: library.kind, name: library.name, description: library.description, documentId: library.documentId } });
    }
  });
});

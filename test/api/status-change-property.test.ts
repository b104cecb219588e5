/**
 * A property of the whole stack (issue 5): random sequences of workflow actions by random people,
 * through REST, never record a decision by a non-member, never skip a step, never let one person
 * decide twice in a round, and never touch the student before the final approval.
 */
import fc from 'fast-check';
import { WORKFLOW_ACTIONS } from '../../src/domain/status-change';
import { act, activeStudent, attachDocuments, createRequest, createWorkflowWorld, studentWithLogin, suspensionData, type WorkflowWorld } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let world: WorkflowWorld;
let people: Array<{ name: string; auth: string; email: string | null; units: string[] }>;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorkflowWorld(app);
  const ownDepartment = `department:${world.tree.department.documentId}`;
  const otherDepartment = `department:${world.otherTree.department.documentId}`;
  people = [
    { name: 'manager', auth: world.manager.api, email: world.manager.email, units: [ownDepartment] },
    { name: 'clerk', auth: world.clerk.api, email: world.clerk.email, units: [ownDepartment] },
    { name: 'otherManager', auth: world.otherManager.api, email: world.otherManager.email, units: [otherDepartment] },
    { name: 'academicAffairs', auth: world.academicAffairs.api, email: world.academicAffairs.email, units: ['academic-affairs'] },
    { name: 'academicAffairs2', auth: world.academicAffairs2.api, email: world.academicAffairs2.email, units: ['academic-affairs'] },
    { name: 'studentAffairs', auth: world.studentAffairs.api, email: world.studentAffairs.email, units: ['student-affairs'] },
    { name: 'leader', auth: world.leader.api, email: world.leader.email, units: ['leadership'] },
    { name: 'token', auth: app.auth, email: null, units: [] },
  ];
});

afterAll(async () => {
  await app.stop();
});

type Row = Record<string, any>;

async function snapshot(documentId: string, studentDocumentId: string) {
  const request = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId } })) as Row;
  const decisions = (await app.strapi.db.query('api::approval-decision.approval-decision').findMany({ where: { subjectDocumentId: documentId }, orderBy: [{ id: 'asc' }] })) as Row[];
  const student = (await app.strapi.db.query('api::student.student').findOne({ where: { documentId: studentDocumentId } })) as Row;
  const history = await app.strapi.db.query('api::status-history.status-history').count({ where: { statusChange: { documentId } } });
  return { request, decisions, student, history };
}

function assertInvariants(state: Awaited<ReturnType<typeof snapshot>>, departmentKey: string) {
  const { request, decisions, student, history } = state;
  const steps = (request.chainSteps ?? []) as Array<{ unit: string }>;
  const rounds = new Map<number, Row[]>();
  for (const d of decisions) rounds.set(d.round, [...(rounds.get(d.round) ?? []), d]);
  for (const [, inRound] of rounds) {
    // No skipped step: steps 1, 2, 3... in order; no person twice
    expect(inRound.map((d) => d.step)).toEqual(inRound.map((_, i) => i + 1));
    expect(new Set(inRound.map((d) => d.decidedBy)).size).toBe(inRound.length);
    for (const d of inRound) {
      const person = people.find((p) => p.email === d.decidedBy);
      const unit = steps[d.step - 1].unit;
      // Decided by a member of the step's unit
      expect(person?.units).toContain(unit === 'department' ? departmentKey : unit);
    }
  }
  // The effect only with the final approval
  if (request.state === 'approved') {
    expect(student.status).toBe('suspended');
    expect(history).toBe(1);
    const last = rounds.get(request.round) ?? [];
    expect(last.map((d) => d.decision)).toEqual(steps.map(() => 'approve'));
  } else {
    expect(student.status).toBe('active');
    expect(history).toBe(0);
  }
}

test('random actions by random people keep every rule of the chain', async () => {
  const reached = new Set<string>();
  const departmentKey = `department:${world.tree.department.documentId}`;
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.array(
        fc.record({ action: fc.constantFrom(...WORKFLOW_ACTIONS, 'approve', 'approve', 'approve', 'approve', 'approve'), who: fc.nat({ max: 100 }), informed: fc.boolean(), stale: fc.boolean() }),
        { minLength: 1, maxLength: 14 },
      ),
      async (long, moves) => {
        const student = await studentWithLogin(app, world.tree.schoolClass.documentId);
        const actors = [...people, { name: 'student', auth: student.api, email: null, units: [] }];
        // A general (4 months) or important (9 months, illness) request, submitted by the department
        const data = { ...suspensionData(student.documentId, long ? 9 : 4), suspensionCause: long ? 'illness' : 'personal' };
        const request = await createRequest(app, world.manager.api, data);
        await attachDocuments(app, request.documentId);
        expect((await act(app, world.manager.api, request.documentId, 'submit')).status).toBe(200);
        for (const move of moves) {
          const current = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: request.documentId } })) as Row;
          // Half the moves are by someone of the current step's unit, so that chains get walked to the end.
          const unit = current.currentStep ? current.chainSteps[current.currentStep - 1].unit : null;
          const wanted = unit === 'department' ? departmentKey : unit;
          const informed = actors.filter((a) => wanted && a.units.includes(wanted));
          const pool = move.informed && informed.length > 0 ? informed : actors;
          const actor = pool[move.who % pool.length];
          const body: Record<string, unknown> = move.action === 'reject' || move.action === 'return' ? { comment: '意见' } : {};
          if (move.stale && current.currentStep) body.step = current.currentStep + 1;
          const response = await act(app, actor.auth, request.documentId, move.action, body);
          expect([200, 400, 403, 404, 409]).toContain(response.status);
          assertInvariants(await snapshot(request.documentId, student.documentId), departmentKey);
        }
        reached.add((await snapshot(request.documentId, student.documentId)).request.state);
      },
    ),
    { numRuns: 15 },
  );
  // The runs walked real chains, not only refusals.
  expect(reached.size).toBeGreaterThan(1);
});

test('nobody outside the scope changes anything, whatever they send', async () => {
  const student = await activeStudent(app, world.tree.schoolClass.documentId);
  const request = await createRequest(app, world.manager.api, suspensionData(student.documentId));
  await attachDocuments(app, request.documentId);
  await act(app, world.manager.api, request.documentId, 'submit');
  for (const action of WORKFLOW_ACTIONS) {
    const response = await act(app, world.otherManager.api, request.documentId, action, { comment: '越权' });
    expect(response.status).toBe(404);
  }
  const { decisions, request: row } = await snapshot(request.documentId, student.documentId);
  expect(decisions).toHaveLength(0);
  expect(row).toMatchObject({ state: 'submitted', currentStep: 1, round: 1 });
});

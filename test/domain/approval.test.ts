/** The pure approval engine (domain.md 3): a request, an action by an actor, and what follows. */
import fc from 'fast-check';
import {
  applyAction,
  isMemberOf,
  type ApprovalActor,
  type ApprovalRequest,
  type ChainStep,
  type Membership,
} from '../../src/domain/approval';
import {
  APPROVAL_UNITS,
  FINAL_STATES,
  WORKFLOW_ACTIONS,
  type ApprovalUnit,
  type Decision,
  type RequestState,
  type WorkflowAction,
} from '../../src/domain/status-change';
import { OFFICE_KINDS } from '../../src/domain/constants';

const chain = (...units: ApprovalUnit[]): ChainStep[] => units.map((unit, i) => ({ unit, deadlineDays: 3, label: `第${i + 1}步` }));
const department = (departmentId: number): Membership => ({ unit: 'department', departmentId });
const office = (unit: string): Membership => ({ unit, departmentId: null });
const person = (key: string, ...memberships: Membership[]): ApprovalActor => ({ key, memberships, isSubject: false });

const STUDENT: ApprovalActor = { key: 'student-20250101', memberships: [], isSubject: true };
const DEPARTMENT_CLERK = person('wang@dept1', department(1));
const OTHER_DEPARTMENT_CLERK = person('li@dept2', department(2));
const ACADEMIC_AFFAIRS = person('zhao@jwc', office('academic-affairs'));
const STUDENT_AFFAIRS = person('sun@xsc', office('student-affairs'));
const NOBODY = person('visitor@school');
/** In the department and in academic affairs: may decide either step of the general chain. */
const DOUBLE_HAT = person('zhou@dept1', department(1), office('academic-affairs'));
/** An API token: a member of everything, but nobody in particular. */
const TOKEN: ApprovalActor = { key: null, memberships: [department(1), office('academic-affairs')], isSubject: false };

/** A draft of department 1 on the general chain (department, then academic affairs). */
const draft = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  state: 'draft',
  round: 0,
  currentStep: null,
  steps: chain('department', 'academic-affairs'),
  departmentId: 1,
  decisions: [],
  ...overrides,
});
const submitted = (currentStep: number, overrides: Partial<ApprovalRequest> = {}) => draft({ state: 'submitted', round: 1, currentStep, ...overrides });
const inState = (state: RequestState) => draft({ state, round: state === 'draft' ? 0 : 1, currentStep: state === 'submitted' ? 0 : null });

const refusalOf = (outcome: ReturnType<typeof applyAction>) => (outcome.ok ? null : outcome.refusal);

describe('applyAction: the way through', () => {
  test('submitting a draft starts round 1 at the first step', () => {
    // When the department files the draft
    const outcome = applyAction(draft(), 'submit', DEPARTMENT_CLERK);
    // Then
    expect(outcome).toEqual({ ok: true, state: 'submitted', round: 1, currentStep: 0, decision: null, final: false });
  });

  test('an approval of a step that is not the last moves to the next step', () => {
    // Given a request at the department step; When the department approves
    const outcome = applyAction(submitted(0), 'approve', DEPARTMENT_CLERK);
    // Then
    expect(outcome).toEqual({
      ok: true,
      state: 'submitted',
      round: 1,
      currentStep: 1,
      decision: { step: 0, decision: 'approve', unit: 'department' },
      final: false,
    });
  });

  test('the approval of the last step approves the request, and is final', () => {
    // Given a request at the academic-affairs step, approved by the department
    const request = submitted(1, { decisions: [{ round: 1, step: 0, deciderKey: DEPARTMENT_CLERK.key as string }] });
    // When academic affairs approves
    const outcome = applyAction(request, 'approve', ACADEMIC_AFFAIRS);
    // Then
    expect(outcome).toEqual({
      ok: true,
      state: 'approved',
      round: 1,
      currentStep: null,
      decision: { step: 1, decision: 'approve', unit: 'academic-affairs' },
      final: true,
    });
  });

  test('a one-step chain is approved by its first approval', () => {
    const outcome = applyAction(submitted(0, { steps: chain('leadership-meeting') }), 'approve', person('boss@school', office('leadership-meeting')));
    expect(outcome).toMatchObject({ ok: true, state: 'approved', final: true });
  });

  test('a rejection ends the request', () => {
    // When the department rejects at the first step
    const outcome = applyAction(submitted(0), 'reject', DEPARTMENT_CLERK);
    // Then
    expect(outcome).toEqual({
      ok: true,
      state: 'rejected',
      round: 1,
      currentStep: null,
      decision: { step: 0, decision: 'reject', unit: 'department' },
      final: false,
    });
  });

  test('a return sends the request back for revision', () => {
    // When academic affairs returns at the second step
    const outcome = applyAction(submitted(1), 'return', ACADEMIC_AFFAIRS);
    // Then
    expect(outcome).toEqual({
      ok: true,
      state: 'returned',
      round: 1,
      currentStep: null,
      decision: { step: 1, decision: 'return', unit: 'academic-affairs' },
      final: false,
    });
  });

  test('resubmitting a returned request starts round 2 at the first step', () => {
    // Given a request returned in round 1
    const request = draft({ state: 'returned', round: 1, decisions: [{ round: 1, step: 0, deciderKey: 'wang@dept1' }] });
    // When the student resubmits
    const outcome = applyAction(request, 'resubmit', STUDENT);
    // Then
    expect(outcome).toEqual({ ok: true, state: 'submitted', round: 2, currentStep: 0, decision: null, final: false });
  });

  test.each<RequestState>(['draft', 'submitted', 'returned'])('a %s request may be withdrawn', (state) => {
    const outcome = applyAction(inState(state), 'withdraw', DEPARTMENT_CLERK);
    expect(outcome).toMatchObject({ ok: true, state: 'withdrawn', currentStep: null, decision: null, final: false });
  });

  test('submitting with no chain is refused', () => {
    expect(refusalOf(applyAction(draft({ steps: [] }), 'submit', DEPARTMENT_CLERK))).toBe('no-chain');
  });
});

describe('applyAction: who decides', () => {
  test.each<[string, ApprovalRequest, ApprovalActor]>([
    ['a member of another department, at the department step', submitted(0), OTHER_DEPARTMENT_CLERK],
    ['a member of the department, on a request with no department', submitted(0, { departmentId: null }), DEPARTMENT_CLERK],
    ['academic affairs, at the department step', submitted(0), ACADEMIC_AFFAIRS],
    ['the department, at the academic-affairs step', submitted(1), DEPARTMENT_CLERK],
    ['student affairs, at the academic-affairs step', submitted(1), STUDENT_AFFAIRS],
    ['the student the request is about', submitted(0), STUDENT],
    ['the student the request is about, though also a member of the department', submitted(0), { key: 'working-student', memberships: [department(1)], isSubject: true }],
    ['an API token with every membership but no person', submitted(0), TOKEN],
    ['a person without membership', submitted(0), NOBODY],
  ])('refused as not a member: %s', (_name, request, actor) => {
    expect(refusalOf(applyAction(request, 'approve', actor))).toBe('not-member');
  });

  test.each<[string, WorkflowAction]>([
    ['approve', 'approve'],
    ['reject', 'reject'],
    ['return', 'return'],
  ])('a person may not %s twice in one round', (_name, action) => {
    // Given the double-hatted person approved the department step in round 1
    const request = submitted(1, { decisions: [{ round: 1, step: 0, deciderKey: DOUBLE_HAT.key as string }] });
    // When they act on the academic-affairs step
    const outcome = applyAction(request, action, DOUBLE_HAT);
    // Then
    expect(refusalOf(outcome)).toBe('decided-twice');
  });

  test('a person who decided in round 1 may decide again in round 2', () => {
    // Given round 2, after the double-hatted person decided in round 1
    const request = submitted(0, { round: 2, decisions: [{ round: 1, step: 0, deciderKey: DOUBLE_HAT.key as string }] });
    // When they approve the department step again
    const outcome = applyAction(request, 'approve', DOUBLE_HAT);
    // Then
    expect(outcome).toMatchObject({ ok: true, state: 'submitted', round: 2, currentStep: 1 });
  });

  test('a decision on a step other than the current one is refused', () => {
    expect(refusalOf(applyAction(submitted(1), 'approve', ACADEMIC_AFFAIRS, 0))).toBe('wrong-step');
  });

  test('a decision naming the current step is accepted', () => {
    expect(applyAction(submitted(1), 'approve', ACADEMIC_AFFAIRS, 1)).toMatchObject({ ok: true, state: 'approved' });
  });
});

describe('applyAction: who applies', () => {
  test.each<[string, ApprovalActor]>([
    ['a member of another department', OTHER_DEPARTMENT_CLERK],
    ['a person without membership', NOBODY],
    ['student affairs', STUDENT_AFFAIRS],
  ])('%s may not submit', (_name, actor) => {
    expect(refusalOf(applyAction(draft(), 'submit', actor))).toBe('not-applicant');
  });

  test.each<[string, ApprovalActor]>([
    ['the student the request is about', STUDENT],
    ['the request\'s department', DEPARTMENT_CLERK],
    ['academic affairs', ACADEMIC_AFFAIRS],
  ])('%s may submit', (_name, actor) => {
    expect(applyAction(draft(), 'submit', actor)).toMatchObject({ ok: true, state: 'submitted' });
  });

  test('a member of another department may not withdraw', () => {
    expect(refusalOf(applyAction(submitted(0), 'withdraw', OTHER_DEPARTMENT_CLERK))).toBe('not-applicant');
  });

  test('the student may withdraw their own submitted request', () => {
    expect(applyAction(submitted(0), 'withdraw', STUDENT)).toMatchObject({ ok: true, state: 'withdrawn' });
  });
});

describe('applyAction: actions in the wrong state', () => {
  test.each<[WorkflowAction, RequestState]>([
    ['approve', 'draft'],
    ['reject', 'draft'],
    ['return', 'draft'],
    ['approve', 'returned'],
    ['approve', 'withdrawn'],
    ['resubmit', 'submitted'],
    ['resubmit', 'draft'],
    ['submit', 'submitted'],
    ['submit', 'returned'],
    ...WORKFLOW_ACTIONS.flatMap((action) => FINAL_STATES.map((state): [WorkflowAction, RequestState] => [action, state])),
  ])('%s on a %s request is refused', (action, state) => {
    // Given an actor who could do anything the state allowed
    const everyone: ApprovalActor = { key: 'all@school', memberships: [department(1), ...APPROVAL_UNITS.map(office)], isSubject: true };
    // Then
    expect(refusalOf(applyAction(inState(state), action, everyone))).toBe('state');
  });
});

describe('applyAction: properties over random chains, actors and action sequences', () => {
  const DEPARTMENT_IDS = [1, 2, 3];
  // Units that are a membership (the request roles and `offices` have their own table below).
  const OFFICES = OFFICE_KINDS;
  const ALL_MEMBERSHIPS: Membership[] = [...DEPARTMENT_IDS.map(department), ...OFFICES.map(office)];

  const actorArbitrary = (index: number) =>
    fc.record({
      memberships: fc.subarray(ALL_MEMBERSHIPS),
      isSubject: fc.boolean(),
      keyless: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }).map(({ memberships, isSubject, keyless }): ApprovalActor => ({ key: keyless ? null : `actor-${index}`, memberships, isSubject }));

  /** Every action, approvals most often so that chains get to their end. */
  const actionArbitrary = fc.oneof(
    { arbitrary: fc.constant<WorkflowAction>('approve'), weight: 8 },
    { arbitrary: fc.constant<WorkflowAction>('submit'), weight: 2 },
    { arbitrary: fc.constant<WorkflowAction>('resubmit'), weight: 2 },
    { arbitrary: fc.constant<WorkflowAction>('return'), weight: 2 },
    { arbitrary: fc.constant<WorkflowAction>('reject'), weight: 1 },
    { arbitrary: fc.constant<WorkflowAction>('withdraw'), weight: 1 },
  );

  const scenario = fc.record({
    units: fc.array(fc.constantFrom<ApprovalUnit>('department', ...OFFICE_KINDS), { minLength: 1, maxLength: 5 }),
    departmentId: fc.integer({ min: 1, max: 3 }),
    actors: fc.tuple(...[0, 1, 2, 3, 4, 5].map(actorArbitrary)),
    moves: fc.array(
      fc.record({
        action: actionArbitrary,
        actorIndex: fc.integer({ min: 0, max: 5 }),
        expectedStep: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 3 }),
      }),
      { maxLength: 30, size: 'max' },
    ),
  });

  interface Recorded {
    round: number;
    step: number;
    deciderKey: string;
    decision: Decision;
  }

  /** The invariants a request's history keeps after every action. */
  function checkHistory(request: ApprovalRequest, recorded: readonly Recorded[], actorsByKey: Map<string, ApprovalActor>) {
    for (const decision of recorded) {
      const decider = actorsByKey.get(decision.deciderKey) as ApprovalActor;
      const step = request.steps[decision.step];
      const { unit } = step;
      expect(isMemberOf(decider, step, request)).toBe(true);
      // the same rule spelled out: a department step needs the request's own department
      expect(decider.memberships.some((m) => m.unit === unit && (unit !== 'department' || m.departmentId === request.departmentId))).toBe(true);
    }
    for (let round = 1; round <= request.round; round += 1) {
      const ofRound = recorded.filter((d) => d.round === round);
      // no skipped step, no step decided twice
      expect(ofRound.map((d) => d.step)).toEqual(ofRound.map((_d, i) => i));
      // nobody decides twice in a round
      expect(new Set(ofRound.map((d) => d.deciderKey)).size).toBe(ofRound.length);
      // only the last decision of a round may end it
      expect(ofRound.slice(0, -1).every((d) => d.decision === 'approve')).toBe(true);
    }
    expect(recorded.every((d) => d.round >= 1 && d.round <= request.round)).toBe(true);
    const current = recorded.filter((d) => d.round === request.round);
    if (request.state === 'submitted') expect(request.currentStep).toBe(current.length);
    if (request.state === 'approved') {
      expect(current.map((d) => [d.step, d.decision])).toEqual(request.steps.map((_s, i) => [i, 'approve']));
    }
  }

  test('decisions follow the chain, by members, once per person per round; final means approved; final states stay final', () => {
    fc.assert(
      fc.property(scenario, ({ units, departmentId, actors, moves }) => {
        const steps = chain(...units);
        const actorsByKey = new Map(actors.filter((a) => a.key !== null).map((a) => [a.key as string, a]));
        let request: ApprovalRequest = { state: 'draft', round: 0, currentStep: null, steps, departmentId, decisions: [] };
        const recorded: Recorded[] = [];

        for (const { action, actorIndex, expectedStep } of moves) {
          const actor = actors[actorIndex];
          const outcome = applyAction(request, action, actor, expectedStep);
          if (FINAL_STATES.includes(request.state)) expect(outcome.ok).toBe(false);
          if (!outcome.ok) continue;

          expect(outcome.final).toBe(outcome.state === 'approved');
          if (outcome.decision) {
            expect(actor.key).not.toBeNull();
            expect(outcome.decision.decision).toBe(action);
            expect(outcome.decision.step).toBe(request.currentStep);
            expect(outcome.decision.unit).toBe(steps[outcome.decision.step].unit);
            if (expectedStep !== undefined) expect(expectedStep).toBe(outcome.decision.step);
            recorded.push({ round: outcome.round, step: outcome.decision.step, deciderKey: actor.key as string, decision: outcome.decision.decision });
          }
          request = {
            ...request,
            state: outcome.state,
            round: outcome.round,
            currentStep: outcome.currentStep,
            decisions: recorded.map(({ round, step, deciderKey }) => ({ round, step, deciderKey })),
          };
          checkHistory(request, recorded, actorsByKey);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('isMemberOf: who decides a step, for each kind of unit', () => {
  const SECURITY = person('he@bwc', office('security'));
  const FINANCE = person('qian@jcc', office('finance'));
  const LIBRARY = person('feng@tsg', office('library'));
  const parties = { departmentId: 1, sourceOffice: 'security' };

  test.each<[string, ChainStep['unit'], string[] | undefined, ApprovalActor, boolean]>([
    // an office
    ['a member of the office', 'academic-affairs', undefined, ACADEMIC_AFFAIRS, true],
    ['a member of another office', 'academic-affairs', undefined, STUDENT_AFFAIRS, false],
    ['a department clerk for an office step', 'academic-affairs', undefined, DEPARTMENT_CLERK, false],
    // several offices: any member of any of them
    ['a member of the first office listed', 'offices', ['security', 'finance'], SECURITY, true],
    ['a member of the second office listed', 'offices', ['security', 'finance'], FINANCE, true],
    ['a member of an office not listed', 'offices', ['security', 'finance'], LIBRARY, false],
    ['anyone, when no office is listed', 'offices', [], SECURITY, false],
    // the request's department
    ['a member of the request\'s department', 'department', undefined, DEPARTMENT_CLERK, true],
    ['a member of another department', 'department', undefined, OTHER_DEPARTMENT_CLERK, false],
    ['an office member for a department step', 'department', undefined, ACADEMIC_AFFAIRS, false],
    // the office the request's matter came from
    ['a member of the source office', 'source-office', undefined, SECURITY, true],
    ['a member of another office for the source office', 'source-office', undefined, FINANCE, false],
    ['a department clerk for the source office', 'source-office', undefined, DEPARTMENT_CLERK, false],
    // the student, confirming
    ['the student', 'student', undefined, STUDENT, true],
    ['staff of the student\'s department for a student step', 'student', undefined, DEPARTMENT_CLERK, false],
  ])('%s: a %s step', (_who, unit, offices, actor, expected) => {
    expect(isMemberOf(actor, { unit, offices }, parties)).toBe(expected);
  });

  test('a source-office step decides nothing when the request has no source office', () => {
    expect(isMemberOf(SECURITY, { unit: 'source-office' }, { departmentId: 1, sourceOffice: null })).toBe(false);
  });

  test('a student confirms their own step and decides no other, even if they work in the unit', () => {
    const confirming = draft({ state: 'submitted', round: 1, currentStep: 0, steps: chain('student', 'department') });
    const studentInDepartment: ApprovalActor = { key: 'stu@dept1', memberships: [department(1)], isSubject: true };
    // the student confirms the first step
    const confirmed = applyAction(confirming, 'approve', studentInDepartment);
    expect(confirmed).toMatchObject({ ok: true, currentStep: 1, decision: { unit: 'student' } });
    // but may not decide their department's step, though a member of it
    expect(refusalOf(applyAction({ ...confirming, currentStep: 1 }, 'approve', studentInDepartment))).toBe('not-member');
    // and the department may not confirm for the student
    expect(refusalOf(applyAction(confirming, 'approve', DEPARTMENT_CLERK))).toBe('not-member');
  });

  test('an offices step is decided by a member of any listed office, once per round', () => {
    const steps: ChainStep[] = [{ unit: 'offices', offices: ['security', 'finance'], deadlineDays: 3, label: '保卫处或计财处核实' }];
    const request = draft({ state: 'submitted', round: 1, currentStep: 0, steps });
    expect(applyAction(request, 'approve', FINANCE)).toMatchObject({ ok: true, state: 'approved', final: true });
    expect(refusalOf(applyAction(request, 'approve', LIBRARY))).toBe('not-member');
  });
});

describe('filing rules: each subject says who may file', () => {
  const archiveAccess = { student: false, department: false, offices: ['archive', 'admissions'], refusal: '只有档案室或招生就业处可以提交 (archive or admissions only)' };

  test.each<[string, ApprovalActor, boolean]>([
    ['a member of a listed office', person('a@dag', office('archive')), true],
    ['a member of the other listed office', person('b@zsc', office('admissions')), true],
    ['the student', STUDENT, false],
    ['the department', DEPARTMENT_CLERK, false],
    ['academic affairs, not listed', ACADEMIC_AFFAIRS, false],
  ])('%s', (_who, actor, expected) => {
    const outcome = applyAction(draft({ filers: archiveAccess }), 'submit', actor);
    expect(outcome.ok).toBe(expected);
    if (!outcome.ok) expect(outcome).toMatchObject({ refusal: 'not-applicant', message: archiveAccess.refusal });
  });

  test("without a rule, status changes' rule applies: the student, their department, academic affairs", () => {
    expect(applyAction(draft(), 'submit', STUDENT).ok).toBe(true);
    expect(applyAction(draft(), 'submit', DEPARTMENT_CLERK).ok).toBe(true);
    expect(applyAction(draft(), 'submit', ACADEMIC_AFFAIRS).ok).toBe(true);
    expect(refusalOf(applyAction(draft(), 'submit', STUDENT_AFFAIRS))).toBe('not-applicant');
  });
});

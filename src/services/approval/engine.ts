/**
 * Runs one workflow action on one request, for any subject that plugs in (status changes now;
 * integrity appeals and amendments, archive access and registration next). The pure rules live in
 * src/domain/approval.ts, its words in src/domain/approval-vocabulary.ts; this is the transaction
 * around them:
 *
 * read the request as the actor may see it (404 otherwise) -> lock its row (SELECT ... FOR UPDATE,
 * so two deciders from any process queue up) -> 409 if it moved since it was read -> apply the
 * rules -> record the decision (unique per step and per person and round) -> update the request ->
 * on final approval apply the effect -> audit and notify. Any failure rolls everything back.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { addWorkingDays } from '../../domain/calendar-months';
import { applyAction, type ApprovalRequest, type ChainStep, type FilingRule, type Outcome } from '../../domain/approval';
import { FINAL_STATES, type WorkflowAction } from '../../domain/approval-vocabulary';
import type { OutcomeParser } from './action-request';
import { recordAudit } from '../audit/record';
import { withClientErrors } from '../database-errors';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { approvalActor, type Decider } from './deciders';
import { loadDecisions, recordDecision } from './decisions';
import { conflict, refusalError } from './errors';
import { now as clockNow, schoolDate } from '../clock';
import { loadSchoolCalendar } from '../school-calendar';

export interface SubjectRow {
  id: number;
  documentId: string;
  state: ApprovalRequest['state'];
  round: number;
  /** 1-based while submitted, as people count steps. */
  currentStep: number | null;
  departmentId: number | null;
  /** The users-permissions login of the student the request is about. */
  subjectUserId: number | null;
  /** The office the request's matter came from (resolves `source-office` steps), where the subject has one. */
  sourceOffice?: string | null;
  departmentName?: string | null;
  /** When the waiting step is due (a date on the school calendar). */
  due?: string | null;
  steps: ChainStep[];
}

/** What a request of a subject is called in lists (the inbox) and on its timeline. */
export interface SubjectSummary {
  /** The subject's own sub-type ('suspension'). */
  type: string | null;
  student: string | null;
  department: string | null;
}

/** The submitted requests of a subject, for the inbox: one SQL query over its table. */
export interface InboxSource {
  /**
   * A SELECT of the subject's submitted requests with the columns document_id, round,
   * current_step, steps (jsonb array), due (date as text), submitted_at, department_id,
   * source_office, student_user_id, type, student, department. The engine filters it to the
   * caller's steps.
   */
  sql: string;
  /**
   * Whether the caller's department scope limits the rows (default), as it limits the subject's
   * own reads; false when the subject's visibility is its own (its SQL and findVisible agree).
   */
  scoped?: boolean;
}

/**
 * A kind of request the engine runs. Its table has the columns `state`, `round` and
 * `current_step`; everything else about it (what it is, who files it, which chain, what a decision
 * carries, what approval does) the subject says here.
 */
export interface ApprovalSubject<Row extends SubjectRow = SubjectRow> {
  /** Short name stored with each decision and chain ('status-change'). */
  name: string;
  /** Its Chinese name ('学籍异动'). */
  label: string;
  uid: string;
  /** Who may file, resubmit and withdraw its requests. */
  filers: FilingRule;
  /** What a decision carries besides the comment (absent: nothing). */
  parseOutcome?: OutcomeParser;
  table: string;
  /** The column holding the engine's state, where the subject's `state` is its own ('workflow_state'); default `state`. */
  stateColumn?: string;
  /** The decision's relation to the request, where the decision type has one ('statusChange'). */
  decisionLink?: string;
  /** The request as the current actor may see it (scoped read), or null. */
  findVisible(documentId: string): Promise<Row | null>;
  /** The request, read again inside the transaction after its row is locked. */
  load(documentId: string): Promise<Row>;
  /** Checks a request on submit and resubmit; returns the columns to store (tier, chain...). */
  prepareSubmission(row: Row): Promise<{ steps: ChainStep[]; columns: Record<string, unknown> }>;
  /**
   * Checks a decision before it is recorded (a registration that fails a condition cannot be
   * approved): throws to refuse it; returns columns to store with it.
   */
  checkDecision?(row: Row, decision: 'approve' | 'reject' | 'return', step: ChainStep | undefined): Promise<Record<string, unknown>>;
  /** Applies the approved request; `outcome` is what the last approval carried. Returns a summary kept on the request. */
  applyEffect(row: Row, outcome: Record<string, unknown> | null): Promise<Record<string, unknown>>;
  /** Undoes what submitting started when the request ends unapproved (rejected, or withdrawn after submission). */
  applyEnd?(row: Row, state: 'rejected' | 'withdrawn', comment: string | null): Promise<void>;
  /** Writes the request's new state columns. */
  save(row: Row, columns: Record<string, unknown>): Promise<void>;
  /** Tells the student where their request stands. */
  notify(row: Row, outcome: Extract<Outcome, { ok: true }>, comment: string | null): Promise<void>;
  /** What the request is, for its timeline and the inbox. */
  summarize(row: Row): SubjectSummary;
  /** Where the inbox finds its submitted requests. */
  inbox: InboxSource;
}

export interface ActionInput {
  documentId: string;
  action: WorkflowAction;
  comment: string | null;
  /** The 1-based step the decider saw; guards against deciding on a step that has moved on. */
  step?: number;
  /** What the decision carries, as the subject's parser returned it. */
  outcome?: Record<string, unknown> | null;
}

/** The stored request as the pure rules see it (0-based steps, decisions keyed by person). */
export function toApprovalRequest(row: SubjectRow, decisions: Awaited<ReturnType<typeof loadDecisions>>, steps: ChainStep[], filers?: FilingRule): ApprovalRequest {
  return {
    filers,
    sourceOffice: row.sourceOffice ?? null,
    state: row.state,
    round: row.round,
    currentStep: row.currentStep === null ? null : row.currentStep - 1,
    steps,
    departmentId: row.departmentId,
    decisions: decisions.map((d) => ({ round: d.round, step: d.step - 1, deciderKey: d.decidedBy.toLowerCase() })),
  };
}

function sameMoment(a: Pick<SubjectRow, 'state' | 'round' | 'currentStep'>, b: Pick<SubjectRow, 'state' | 'round' | 'currentStep'>): boolean {
  return a.state === b.state && a.round === b.round && a.currentStep === b.currentStep;
}

/** Locks the request's row and reads the columns that say where it stands. */
async function lockRow(trx: Knex.Transaction, table: string, stateColumn: string, id: number): Promise<Pick<SubjectRow, 'state' | 'round' | 'currentStep'>> {
  const { rows } = await trx.raw('SELECT ?? AS state, round, current_step FROM ?? WHERE id = ? FOR UPDATE', [stateColumn, table, id]);
  const [locked] = rows as Array<{ state: SubjectRow['state']; round: number; current_step: number | null }>;
  // Deleted since it was read: as if it had never been there.
  if (!locked) throw notFound();
  return { state: locked.state, round: locked.round, currentStep: locked.current_step };
}

/** Runs the action as the current request's actor; answers with the state the request is now in. */
export async function runWorkflowAction<Row extends SubjectRow>(strapi: Core.Strapi, subject: ApprovalSubject<Row>, input: ActionInput): Promise<ApprovalRequest['state']> {
  const actor = await currentActor(strapi);
  const seen = await subject.findVisible(input.documentId);
  if (!seen) throw notFound();
  const decider: Decider = await approvalActor(strapi, actor, seen.subjectUserId);
  return withoutScope(() =>
    withClientErrors(() => strapi.db.transaction(async ({ trx }) => {
      const locked = await lockRow(trx, subject.table, subject.stateColumn ?? 'state', seen.id);
      if (!sameMoment(seen, locked)) throw conflict('申请已被他人处理，请刷新后再试 (the request changed meanwhile; reload it)');
      const submitting = input.action === 'submit' || input.action === 'resubmit';
      // A draft or returned request may have been edited since it was read; one under approval cannot.
      const row = submitting ? await subject.load(input.documentId) : seen;
      const prepared = submitting ? await subject.prepareSubmission(row) : { steps: row.steps, columns: {} };
      const decisions = await loadDecisions(strapi, subject.name, row.documentId);
      const expected = input.step === undefined ? undefined : input.step - 1;
      const outcome = applyAction(toApprovalRequest(row, decisions, prepared.steps, subject.filers), input.action, decider, expected);
      if (!outcome.ok) throw refusalError(outcome.refusal, outcome.message);
      const checked = outcome.decision && subject.checkDecision ? await subject.checkDecision(row, outcome.decision.decision, prepared.steps[outcome.decision.step]) : {};
      const now = clockNow();
      if (outcome.decision) {
        await recordDecision(strapi, subject, row, { ...outcome.decision, round: outcome.round, step: outcome.decision.step + 1 }, prepared.steps[outcome.decision.step], decider, input.comment, now, input.outcome ?? null);
      }
      const columns: Record<string, unknown> = {
        ...prepared.columns,
        ...checked,
        state: outcome.state,
        round: outcome.round,
        currentStep: outcome.currentStep === null ? null : outcome.currentStep + 1,
      };
      if (outcome.final) columns.effect = await subject.applyEffect({ ...(await subject.load(row.documentId)), ...columns } as Row, input.outcome ?? null);
      if (subject.applyEnd && (outcome.state === 'rejected' || outcome.state === 'withdrawn')) await subject.applyEnd(row, outcome.state, input.comment);
      await subject.save(row, { ...columns, ...(await stepTimes(strapi, outcome, prepared.steps, now)) });
      await recordAudit(strapi, { action: input.action, targetType: subject.uid, targetDocumentId: row.documentId, fields: Object.keys(columns) }, actor);
      await subject.notify({ ...row, ...columns } as Row, outcome, input.comment);
      return outcome.state;
    })),
  );
}

/** When the step now waiting is due: its working days counted on the school calendar from the school's today. */
async function stepTimes(strapi: Core.Strapi, outcome: Extract<Outcome, { ok: true }>, steps: ChainStep[], now: Date): Promise<Record<string, unknown>> {
  const today = schoolDate(now);
  const due = outcome.currentStep === null ? null : addWorkingDays(today, steps[outcome.currentStep]?.deadlineDays ?? 0, await loadSchoolCalendar(strapi, today));
  const decided = FINAL_STATES.includes(outcome.state) ? { decidedAt: now } : {};
  return { currentStepDue: due, ...decided };
}

function notFound(): Error {
  return new errors.NotFoundError('Not Found');
}

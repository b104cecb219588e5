/**
 * Registration as a subject of the approval engine (domain.md 4): the student submits within
 * their deadline, the department reviews (2 working days), academic affairs decides (3), and the
 * student confirms; confirming registers them and, for a new student, makes their status active
 * in the same transaction. A failed condition blocks an approval with its reason. Registrations
 * are returned, never rejected, and not withdrawn: the row stays the semester's registration.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { FilingRule } from '../../../domain/approval';
import { STUDENT_STATUS_LABELS, type StudentStatus } from '../../../domain/constants';
import { conditionsMet, failedConditions, registrationState } from '../../../domain/registration';
import { activeChain } from '../../../services/approval/chains';
import type { ApprovalSubject } from '../../../services/approval/engine';
import { now as clockNow, today } from '../../../services/clock';
import { fieldError } from '../../../services/field-error';
import { withoutScope } from '../../../services/scope/context';
import { findVisibleRegistration, loadRegistration, REGISTRATION, type RegistrationRow } from '../repositories/registration-rows';
import { conditionsOf } from './conditions';
import { confirmRegistration } from './confirm';
import { notifyRegistration } from './notify';

/** Who registers (domain.md 4): students at school, new ones, and those whose suspension ends this semester. */
const REGISTERING_STATUSES: readonly unknown[] = ['active', 'admitted', 'suspended'];

const STUDENT_FILES: FilingRule = { student: true, department: false, offices: [], refusal: '只有学生本人可以提交注册申请 (only the student submits their registration)' };

const INBOX_SQL = `
  SELECT r.document_id, r.round, r.current_step, r.chain_steps AS steps, r.current_step_due::text AS due,
         r.submitted_at, r.department_scope AS department_id, NULL::text AS source_office, su.user_id AS student_user_id,
         NULL::text AS type, st.name AS student, d.name AS department
    FROM registrations r
    LEFT JOIN students st ON st.id = r.student_key
    LEFT JOIN students_user_lnk su ON su.student_id = r.student_key
    LEFT JOIN departments d ON d.id = r.department_scope
   WHERE r.workflow_state = 'submitted'`;

function parseOutcome(action: string, outcome: unknown): null {
  if (action === 'reject') throw fieldError('action', '注册申请不能驳回：请退回并写明须补充的材料或原因 (a registration is returned, not rejected)');
  if (action === 'withdraw') throw fieldError('action', '注册申请不能撤回：退回后可修改再提交 (a registration is not withdrawn)');
  if (outcome !== undefined && outcome !== null) throw fieldError('outcome', '注册审批不带 outcome (no outcome)');
  return null;
}

async function prepareSubmission(strapi: Core.Strapi, row: RegistrationRow) {
  const raw = row.raw;
  if (raw.missedAt) throw fieldError('deadline', '本学期注册已记为未注册，须由教务处准予补办后再提交 (this registration was missed)');
  if (!REGISTERING_STATUSES.includes(raw.student?.status)) throw fieldError('student', `学生当前学籍状态为“${STUDENT_STATUS_LABELS[raw.student?.status as StudentStatus] ?? raw.student?.status}”，不能注册 (a ${raw.student?.status} student does not register)`);
  if (String(raw.deadline) < today()) throw fieldError('deadline', `注册截止日期 ${raw.deadline} 已过；如有特殊情况请申请延期注册 (the deadline has passed)`);
  const chain = await activeChain(strapi, 'registration', {});
  if (!chain) throw new errors.ValidationError('没有启用的学籍注册审批流程，请联系教务处 (no active registration chain)');
  const conditions = await conditionsOf(strapi, row);
  return { steps: chain.steps, columns: { chain: chain.id, chainSteps: chain.steps, submittedAt: clockNow(), conditions, conditionsMet: conditionsMet(conditions) } };
}

export function registrationSubject(strapi: Core.Strapi): ApprovalSubject<RegistrationRow> {
  return {
    name: 'registration',
    label: '学籍注册',
    uid: REGISTRATION,
    table: 'registrations',
    stateColumn: 'workflow_state',
    filers: STUDENT_FILES,
    parseOutcome,
    findVisible: (documentId) => findVisibleRegistration(strapi, documentId),
    load: (documentId) => loadRegistration(strapi, documentId),
    prepareSubmission: (row) => prepareSubmission(strapi, row),
    async checkDecision(row, decision, step) {
      // The student's confirmation is not a review; a return needs no condition.
      if (decision !== 'approve' || step?.unit === 'student') return {};
      const conditions = await conditionsOf(strapi, row);
      if (!conditionsMet(conditions)) throw fieldError('conditions', `注册条件未满足，不能通过：${failedConditions(conditions)} (a condition is not met)`);
      return { conditions, conditionsMet: true };
    },
    applyEffect: (row) => confirmRegistration(strapi, row, clockNow()),
    async save(row, columns) {
      const { state, ...rest } = columns as Record<string, unknown> & { state: RegistrationRow['state'] };
      const steps = (rest.chainSteps as RegistrationRow['steps'] | undefined) ?? row.steps;
      const currentStep = (rest.currentStep as number | null | undefined) ?? null;
      const shown = registrationState({ workflowState: state, currentUnit: currentStep ? steps[currentStep - 1]?.unit ?? null : null, deferredUntil: row.raw.deferredUntil ?? null, missed: false });
      await withoutScope(() => strapi.db.query(REGISTRATION as never).update({ where: { id: row.id }, data: { ...rest, workflowState: state, state: shown } }));
    },
    notify: (row, outcome, comment) => notifyRegistration(strapi, row, outcome, comment),
    summarize: (row) => ({ type: row.raw.semester?.code ?? null, student: row.raw.student?.name ?? null, department: row.departmentName ?? null }),
    inbox: { sql: INBOX_SQL },
  };
}

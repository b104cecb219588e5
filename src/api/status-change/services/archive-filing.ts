/**
 * On a status change's final approval, in the same transaction as its effect (issue 17): its form
 * with every decision (《学籍异动申请表》 as a PDF, the decision just made included) and each of its
 * proofs are filed into the student's archive as `status-change` materials, dated the day of the
 * final decision on the school clock and filed by the final approver (whose request it is, though
 * the engine works unscoped).
 */
import type { Core } from '@strapi/strapi';
import { CHANGE_TYPE_LABELS, type ChangeType } from '../../../domain/status-change';
import { STATUS_CHANGE_FILING_KINDS } from '../../../domain/student-archive';
import { fileForStudent, type SystemFiling, type SystemMaterial } from '../../../services/archive/system-filing';
import { loadDecisions } from '../../../services/approval/decisions';
import { now, schoolDate } from '../../../services/clock';
import { renderStatusChangeForm, type StatusChangeForm } from '../../../services/print/status-change-form';
import { requestActor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';
import type { StatusChangeRow } from '../repositories/status-change-rows';

const STUDENT = 'api::student.student';

type Student = { name?: string; studentNumber?: string; status?: string };

/** The form as it stands approved: the state the engine is about to save, and the decisions so far. */
async function approvedForm(strapi: Core.Strapi, row: StatusChangeRow, student: Student): Promise<{ form: StatusChangeForm; decidedAt: Date }> {
  const decisions = await loadDecisions(strapi, 'status-change', row.documentId);
  // In order of round and step: the last is the final approval just recorded.
  const last = decisions.at(-1);
  const decidedAt = last ? new Date(last.decidedAt) : now();
  const { raw } = row;
  const form: StatusChangeForm = {
    documentId: row.documentId,
    type: raw.type ?? null,
    state: 'approved',
    round: row.round,
    student,
    department: raw.department ?? null,
    semester: raw.semester,
    tier: raw.tier,
    appliedBy: raw.appliedBy,
    submittedAt: raw.submittedAt,
    decidedAt,
    steps: row.steps.map((step, index) => ({ number: index + 1, unit: step.unit, label: step.label })),
    decisions,
  };
  return { form, decidedAt };
}

/** Files the approved request's form and proofs into the student's archive; says what it filed, or why nothing. */
export async function fileStatusChange(strapi: Core.Strapi, row: StatusChangeRow, studentId: number): Promise<SystemFiling> {
  const student = (await withoutScope(() => strapi.db.query(STUDENT as never).findOne({ where: { id: studentId }, select: ['name', 'studentNumber', 'status'] }))) as Student;
  const { form, decidedAt } = await approvedForm(strapi, row, student);
  const { pdf, filename } = await renderStatusChangeForm(form, row.raw);
  const typeLabel = CHANGE_TYPE_LABELS[row.raw.type as ChangeType] ?? '';
  const proofs = (row.raw.documents ?? []) as Array<{ id: number; name: string }>;
  const materials: SystemMaterial[] = [
    { kindName: STATUS_CHANGE_FILING_KINDS.form, category: 'status-change', title: `${STATUS_CHANGE_FILING_KINDS.form}（${typeLabel}）`, generated: { bytes: pdf, name: filename } },
    ...proofs.map((proof) => ({ kindName: STATUS_CHANGE_FILING_KINDS.proof, category: 'status-change' as const, title: `${STATUS_CHANGE_FILING_KINDS.proof}：${proof.name}`, fileIds: [proof.id] })),
  ];
  return fileForStudent(strapi, studentId, materials, { materialDate: schoolDate(decidedAt), actor: await requestActor(strapi) });
}

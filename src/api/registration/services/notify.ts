/** The student hears where their registration stands: returned, waiting for their confirmation, registered. */
import type { Core } from '@strapi/strapi';
import type { Outcome } from '../../../domain/approval';
import { decisionBody, sendNotification } from '../../../services/notify';
import type { RegistrationRow } from '../repositories/registration-rows';

function titleOf(row: RegistrationRow, outcome: Extract<Outcome, { ok: true }>): string | null {
  const semester = row.raw.semester?.code ?? '';
  if (outcome.state === 'returned') return `您的 ${semester} 学期注册申请被退回，请按意见补充后重新提交`;
  if (outcome.state === 'approved') return `您已完成 ${semester} 学期注册`;
  const waiting = outcome.currentStep === null ? null : row.steps[outcome.currentStep];
  if (outcome.state === 'submitted' && waiting?.unit === 'student' && outcome.decision) return `您的 ${semester} 学期注册已审核通过，请确认注册`;
  return null;
}

export async function notifyRegistration(strapi: Core.Strapi, row: RegistrationRow, outcome: Extract<Outcome, { ok: true }>, comment: string | null): Promise<void> {
  const title = titleOf(row, outcome);
  const studentId = row.raw.student?.id;
  if (!title || !studentId) return;
  await sendNotification(strapi, { student: studentId, title, body: decisionBody(title, comment), departmentScope: row.departmentId });
}

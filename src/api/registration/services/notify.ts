/** The student hears where their registration stands: returned, waiting for their confirmation, registered. */
import type { Core } from '@strapi/strapi';
import type { Outcome } from '../../../domain/approval';
import { now as clockNow } from '../../../services/clock';
import { withoutScope } from '../../../services/scope/context';
import type { RegistrationRow } from '../repositories/registration-rows';

const NOTIFICATION = 'api::notification.notification';

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
  const body = [title + '。', comment ? `审批意见：${comment}` : null].filter(Boolean).join('\n');
  await withoutScope(() => strapi.db.query(NOTIFICATION as never).create({ data: { student: studentId, title: title.slice(0, 100), body, departmentScope: row.departmentId, publishedAt: clockNow() } }));
}

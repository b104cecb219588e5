/** The student hears of their request's outcome through a notification readable at /api/me. */
import type { Core } from '@strapi/strapi';
import { CHANGE_TYPE_LABELS, type ChangeType } from '../../../domain/status-change';
import { decisionBody, sendNotification } from '../../../services/notify';
import type { Raw } from '../repositories/status-change-rows';

const OUTCOMES: Record<string, string> = { approved: '已批准', rejected: '未获批准', returned: '被退回修改' };

export async function notifyStudent(strapi: Core.Strapi, raw: Raw, state: string, comment: string | null, studentId: number | null): Promise<void> {
  const outcome = OUTCOMES[state];
  if (!outcome || !studentId) return;
  const title = `您的${CHANGE_TYPE_LABELS[raw.type as ChangeType] ?? '学籍异动'}申请${outcome}`;
  await sendNotification(strapi, { student: studentId, statusChange: raw.id, title, body: decisionBody(title, comment), departmentScope: raw.departmentScope ?? raw.department?.id ?? null });
}

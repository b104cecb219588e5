/** The student hears of their request's outcome through a notification readable at /api/me. */
import type { Core } from '@strapi/strapi';
import { CHANGE_TYPE_LABELS, type ChangeType } from '../../../domain/status-change';
import { withoutScope } from '../../../services/scope/context';
import type { Raw } from '../repositories/status-change-rows';
import { now as clockNow } from '../../../services/clock';

const NOTIFICATION = 'api::notification.notification';


const OUTCOMES: Record<string, string> = { approved: '已批准', rejected: '未获批准', returned: '被退回修改' };

export async function notifyStudent(strapi: Core.Strapi, raw: Raw, state: string, comment: string | null, studentId: number | null): Promise<void> {
  const outcome = OUTCOMES[state];
  if (!outcome || !studentId) return;
  const now = clockNow();
  const title = `您的${CHANGE_TYPE_LABELS[raw.type as ChangeType] ?? '学籍异动'}申请${outcome}`;
  const body = [title + '。', comment ? `审批意见：${comment}` : null].filter(Boolean).join('\n');
  await withoutScope(() =>
    strapi.db.query(NOTIFICATION as never).create({
      data: { student: studentId, statusChange: raw.id, title, body, departmentScope: raw.departmentScope ?? raw.department?.id ?? null, publishedAt: now },
    }),
  );
}

/** How a waiting request is named and linked in the 待办 widget, the 待我审批 page and the menu badge. Pure. */
import type { InboxItem } from '../domain/inbox';
import { label } from './approval-view';

export const INBOX_PATH = '/student-records/inbox';
export const INBOX_COUNT_PATH = '/student-records/inbox/count';

/** The request's edit view, where its 审批办理 panel is. */
export const editView = (item: Pick<InboxItem, 'uid' | 'documentId'>) => `/content-manager/collection-types/${item.uid}/${item.documentId}`;

/** 学籍异动：休学 · 张三 */
export function inboxTitle(item: InboxItem): string {
  return `${item.subjectLabel}：${item.type ? label(item.type) : '申请'} · ${item.student ?? '转入学生'}`;
}

/** 第 1 步 系部审核 */
export function stepText(item: InboxItem): string {
  return `第 ${item.step} 步${item.stepLabel ? ` ${item.stepLabel}` : ''}`;
}

/** 限 2026-10-20 前办理 / 已超期（限 2026-10-20） / 无办理期限 */
export function dueText(item: InboxItem): string {
  if (!item.due) return '无办理期限';
  return item.overdue ? `已超期（限 ${item.due} 前办理）` : `限 ${item.due} 前办理`;
}

/** The badge's text: 99+ past 99, nothing at zero. */
export function badgeText(total: number): string | null {
  if (total <= 0) return null;
  return total > 99 ? '99+' : String(total);
}

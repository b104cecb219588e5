/**
 * Notifications, the one way the system tells someone what happened: a student reads theirs at
 * /api/me/notifications, a department's staff read the ones addressed to the department in the
 * admin, an office's members the ones addressed to their office. Written by the workflows only
 * (src/document-middlewares/system-records.ts), in the caller's transaction.
 */
import type { Core } from '@strapi/strapi';
import { now as clockNow } from './clock';
import { withoutScope } from './scope/context';

const NOTIFICATION = 'api::notification.notification';
const TITLE_LENGTH = 100;

export interface NewNotification {
  /** The student it is for; none for a notice to the department. */
  student?: number | null;
  title: string;
  body: string;
  /** The department whose staff may read it (the student's department for a student's). */
  departmentScope: number | null;
  /** The office it is for (the archive office's receipt follow-up): its members read it. */
  recipientOffice?: string | null;
  /** The status change it is about, when it is about one. */
  statusChange?: number;
  at?: Date;
}

export async function sendNotification(strapi: Core.Strapi, notification: NewNotification): Promise<void> {
  const { at, title, ...rest } = notification;
  await withoutScope(() => strapi.db.query(NOTIFICATION as never).create({ data: { ...rest, student: rest.student ?? null, title: title.slice(0, TITLE_LENGTH), publishedAt: at ?? clockNow() } }));
}

/** A decision's notice: its title as a sentence, then the decider's comment where there is one. */
export function decisionBody(title: string, comment: string | null | undefined): string {
  return [`${title}。`, comment ? `审批意见：${comment}` : null].filter(Boolean).join('\n');
}

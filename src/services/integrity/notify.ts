/** The student hears of their integrity records through notifications readable at /api/me/notifications. */
import type { Core } from '@strapi/strapi';
import { sendNotification } from '../notify';

export async function notifyIntegrity(strapi: Core.Strapi, studentId: number | null | undefined, departmentScope: number | null, title: string, body: string, at: Date): Promise<void> {
  if (!studentId) return;
  await sendNotification(strapi, { student: studentId, title, body, departmentScope, at });
}

/** The student hears of their integrity records through notifications readable at /api/me/notifications. */
import type { Core } from '@strapi/strapi';
import { withoutScope } from '../scope/context';
import { NOTIFICATION } from './uids';

export async function notifyIntegrity(strapi: Core.Strapi, studentId: number | null | undefined, departmentScope: number | null, title: string, body: string, at: Date): Promise<void> {
  if (!studentId) return;
  await withoutScope(() => strapi.db.query(NOTIFICATION as never).create({ data: { student: studentId, title: title.slice(0, 100), body, departmentScope, publishedAt: at } }));
}

/**
 * The archive itself: found by its student, open or closed. The database makes it with the student
 * (database/migrations/2026.12.01T12.00.00.integrity-archive.sql); the status-change effects close
 * it when the student leaves (withdrawal, transfer out, cancellation; graduation later) and a
 * reinstatement opens it again.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { withoutScope } from '../scope/context';
import { INTEGRITY_ARCHIVE } from './uids';

export interface ArchiveRow {
  id: number;
  documentId: string;
  state: 'open' | 'closed';
  departmentScope: number | null;
  closedAt: string | null;
  closedReason: string | null;
}

export async function archiveOfStudent(strapi: Core.Strapi, studentId: number): Promise<ArchiveRow | null> {
  return (await withoutScope(() => strapi.db.query(INTEGRITY_ARCHIVE as never).findOne({ where: { studentKey: studentId } }))) as ArchiveRow | null;
}

/** The student's archive, open: a 400 naming `field` when it is closed (第二十条: read-only once closed). */
export async function openArchiveOf(strapi: Core.Strapi, studentId: number, field: string): Promise<ArchiveRow> {
  const archive = await archiveOfStudent(strapi, studentId);
  if (!archive) throw new errors.ValidationError(`该学生没有诚信档案 (the student has no integrity archive)`, { errors: [{ path: [field], message: '该学生没有诚信档案 (no integrity archive)', name: 'ValidationError', value: null }] });
  if (archive.state === 'closed') {
    const message = '该学生的诚信档案已封存，只能查阅 (the archive is closed: read-only)';
    throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError', value: null }] });
  }
  return archive;
}

/** Why an archive closes: the student's status that ends their time at the school. */
export const CLOSING_STATUSES: readonly string[] = ['withdrawn', 'transferred-out', 'graduated', 'completed', 'left', 'cancelled', 'deregistered'];

/** Closes (or, for a student back at school, opens again) the archive, in the caller's transaction. */
export async function followStudentStatus(strapi: Core.Strapi, studentId: number, status: string, at: Date): Promise<void> {
  const closing = CLOSING_STATUSES.includes(status);
  await withoutScope(() =>
    strapi.db.query(INTEGRITY_ARCHIVE as never).updateMany({
      where: { studentKey: studentId, state: closing ? 'open' : 'closed' },
      data: closing ? { state: 'closed', closedAt: at, closedReason: status } : { state: 'open', closedAt: null, closedReason: null },
    }),
  );
}

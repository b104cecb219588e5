/**
 * Confirming and acknowledging a record (第十二条): an administrator at the record's level confirms
 * an entered record, which the student then sees and acknowledges or appeals. Each is a move of the
 * record (records.ts) in one transaction, with its audit line and the student's notification.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { INDICATOR_LABELS, RECORD_CONFIRMERS, RECORD_KIND_LABELS, type Indicator, type RecordKind } from '../../domain/integrity';
import { recordAudit } from '../audit/record';
import { now as clockNow } from '../clock';
import { withClientErrors } from '../database-errors';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { integrityActor } from './actors';
import { openArchiveOf } from './archive';
import { notifyIntegrity } from './notify';
import { loadRecord, moveRecord, type RecordRow } from './records';
import { INTEGRITY_RECORD } from './uids';
import { Forbidden } from '../forbidden';

/** The record as the caller may see it (the scoped read), else 404. */
export async function visibleRecord(strapi: Core.Strapi, documentId: string): Promise<RecordRow> {
  const seen = (await strapi.db.query(INTEGRITY_RECORD as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  const row = seen ? await loadRecord(strapi, { id: seen.id }) : null;
  if (!row) throw new errors.NotFoundError('Not Found');
  return row;
}

export function recordName(row: Pick<RecordRow, 'indicator' | 'kind' | 'title'>): string {
  return `${INDICATOR_LABELS[row.indicator as Indicator] ?? row.indicator}·${RECORD_KIND_LABELS[row.kind as RecordKind] ?? row.kind}“${row.title}”`;
}

/** Whether the actor administers records of this level (and, for a department's, this department). */
export function confirmsAtLevel(actor: ReturnType<typeof integrityActor>, row: Pick<RecordRow, 'level' | 'departmentScope'>): boolean {
  if (actor.unlimited) return true;
  const confirmer = RECORD_CONFIRMERS[row.level];
  if (confirmer === 'department') return row.departmentScope !== null && actor.departmentIds.includes(row.departmentScope);
  return actor.offices.includes(confirmer);
}

export async function confirmRecord(strapi: Core.Strapi, documentId: string, comment: string | null): Promise<RecordRow> {
  const actor = await currentActor(strapi);
  const seen = await visibleRecord(strapi, documentId);
  const who = integrityActor(actor);
  if (!confirmsAtLevel(who, seen)) {
    throw new Forbidden(seen.level === 'school' ? '校级诚信记录由学生工作处认定 (a school-level record is confirmed by student affairs)' : '系部级诚信记录由学生所在系部认定 (a department-level record is confirmed by the student\'s department)');
  }
  return withoutScope(() =>
    withClientErrors(() =>
      strapi.db.transaction(async () => {
        if (seen.student) await openArchiveOf(strapi, seen.student.id, 'student');
        const at = clockNow();
        const moved = await moveRecord(strapi, seen.id, { event: 'confirm', actor: who.label, at, reason: comment, columns: { confirmedAt: at, confirmedBy: who.label.slice(0, 100) } });
        await recordAudit(strapi, { action: 'confirm', targetType: INTEGRITY_RECORD, targetDocumentId: documentId, fields: ['state'] }, actor);
        await notifyIntegrity(strapi, seen.student?.id, seen.departmentScope, '您有一条诚信记录已认定', `${recordName(moved)}已认定并记入您的诚信档案。如有异议，可在诚信档案中提出申诉。`, at);
        return moved;
      }),
    ),
  );
}

export async function acknowledgeRecord(strapi: Core.Strapi, documentId: string): Promise<RecordRow> {
  const actor = await currentActor(strapi);
  const seen = await visibleRecord(strapi, documentId);
  if (actor.scope.kind !== 'self' || seen.student?.user?.id !== actor.scope.userId) {
    throw new Forbidden('只有学生本人可以确认自己的诚信记录 (only the student confirms their own record)');
  }
  return withoutScope(() =>
    withClientErrors(() =>
      strapi.db.transaction(async () => {
        if (seen.student) await openArchiveOf(strapi, seen.student.id, 'student');
        const moved = await moveRecord(strapi, seen.id, { event: 'acknowledge', actor: actor.label, at: clockNow(), columns: { acknowledgedAt: clockNow() } });
        await recordAudit(strapi, { action: 'acknowledge', targetType: INTEGRITY_RECORD, targetDocumentId: documentId, fields: ['state'] }, actor);
        return moved;
      }),
    ),
  );
}

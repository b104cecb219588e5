/** A record's timeline: every version, oldest first, as the caller may see them (a student, from confirmation on). */
import type { Core } from '@strapi/strapi';
import { RECORD_EVENT_LABELS, RECORD_STATE_LABELS, type RecordState, type VersionEvent } from '../../domain/integrity';
import { recordAudit } from '../audit/record';
import { currentActor } from '../scope/actor';
import { readsAnothersIntegrity } from '../../document-middlewares/integrity-reads';
import { visibleRecord } from './record-actions';
import { INTEGRITY_RECORD, INTEGRITY_VERSION } from './uids';

export async function recordTimeline(strapi: Core.Strapi, documentId: string) {
  const record = await visibleRecord(strapi, documentId);
  // Scoped as every read: the student's own versions from confirmation on.
  const versions = (await strapi.db.query(INTEGRITY_VERSION as never).findMany({ where: { record: { id: record.id } }, orderBy: [{ version: 'asc' }, { id: 'asc' }] })) as Array<{
    version: number; event: VersionEvent; state: RecordState; content: Record<string, unknown>; reason: string | null; actor: string | null; at: string;
  }>;
  const actor = await currentActor(strapi);
  if (readsAnothersIntegrity(actor)) await recordAudit(strapi, { action: 'read', targetType: INTEGRITY_RECORD, targetDocumentId: documentId, fields: ['timeline'] }, actor);
  return {
    documentId,
    state: record.state,
    stateLabel: RECORD_STATE_LABELS[record.state],
    version: record.version,
    versions: versions.map((v) => ({
      version: v.version,
      event: v.event,
      eventLabel: RECORD_EVENT_LABELS[v.event] ?? v.event,
      state: v.state,
      stateLabel: RECORD_STATE_LABELS[v.state] ?? v.state,
      content: v.content,
      reason: v.reason,
      // A student sees which office acted, not the staff member's login.
      actor: actor.scope.kind === 'self' ? null : v.actor,
      at: v.at,
    })),
  };
}

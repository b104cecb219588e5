/**
 * A record's evidence files (证明材料): added by the entering source while the record waits for
 * confirmation (afterwards it is part of what was confirmed and changes only through the flows),
 * and read by whoever may see the record, the student included. Every staff read is audited.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { recordAudit } from '../audit/record';
import { withoutScope } from '../scope/context';
import { attachPrivateDocuments, privateDocument, type UploadedFile } from '../private-documents';
import { currentActor } from '../scope/actor';
import { readsAnothersIntegrity } from '../../document-middlewares/integrity-reads';
import { integrityActor, type IntegrityActor } from './actors';
import { openArchiveOf } from './archive';
import { visibleRecord } from './record-actions';
import { lockRecord } from './records';
import { INTEGRITY_RECORD } from './uids';
import { Forbidden } from '../forbidden';

type RecordRow = Awaited<ReturnType<typeof visibleRecord>>;

/** Why `who` may not add evidence to `record` now, or null when they may: its entering source, before confirmation. */
function evidenceRefusal(record: RecordRow, who: IntegrityActor): string | null {
  const isSource = who.unlimited || (record.sourceOffice === 'department' ? record.departmentScope !== null && who.departmentIds.includes(record.departmentScope) : who.offices.includes(record.sourceOffice));
  if (who.studentUserId !== null || !isSource) return '证明材料由录入此记录的部门上传 (evidence is added by the entering office)';
  if (record.state !== 'entered') return '记录已认定，证明材料不能再增加；如需更正请经申诉或修定 (a confirmed record\'s evidence is fixed)';
  return null;
}

export async function attachEvidence(strapi: Core.Strapi, documentId: string, files: UploadedFile[]) {
  const record = await visibleRecord(strapi, documentId);
  const actor = await currentActor(strapi);
  const refusal = evidenceRefusal(record, integrityActor(actor));
  if (refusal) throw new Forbidden(refusal);
  if (record.student) await openArchiveOf(strapi, record.student.id, 'documentId');
  return attachPrivateDocuments(strapi, files, {
    uid: INTEGRITY_RECORD,
    id: record.id,
    documentId,
    field: 'evidence',
    // Confirmed meanwhile (the confirmation locks the same row): its evidence is what was confirmed.
    async recheck() {
      const locked = await lockRecord(strapi, record.id);
      const late = evidenceRefusal(locked, integrityActor(actor));
      if (late) throw new Forbidden(late);
    },
    urlOf: (fileId) => `/api/integrity-records/${documentId}/evidence${fileId === '' ? '' : `/${fileId}`}`,
    after: () => recordAudit(strapi, { action: 'attach-documents', targetType: INTEGRITY_RECORD, targetDocumentId: documentId, fields: ['evidence'] }, actor),
  });
}

export async function evidenceFile(strapi: Core.Strapi, documentId: string, fileId: string) {
  const record = await visibleRecord(strapi, documentId);
  const file = await privateDocument(strapi, INTEGRITY_RECORD, record.id, 'evidence', fileId);
  const actor = await currentActor(strapi);
  if (readsAnothersIntegrity(actor)) await recordAudit(strapi, { action: 'read', targetType: INTEGRITY_RECORD, targetDocumentId: documentId, fields: ['evidence'] }, actor);
  return file;
}

/**
 * A record's evidence as a list (names and sizes, each read back through `urlOf`), and whether the
 * caller may add to it now: the record panel of the admin. A staff member's read is audited.
 */
export async function evidenceList(strapi: Core.Strapi, documentId: string) {
  const record = await visibleRecord(strapi, documentId);
  const actor = await currentActor(strapi);
  const row = (await withoutScope(() => strapi.db.query(INTEGRITY_RECORD as never).findOne({ where: { id: record.id }, populate: { evidence: { select: ['id', 'name', 'mime', 'size'] } } }))) as {
    evidence: Array<{ id: number; name: string; mime: string; size: number }> | null;
  };
  if (readsAnothersIntegrity(actor)) await recordAudit(strapi, { action: 'read', targetType: INTEGRITY_RECORD, targetDocumentId: documentId, fields: ['evidence'] }, actor);
  return {
    documentId,
    files: (row.evidence ?? []).map(({ id, name, mime, size }) => ({ id, name, mime, size })),
    canAttach: evidenceRefusal(record, integrityActor(actor)) === null,
  };
}

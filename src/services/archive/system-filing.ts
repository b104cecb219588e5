/**
 * Materials the system files into a student's archive inside another action's transaction (a
 * status change's final approval, issue 17): the same material rows as an upload
 * (insertMaterial), a generated PDF stored privately, files the school keeps already (a request's
 * proofs) linked rather than copied. The system files whoever keeps the archive (the department or
 * the archive office) but not into a transferred one; if the action rolls back, so does the filing,
 * and a stored PDF is removed from disk.
 */
import type { Core } from '@strapi/strapi';
import { ARCHIVE_MATERIAL } from '../../domain/permissions';
import { systemFilingRefusal, type ArchiveCustody, type MaterialCategory } from '../../domain/student-archive';
import { recordAudit, type AuditEntry } from '../audit/record';
import { linkFiles, recordPrivateFiles } from '../private-documents';
import { removePrivateFile, savePrivateFile } from '../private-files';
import type { Actor } from '../scope/actor';
import { ambientConnection } from '../transaction';
import { kindForSystem } from './material-kinds';
import { insertMaterial } from './materials';

export interface SystemMaterial {
  /** The catalogue kind's name, and its category. */
  kindName: string;
  category: MaterialCategory;
  title: string;
  /** A PDF the system made, stored privately with the material. */
  generated?: { bytes: Buffer; name: string };
  /** Files the school keeps already, linked to the material as they are. */
  fileIds?: readonly number[];
}

export type SystemFiling = { filed: true; archive: string; materials: string[] } | { filed: false; reason: string };

/** Locks the student's archive (a custody move or a transfer locks it too) and reads its custody. */
async function lockedArchive(strapi: Core.Strapi, studentId: number) {
  const connection = await ambientConnection(strapi);
  const { rows } = (await connection.raw('SELECT id, document_id, custody FROM student_archives WHERE student_key = ? FOR UPDATE', [studentId])) as { rows: Array<{ id: number; document_id: string; custody: ArchiveCustody }> };
  return rows[0] ?? null;
}

/** Stores the generated PDF and removes it from disk again if the transaction rolls back. */
async function storeGenerated(strapi: Core.Strapi, material: { id: number; documentId: string }, generated: { bytes: Buffer; name: string }): Promise<number> {
  const saved = await savePrivateFile(strapi, generated.bytes, '.pdf');
  await strapi.db.transaction(async ({ onRollback }) => {
    onRollback(() => void removePrivateFile(strapi, saved));
  });
  const [file] = await recordPrivateFiles(strapi, [{ name: generated.name, type: 'pdf', size: generated.bytes.length, saved }], (fileId) => `/api/archive-materials/${material.documentId}/files${fileId === '' ? '' : `/${fileId}`}`);
  return file.id;
}

/**
 * Files `materials` into the student's archive, dated `materialDate`, filed by `actor` (who made
 * the decision that files them). Must run inside the deciding transaction.
 */
export async function fileForStudent(strapi: Core.Strapi, studentId: number, materials: readonly SystemMaterial[], filing: { materialDate: string; actor: Actor }): Promise<SystemFiling> {
  if (!strapi.db.inTransaction()) throw new Error('the system files materials inside the transaction of the action that files them');
  const archive = await lockedArchive(strapi, studentId);
  const refusal = systemFilingRefusal(archive);
  if (refusal || !archive) return { filed: false, reason: refusal ?? '' };
  const made: string[] = [];
  const audit: AuditEntry[] = [];
  for (const material of materials) {
    const kind = await kindForSystem(strapi, material.kindName, material.category);
    const row = await insertMaterial(strapi, archive.id, kind, {
      title: material.title,
      materialDate: filing.materialDate,
      checkedAgainstOriginal: false,
      checkedBy: null,
      checkedAt: null,
      stampUnit: null,
      addedBy: filing.actor.label,
    });
    const fileIds = [...(material.generated ? [await storeGenerated(strapi, row, material.generated)] : []), ...(material.fileIds ?? [])];
    if (fileIds.length > 0) await linkFiles(strapi, { uid: ARCHIVE_MATERIAL, id: row.id, field: 'files' }, fileIds);
    made.push(row.documentId);
    audit.push({ action: 'create', targetType: ARCHIVE_MATERIAL, targetDocumentId: row.documentId, fields: ['files', 'kind', 'materialDate'] });
  }
  if (audit.length > 0) await recordAudit(strapi, audit, filing.actor);
  return { filed: true, archive: archive.document_id, materials: made };
}

/** A deferral's proof: the student attaches it while the application is a draft or returned; whoever may read the application reads it. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EDITABLE_STATES } from '../../../domain/approval-vocabulary';
import { recordAudit } from '../../../services/audit/record';
import { attachPrivateDocuments, privateDocument, whileEditable, type StoredFile, type UploadedFile } from '../../../services/private-documents';
import { currentActor } from '../../../services/scope/actor';
import { ownStudent } from '../../registration/services/mine';
import { REGISTRATION_DEFERRAL } from '../../registration/repositories/registration-rows';
import { Forbidden } from '../../../services/forbidden';

const closed = () => new Forbidden('申请已提交审批，不能再上传材料；退回后可补充 (documents can be added to a draft or returned application only)');
const notFound = () => new errors.NotFoundError('Not Found');

/** Attaches the student's own files to their own application. */
export async function attachDeferralDocuments(strapi: Core.Strapi, documentId: string, files: UploadedFile[]): Promise<Array<Pick<StoredFile, 'id' | 'name' | 'mime' | 'size'>>> {
  const student = await ownStudent(strapi);
  const row = (await strapi.db.query(REGISTRATION_DEFERRAL as never).findOne({ where: { documentId, student: { id: student.id } }, select: ['id', 'state'] })) as { id: number; state: string } | null;
  if (!row) throw notFound();
  if (!EDITABLE_STATES.includes(row.state as never)) throw closed();
  const actor = await currentActor(strapi);
  return attachPrivateDocuments(strapi, files, {
    uid: REGISTRATION_DEFERRAL,
    id: row.id,
    documentId,
    field: 'documents',
    urlOf: (fileId) => `/api/registration-deferrals/${documentId}/documents${fileId === '' ? '' : `/${fileId}`}`,
    recheck: whileEditable(strapi, { table: 'registration_deferrals', id: row.id }, closed),
    after: () => recordAudit(strapi, { action: 'attach-documents', targetType: REGISTRATION_DEFERRAL, targetDocumentId: documentId, fields: ['documents'] }, actor),
  });
}

/** A proof of an application the caller may read (the scope limits the lookup). */
export async function deferralDocument(strapi: Core.Strapi, documentId: string, fileId: string) {
  const row = (await strapi.db.query(REGISTRATION_DEFERRAL as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  if (!row) throw notFound();
  return privateDocument(strapi, REGISTRATION_DEFERRAL, row.id, 'documents', fileId);
}

/**
 * A request's supporting documents, uploaded by whoever may edit the request (its department's
 * staff, academic affairs, the student for their own) while it is a draft or returned, and read
 * by whoever may see the request. Files are checked by content (PDF, PNG, JPEG) and size, stored
 * outside `public/` (src/services/private-files.ts) and sent only through these checks.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { attachPrivateDocuments, privateDocument, whileEditable, type StoredFile, type UploadedFile } from '../../../services/private-documents';
import { recordAudit } from '../../../services/audit/record';
import { currentActor } from '../../../services/scope/actor';
import { findVisibleStatusChange } from '../repositories/status-change-rows';
import { EDITABLE_STATES } from '../../../domain/status-change';
import { Forbidden } from '../../../services/forbidden';

export { sendDocument, withUploadedFiles, type UploadedFile } from '../../../services/private-documents';

const STATUS_CHANGE = 'api::status-change.status-change';

const notFound = () => new errors.NotFoundError('Not Found');

async function visibleRequest(strapi: Core.Strapi, documentId: string) {
  const row = await findVisibleStatusChange(strapi, documentId);
  if (!row) throw notFound();
  return row;
}

const closedToDocuments = () => new Forbidden('申请已提交审批，不能再上传材料；退回后可补充 (documents can be added to a draft or returned request only)');

export async function attachDocuments(strapi: Core.Strapi, documentId: string, files: UploadedFile[]): Promise<Array<Pick<StoredFile, 'id' | 'name' | 'mime' | 'size'>>> {
  const request = await visibleRequest(strapi, documentId);
  if (!EDITABLE_STATES.includes(request.state)) throw closedToDocuments();
  const actor = await currentActor(strapi);
  return attachPrivateDocuments(strapi, files, {
    uid: STATUS_CHANGE,
    id: request.id,
    documentId,
    field: 'documents',
    urlOf: (fileId) => `/api/status-changes/${documentId}/documents${fileId === '' ? '' : `/${fileId}`}`,
    // Submitted meanwhile (the engine locks the same row): its documents are what was submitted.
    recheck: whileEditable(strapi, { table: 'status_changes', id: request.id }, closedToDocuments),
    after: () => recordAudit(strapi, { action: 'attach-documents', targetType: STATUS_CHANGE, targetDocumentId: documentId, fields: ['documents'] }, actor),
  });
}

/** A document of a request the caller may see: its stored file, to stream. */
export async function requestDocument(strapi: Core.Strapi, documentId: string, fileId: string) {
  const request = await visibleRequest(strapi, documentId);
  return privateDocument(strapi, STATUS_CHANGE, request.id, 'documents', fileId);
}

/**
 * A registration's proofs (seed 001 二(一)3(1)): the fee receipt or aid certificate, the health
 * certificate, and other documents academic affairs asks for. The student uploads them to their
 * own registration while it can still be submitted; whoever may see the registration reads them.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EDITABLE_STATES } from '../../../domain/approval-vocabulary';
import { attachPrivateDocuments, privateDocument, whileEditable, type StoredFile, type UploadedFile } from '../../../services/private-documents';
import { recordAudit } from '../../../services/audit/record';
import { fieldError } from '../../../services/field-error';
import { currentActor } from '../../../services/scope/actor';
import { findVisibleRegistration, REGISTRATION } from '../repositories/registration-rows';
import { Forbidden } from '../../../services/forbidden';

export const DOCUMENT_KINDS = { 'fee-proof': 'feeProof', 'health-certificate': 'healthCertificate', other: 'otherDocuments' } as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
const KIND_MESSAGE = `kind 须为 ${Object.keys(DOCUMENT_KINDS).join(' / ')} 之一（缴费凭证或资助证明 / 健康检查证明 / 其他材料） (kind)`;

export function documentField(kind: unknown): (typeof DOCUMENT_KINDS)[DocumentKind] {
  if (typeof kind !== 'string' || !(kind in DOCUMENT_KINDS)) throw fieldError('kind', KIND_MESSAGE);
  return DOCUMENT_KINDS[kind as DocumentKind];
}

const notFound = () => new errors.NotFoundError('Not Found');
const closed = () => new Forbidden('注册申请已提交审核，不能再上传材料；退回后可补充 (documents can be added before submission or after a return)');

async function visible(strapi: Core.Strapi, documentId: string) {
  const row = await findVisibleRegistration(strapi, documentId);
  if (!row) throw notFound();
  return row;
}

export async function attachRegistrationDocuments(strapi: Core.Strapi, documentId: string, kind: unknown, files: UploadedFile[]): Promise<Array<Pick<StoredFile, 'id' | 'name' | 'mime' | 'size'>>> {
  const field = documentField(kind);
  const row = await visible(strapi, documentId);
  const actor = await currentActor(strapi);
  if (!(actor.kind === 'user' && actor.id !== null && actor.id === row.subjectUserId)) throw new Forbidden('只有学生本人可以上传注册材料 (only the student uploads their registration documents)');
  if (!EDITABLE_STATES.includes(row.state as never) || row.raw.missedAt) throw closed();
  return attachPrivateDocuments(strapi, files, {
    uid: REGISTRATION,
    id: row.id,
    documentId,
    field,
    urlOf: (fileId) => `/api/registrations/${documentId}/documents${fileId === '' ? '' : `/${fileId}`}`,
    recheck: whileEditable(strapi, { table: 'registrations', id: row.id, stateColumn: 'workflow_state', closedWhenSet: 'missed_at' }, closed),
    after: () => recordAudit(strapi, { action: 'attach-documents', targetType: REGISTRATION, targetDocumentId: documentId, fields: [field] }, actor),
  });
}

/** A proof of a registration the caller may see. */
export async function registrationDocument(strapi: Core.Strapi, documentId: string, fileId: string) {
  const row = await visible(strapi, documentId);
  for (const field of Object.values(DOCUMENT_KINDS)) {
    const files = (row.raw[field] ?? []) as Array<{ id: number }>;
    if (files.some((file) => String(file.id) === fileId)) return privateDocument(strapi, REGISTRATION, row.id, field, fileId);
  }
  throw notFound();
}

/**
 * A request's supporting documents, uploaded by whoever may edit the request (its department's
 * staff, academic affairs, the student for their own) while it is a draft or returned, and read
 * by whoever may see the request. Files are checked by content (PDF, PNG, JPEG) and size, stored
 * outside `public/` (src/services/private-files.ts) and sent only through these checks.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_UPLOAD, displayName, documentTypeOf } from '../../../domain/documents';
import { fieldError } from '../../../services/field-error';
import { PRIVATE_PROVIDER, privateFilePath, removePrivateFile, savePrivateFile } from '../../../services/private-files';
import { recordAudit } from '../../../services/audit/record';
import { currentActor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';
import { findVisibleStatusChange } from '../repositories/status-change-rows';
import { EDITABLE_STATES } from '../../../domain/status-change';

const STATUS_CHANGE = 'api::status-change.status-change';
const FILE = 'plugin::upload.file';

/** A file as the body parser hands it over (formidable). */
export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

interface StoredFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  hash: string;
  ext: string;
  provider: string;
}

const notFound = () => new errors.NotFoundError('Not Found');

async function visibleRequest(strapi: Core.Strapi, documentId: string) {
  const row = await findVisibleStatusChange(strapi, documentId);
  if (!row) throw notFound();
  return row;
}

/** Checks every file before any is kept: one bad file and none is stored. */
async function checkedFiles(files: UploadedFile[]) {
  if (files.length === 0) throw fieldError('files', '请选择要上传的文件 (files: choose at least one file)');
  if (files.length > MAX_DOCUMENTS_PER_UPLOAD) throw fieldError('files', `一次最多上传 ${MAX_DOCUMENTS_PER_UPLOAD} 个文件 (files: at most ${MAX_DOCUMENTS_PER_UPLOAD} at once)`);
  const checked = [];
  for (const file of files) {
    const label = file.originalFilename ?? '文件';
    if (file.size > MAX_DOCUMENT_BYTES) throw fieldError('files', `${label} 超过 10 MB (files: at most 10 MB each)`);
    if (file.size === 0) throw fieldError('files', `${label} 是空文件 (files: the file is empty)`);
    const bytes = await fs.promises.readFile(file.filepath);
    const type = documentTypeOf(bytes);
    if (!type) throw fieldError('files', `${label} 不是 PDF、JPG 或 PNG 文件 (files: only PDF, JPEG and PNG documents)`);
    checked.push({ bytes, type, name: displayName(label, type) });
  }
  return checked;
}

export async function attachDocuments(strapi: Core.Strapi, documentId: string, files: UploadedFile[]): Promise<Array<Pick<StoredFile, 'id' | 'name' | 'mime' | 'size'>>> {
  const request = await visibleRequest(strapi, documentId);
  if (!EDITABLE_STATES.includes(request.state)) {
    throw new errors.ForbiddenError('申请已提交审批，不能再上传材料；退回后可补充 (documents can be added to a draft or returned request only)');
  }
  const checked = await checkedFiles(files);
  const actor = await currentActor(strapi);
  const saved: string[] = [];
  try {
    for (const file of checked) saved.push(await savePrivateFile(strapi, file.bytes, DOCUMENT_TYPES[file.type].ext));
    return await strapi.db.transaction(async () => {
      const now = new Date();
      const created: StoredFile[] = [];
      for (const [i, file] of checked.entries()) {
        const hash = saved[i].replace(/\.[a-z]+$/, '');
        created.push(
          (await strapi.db.query(FILE).create({
            data: {
              name: file.name,
              hash,
              ext: DOCUMENT_TYPES[file.type].ext,
              mime: DOCUMENT_TYPES[file.type].mime,
              size: Math.round((file.bytes.length / 1024) * 100) / 100,
              url: `/api/status-changes/${documentId}/documents`,
              provider: PRIVATE_PROVIDER,
              provider_metadata: { file: saved[i] },
              folderPath: '/',
              createdAt: now,
              updatedAt: now,
            },
          })) as StoredFile,
        );
      }
      for (const file of created) {
        await strapi.db.query(FILE).update({ where: { id: file.id }, data: { url: `/api/status-changes/${documentId}/documents/${file.id}` } });
      }
      // Linked by the system: the caller's right to edit this request was checked above, and
      // nobody may link files by id through the ordinary writes (status-change-writes.ts).
      const existing = (await withoutScope(() => strapi.db.query(STATUS_CHANGE as never).findOne({ where: { id: request.id }, populate: { documents: { select: ['id'] } } }))) as {
        documents?: Array<{ id: number }> | null;
      };
      await withoutScope(() =>
        strapi.documents(STATUS_CHANGE as never).update({
          documentId,
          data: { documents: [...(existing.documents ?? []).map((d) => d.id), ...created.map((f) => f.id)] } as never,
        }),
      );
      await recordAudit(strapi, { action: 'attach-documents', targetType: STATUS_CHANGE, targetDocumentId: documentId, fields: ['documents'] }, actor);
      return created.map(({ id, name, mime, size }) => ({ id, name, mime, size }));
    });
  } catch (error) {
    for (const name of saved) await removePrivateFile(strapi, name);
    throw error;
  }
}

interface FileContext {
  request: unknown;
  set(field: string, value: string): void;
  body: unknown;
}

/**
 * Runs `work` with the files of a multipart upload (field `files`), then deletes the body
 * parser's temporary copies, whether the files were kept or refused.
 */
export async function withUploadedFiles<T>(ctx: FileContext, work: (files: UploadedFile[]) => Promise<T>): Promise<T> {
  const sent = (ctx.request as { files?: Record<string, UploadedFile | UploadedFile[]> }).files?.files;
  const files = sent ? (Array.isArray(sent) ? sent : [sent]) : [];
  try {
    return await work(files);
  } finally {
    await Promise.all(files.map((file) => fs.promises.rm(file.filepath, { force: true })));
  }
}

/** Answers with a stored document: as an attachment, never cached or sniffed. */
export function sendDocument(ctx: FileContext, file: { name: string; mime: string; path: string }): void {
  ctx.set('Content-Type', file.mime);
  ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = fs.createReadStream(file.path);
}

/** A document of a request the caller may see: its stored file, to stream. */
export async function requestDocument(strapi: Core.Strapi, documentId: string, fileId: string) {
  const request = await visibleRequest(strapi, documentId);
  if (!/^[1-9][0-9]{0,9}$/.test(fileId)) throw notFound();
  const row = (await withoutScope(() =>
    strapi.db.query(STATUS_CHANGE as never).findOne({ where: { id: request.id }, populate: { documents: true } }),
  )) as { documents?: Array<StoredFile & { provider_metadata?: { file?: string } | null; providerMetadata?: { file?: string } | null }> | null };
  const file = (row.documents ?? []).find((d) => d.id === Number(fileId));
  const stored = file?.provider === PRIVATE_PROVIDER ? (file.provider_metadata ?? file.providerMetadata)?.file : undefined;
  if (!file || !stored) throw notFound();
  return { name: file.name, mime: file.mime, path: privateFilePath(strapi, stored) };
}

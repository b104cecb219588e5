/**
 * Documents kept privately and linked to one record by the system (a status change's proofs, an
 * integrity record's evidence): checked by content (PDF, PNG, JPEG) and size, every file of an
 * upload before any is kept, stored outside `public/` (private-files.ts), and read back only by
 * whoever may see the record they belong to.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_UPLOAD, displayName, documentTypeOf, type DocumentType } from '../domain/documents';
import { fieldError } from './field-error';
import { PRIVATE_PROVIDER, privateFilePath, removePrivateFile, savePrivateFile } from './private-files';
import { withoutScope } from './scope/context';
import { ambientConnection } from './transaction';
import { EDITABLE_STATES } from '../domain/approval-vocabulary';

const FILE = 'plugin::upload.file';

/** A file as the body parser hands it over (formidable). */
export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

export interface StoredFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  hash: string;
  ext: string;
  provider: string;
}

const notFound = () => new errors.NotFoundError('Not Found');

/** Checks every file before any is kept: one bad file and none is stored. */
async function checkedFiles(files: UploadedFile[], maxBytes: number) {
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  if (files.length === 0) throw fieldError('files', '请选择要上传的文件 (files: choose at least one file)');
  if (files.length > MAX_DOCUMENTS_PER_UPLOAD) throw fieldError('files', `一次最多上传 ${MAX_DOCUMENTS_PER_UPLOAD} 个文件 (files: at most ${MAX_DOCUMENTS_PER_UPLOAD} at once)`);
  const checked = [];
  for (const file of files) {
    const label = file.originalFilename ?? '文件';
    if (file.size > maxBytes) throw fieldError('files', `${label} 超过 ${megabytes} MB (files: at most ${megabytes} MB each)`);
    if (file.size === 0) throw fieldError('files', `${label} 是空文件 (files: the file is empty)`);
    const bytes = await fs.promises.readFile(file.filepath);
    const type = documentTypeOf(bytes);
    if (!type) throw fieldError('files', `${label} 不是 PDF、JPG 或 PNG 文件 (files: only PDF, JPEG and PNG documents)`);
    checked.push({ bytes, type, name: displayName(label, type) });
  }
  return checked;
}

export interface PrivateAttachment {
  uid: string;
  /** The record's id and documentId; the files are appended to its `field`. */
  id: number;
  documentId: string;
  field: string;
  /** The address a stored file is read back from. */
  urlOf(fileId: number | string): string;
  /**
   * Runs first inside the transaction: locks the record's row and checks again that it still takes
   * files (it may have been submitted or confirmed since the caller looked), throwing otherwise.
   */
  recheck(): Promise<void>;
  /** Runs inside the transaction once the files are linked (the audit line). */
  after(): Promise<void>;
}

/**
 * The recheck of a request that takes files while a draft or returned: locks its row (the engine
 * locks the same row to submit it) and refuses with `closed` if it has moved on meanwhile, or if
 * `closedWhenSet` (a column such as missed_at) has been set.
 */
export function whileEditable(strapi: Core.Strapi, request: { table: string; id: number; stateColumn?: string; closedWhenSet?: string }, closed: () => Error): () => Promise<void> {
  return async () => {
    const connection = await ambientConnection(strapi);
    const flag = request.closedWhenSet ? '?? IS NOT NULL' : 'false';
    const { rows } = (await connection.raw(`SELECT ?? AS state, ${flag} AS closed FROM ?? WHERE id = ? FOR UPDATE`, [
      request.stateColumn ?? 'state',
      ...(request.closedWhenSet ? [request.closedWhenSet] : []),
      request.table,
      request.id,
    ])) as { rows: Array<{ state: string; closed: boolean }> };
    const [row] = rows;
    if (!row || row.closed || !EDITABLE_STATES.includes(row.state as never)) throw closed();
  };
}

/** Makes the file rows of files already saved under `saved` names, each addressed by `urlOf`: inside a transaction. */
export async function recordPrivateFiles(
  strapi: Core.Strapi,
  files: ReadonlyArray<{ name: string; type: DocumentType; size: number; saved: string }>,
  urlOf: (fileId: number | string) => string,
): Promise<StoredFile[]> {
  const now = new Date();
  const created: StoredFile[] = [];
  for (const file of files) {
    const row = (await strapi.db.query(FILE).create({
      data: {
        name: file.name,
        hash: file.saved.replace(/\.[a-z]+$/, ''),
        ext: DOCUMENT_TYPES[file.type].ext,
        mime: DOCUMENT_TYPES[file.type].mime,
        size: Math.round((file.size / 1024) * 100) / 100,
        url: urlOf(''),
        provider: PRIVATE_PROVIDER,
        provider_metadata: { file: file.saved },
        folderPath: '/',
        createdAt: now,
        updatedAt: now,
      },
    })) as StoredFile;
    await strapi.db.query(FILE).update({ where: { id: row.id }, data: { url: urlOf(row.id) } });
    created.push(row);
  }
  return created;
}

/**
 * Appends files to the record's media field. Linked by the system: the caller's right to add
 * files was checked by the caller; nobody may link files by id through the ordinary writes. A file
 * may belong to more than one record (a status change's proof, filed into the student's archive).
 */
export async function linkFiles(strapi: Core.Strapi, target: { uid: string; id: number; field: string }, fileIds: readonly number[]): Promise<void> {
  const existing = (await withoutScope(() => strapi.db.query(target.uid as never).findOne({ where: { id: target.id }, populate: { [target.field]: { select: ['id'] } } }))) as Record<string, Array<{ id: number }> | null>;
  await withoutScope(() => strapi.db.query(target.uid as never).update({ where: { id: target.id }, data: { [target.field]: [...(existing[target.field] ?? []).map((d) => d.id), ...fileIds] } }));
}

/**
 * Stores the files and links them to the record, in one transaction; nothing kept if anything
 * fails. `maxBytes`: each file's limit (10 MiB unless the caller's setting says otherwise).
 */
export async function attachPrivateDocuments(
  strapi: Core.Strapi,
  files: UploadedFile[],
  target: PrivateAttachment,
  limits: { maxBytes?: number } = {},
): Promise<Array<Pick<StoredFile, 'id' | 'name' | 'mime' | 'size'>>> {
  const checked = await checkedFiles(files, limits.maxBytes ?? MAX_DOCUMENT_BYTES);
  const saved: string[] = [];
  try {
    for (const file of checked) saved.push(await savePrivateFile(strapi, file.bytes, DOCUMENT_TYPES[file.type].ext));
    return await strapi.db.transaction(async () => {
      await target.recheck();
      const created = await recordPrivateFiles(strapi, checked.map((file, i) => ({ name: file.name, type: file.type, size: file.bytes.length, saved: saved[i] })), target.urlOf);
      await linkFiles(strapi, target, created.map((f) => f.id));
      await target.after();
      return created.map(({ id, name, mime, size }) => ({ id, name, mime, size }));
    });
  } catch (error) {
    for (const name of saved) await removePrivateFile(strapi, name);
    throw error;
  }
}

/** A stored file of the record (the caller has checked they may see the record): its path, to stream. */
export async function privateDocument(strapi: Core.Strapi, uid: string, id: number, field: string, fileId: string) {
  if (!/^[1-9][0-9]{0,9}$/.test(fileId)) throw notFound();
  const row = (await withoutScope(() => strapi.db.query(uid as never).findOne({ where: { id }, populate: { [field]: true } }))) as Record<
    string,
    Array<StoredFile & { provider_metadata?: { file?: string } | null; providerMetadata?: { file?: string } | null }> | null
  >;
  const file = (row?.[field] ?? []).find((d) => d.id === Number(fileId));
  const stored = file?.provider === PRIVATE_PROVIDER ? (file.provider_metadata ?? file.providerMetadata)?.file : undefined;
  if (!file || !stored) throw notFound();
  return { name: file.name, mime: file.mime, path: privateFilePath(strapi, stored) };
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

/**
 * Filing materials into a student archive (issue 17) and reading their files back. A material is
 * filed with its files (PDF, JPG or PNG by content, size-limited by the school's setting, stored
 * privately) by the student's department while it keeps the archive, or by the archive office; a
 * wrong material is never deleted but superseded by a corrected one. Files are streamed only to
 * whoever may read the material, and every read by anyone but the archive's student is registered.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { filingRefusal, mayFileInto, type ArchiveCustody, type FilingReach } from '../../domain/student-archive';
import { ARCHIVE_MATERIAL, MATERIAL_KIND, STUDENT_ARCHIVE } from '../../domain/permissions';
import { recordAudit, type AuditEntry } from '../audit/record';
import { attachPrivateDocuments, privateDocument, type UploadedFile } from '../private-documents';
import { currentActor, type Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { ambientConnection } from '../transaction';
import { loadArchiveSettings } from '../school-settings';
import { logMaterialReads } from './access-log';
import { materialInput, type MaterialInput } from './material-input';
import { Forbidden } from '../forbidden';

const notFound = () => new errors.NotFoundError('Not Found');

interface ArchiveRow {
  id: number;
  documentId: string;
  custody: ArchiveCustody;
  departmentScope: number | null;
}

interface MaterialRow {
  id: number;
  documentId: string;
  category: string;
  title: string | null;
  materialDate: string;
  superseded: boolean;
  archive?: ArchiveRow | null;
  kind?: { id: number; documentId: string; name: string; category: string; active: boolean } | null;
}

/** What the actor reaches, as filing (and applying for a transfer) needs it. */
export function reachOf(actor: Actor): FilingReach {
  const { scope } = actor;
  if (scope.kind === 'all' && !scope.staff) return { everything: true, offices: [], departmentIds: [] };
  const staff = scope.kind === 'self' ? undefined : scope.staff;
  return { everything: false, offices: staff?.offices ?? [], departmentIds: staff?.departmentIds ?? [] };
}

/** The archive as the caller may see it (the database scope applies), or 404. */
async function visibleArchive(strapi: Core.Strapi, documentId: string): Promise<ArchiveRow> {
  const row = (await strapi.db.query(STUDENT_ARCHIVE as never).findOne({ where: { documentId }, select: ['id', 'documentId', 'custody', 'departmentScope'] })) as ArchiveRow | null;
  if (!row) throw notFound();
  return row;
}

/** The material as the caller may see it, with its archive and kind, or 404. */
async function visibleMaterial(strapi: Core.Strapi, documentId: string): Promise<MaterialRow> {
  const row = (await strapi.db.query(ARCHIVE_MATERIAL as never).findOne({
    where: { documentId },
    populate: { archive: { select: ['id', 'documentId', 'custody', 'departmentScope'] }, kind: { select: ['id', 'documentId', 'name', 'category', 'active'] } },
  })) as MaterialRow | null;
  if (!row) throw notFound();
  return row;
}

/**
 * Inside the filing's transaction: locks the archive's row (a custody move or a transfer locks it
 * too) and checks again that the caller may file into it as it now stands.
 */
function recheckFiling(strapi: Core.Strapi, archiveId: number, reach: FilingReach): () => Promise<void> {
  return async () => {
    const connection = await ambientConnection(strapi);
    const { rows } = (await connection.raw('SELECT custody, department_scope FROM student_archives WHERE id = ? FOR UPDATE', [archiveId])) as { rows: Array<{ custody: ArchiveCustody; department_scope: number | null }> };
    const [row] = rows;
    if (!row) throw notFound();
    if (!mayFileInto(reach, { custody: row.custody, departmentId: row.department_scope })) throw new Forbidden(filingRefusal(row));
  };
}

async function activeKind(strapi: Core.Strapi, documentId: string) {
  const kind = (await withoutScope(() => strapi.db.query(MATERIAL_KIND as never).findOne({ where: { documentId }, select: ['id', 'documentId', 'name', 'category', 'active'] }))) as MaterialRow['kind'];
  if (!kind) throw new errors.ValidationError('材料种类不存在 (kind: no such material kind)', { errors: [{ path: ['kind'], message: '材料种类不存在', name: 'ValidationError' }] });
  if (!kind.active) throw new errors.ValidationError(`材料种类“${kind.name}”已停用 (kind: this kind is retired)`, { errors: [{ path: ['kind'], message: '材料种类已停用', name: 'ValidationError' }] });
  return kind;
}

/** What a material row says besides its archive and kind. */
export interface MaterialFacts {
  title: string | null;
  materialDate: string;
  checkedAgainstOriginal: boolean;
  checkedBy: string | null;
  checkedAt: Date | null;
  stampUnit: string | null;
  addedBy: string;
}

/**
 * Makes the material row, inside the filing's transaction: the one place a material is written,
 * for an upload, a correction and the system's own filings (src/services/archive/system-filing.ts).
 */
export async function insertMaterial(strapi: Core.Strapi, archiveId: number, kind: { id: number; name: string; category: string }, facts: MaterialFacts): Promise<{ id: number; documentId: string }> {
  const at = new Date();
  return (await withoutScope(() =>
    strapi.db.query(ARCHIVE_MATERIAL as never).create({
      data: {
        archive: archiveId,
        archiveKey: archiveId,
        kind: kind.id,
        category: kind.category,
        ...facts,
        title: (facts.title ?? kind.name).slice(0, 100),
        addedBy: facts.addedBy.slice(0, 100),
        superseded: false,
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      },
    }),
  )) as { id: number; documentId: string };
}

/** An upload's row: its marks by the caller. */
function createMaterial(strapi: Core.Strapi, actor: Actor, archiveId: number, kind: NonNullable<MaterialRow['kind']>, input: MaterialInput) {
  const checker = input.checkedAgainstOriginal ? actor.label.slice(0, 100) : null;
  return insertMaterial(strapi, archiveId, kind, {
    title: input.title,
    materialDate: input.materialDate,
    checkedAgainstOriginal: input.checkedAgainstOriginal,
    checkedBy: checker,
    checkedAt: checker ? input.now : null,
    stampUnit: input.stampUnit,
    addedBy: actor.label,
  });
}

function filesTarget(strapi: Core.Strapi, actor: Actor, material: () => { id: number; documentId: string }, recheck: () => Promise<void>, after: () => Promise<void>) {
  return {
    uid: ARCHIVE_MATERIAL,
    get id() {
      return material().id;
    },
    get documentId() {
      return material().documentId;
    },
    field: 'files',
    urlOf: (fileId: number | string) => `/api/archive-materials/${material().documentId}/files${fileId === '' ? '' : `/${fileId}`}`,
    recheck,
    after,
  };
}

export interface FiledMaterial {
  documentId: string;
  files: Array<{ id: number; name: string; mime: string; size: number }>;
}

/**
 * Files a material with its files into the archive, or supersedes `replacing` with it, in one
 * transaction: the archive locked and checked again, the row made, the files stored and linked,
 * the superseded one marked, the audit lines written. Nothing kept if anything fails.
 */
async function file(strapi: Core.Strapi, archive: ArchiveRow, kind: NonNullable<MaterialRow['kind']>, body: unknown, files: UploadedFile[], replacing?: MaterialRow): Promise<FiledMaterial> {
  const actor = await currentActor(strapi);
  const reach = reachOf(actor);
  if (!mayFileInto(reach, { custody: archive.custody, departmentId: archive.departmentScope })) throw new Forbidden(filingRefusal(archive));
  const input = materialInput(body, replacing);
  const settings = await loadArchiveSettings(strapi);
  let made: { id: number; documentId: string } | null = null;
  const material = () => {
    if (!made) throw new Error('the material is made inside the transaction, before its files');
    return made;
  };
  const stored = await attachPrivateDocuments(
    strapi,
    files,
    filesTarget(
      strapi,
      actor,
      material,
      async () => {
        await recheckFiling(strapi, archive.id, reach)();
        if (replacing) {
          const connection = await ambientConnection(strapi);
          const { rows } = (await connection.raw('SELECT superseded FROM archive_materials WHERE id = ? FOR UPDATE', [replacing.id])) as { rows: Array<{ superseded: boolean }> };
          if (rows[0]?.superseded) throw new Forbidden('该材料已被更正件替换，请更正最新的一份 (this material has already been superseded)');
        }
        made = await createMaterial(strapi, actor, archive.id, kind, input);
      },
      async () => {
        const entries: AuditEntry[] = [{ action: 'create', targetType: ARCHIVE_MATERIAL, targetDocumentId: material().documentId, fields: ['files', 'kind', 'materialDate'] }];
        if (replacing) {
          await withoutScope(() => strapi.db.query(ARCHIVE_MATERIAL as never).update({ where: { id: replacing.id }, data: { superseded: true, supersededBy: material().id } }));
          entries.push({ action: 'update', targetType: ARCHIVE_MATERIAL, targetDocumentId: replacing.documentId, fields: ['superseded', 'supersededBy'] });
        }
        await recordAudit(strapi, entries, actor);
      },
    ),
    { maxBytes: settings.maxFileBytes },
  );
  return { documentId: material().documentId, files: stored };
}

/** POST /api/student-archives/:documentId/materials */
export async function fileMaterial(strapi: Core.Strapi, archiveDocumentId: string, body: unknown, files: UploadedFile[]): Promise<FiledMaterial> {
  const archive = await visibleArchive(strapi, archiveDocumentId);
  const kindId = (body as Record<string, unknown> | null)?.kind;
  if (typeof kindId !== 'string' || !/^[a-z0-9]{1,64}$/.test(kindId)) throw new errors.ValidationError('请选择材料种类 (kind: the documentId of a material kind)', { errors: [{ path: ['kind'], message: '请选择材料种类', name: 'ValidationError' }] });
  return file(strapi, archive, await activeKind(strapi, kindId), body, files);
}

/** POST /api/archive-materials/:documentId/corrections: a corrected material of the same kind supersedes this one. */
export async function correctMaterial(strapi: Core.Strapi, materialDocumentId: string, body: unknown, files: UploadedFile[]): Promise<FiledMaterial> {
  const material = await visibleMaterial(strapi, materialDocumentId);
  if (!material.archive || !material.kind) throw notFound();
  if (material.superseded) throw new Forbidden('该材料已被更正件替换，请更正最新的一份 (this material has already been superseded)');
  return file(strapi, material.archive, material.kind, body, files, material);
}

/** GET /api/archive-materials/:documentId/files/:fileId: the stored file, once the read is registered. */
export async function materialFile(strapi: Core.Strapi, materialDocumentId: string, fileId: string, purpose?: string) {
  const material = await visibleMaterial(strapi, materialDocumentId);
  const stored = await privateDocument(strapi, ARCHIVE_MATERIAL, material.id, 'files', fileId);
  await logMaterialReads(strapi, await currentActor(strapi), { materialIds: [material.id], action: 'file', fileName: stored.name, purpose });
  return stored;
}

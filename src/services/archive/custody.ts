/**
 * The custody move (001 三(二)1(1)): within a month of enrolment the department hands its students'
 * archives to the archive office, which receives them. Recorded by the archive office, one archive
 * or a batch, all or nothing: custody becomes `archive-office`, state `in-custody`, the day kept and
 * the move audited. The rows are locked, so two people receiving the same archive at once make one
 * move and one 409. From then on the department neither reads nor files into the archive (the
 * scope keys on custody, src/domain/scope.ts; filing on src/domain/student-archive.ts mayFileInto).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { STUDENT_ARCHIVE } from '../../domain/permissions';
import { recordAudit } from '../audit/record';
import { now } from '../clock';
import { fieldError } from '../field-error';
import { conflict } from '../approval/errors';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { scopeSql } from '../scope/scope-sql';

/** A batch is a department's intake at most: 5,000 archives a call. */
export const MAX_CUSTODY_BATCH = 5000;
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;

export interface CustodyMoved {
  moved: number;
  movedAt: string;
  archives: Array<{ documentId: string; custody: 'archive-office'; state: 'in-custody' }>;
}

const batchSchema = z.object({ archives: z.array(z.string().regex(DOCUMENT_ID)).min(1).max(MAX_CUSTODY_BATCH) }).strict();

/** { archives: [documentId...] }: 1 to 5,000 distinct documentIds. */
export function custodyBatchInput(body: unknown): string[] {
  const parsed = batchSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const path = parsed.error.issues[0].path.map(String);
    if (path[0] !== 'archives') throw fieldError(path.length > 0 ? path : ['archives'], '请求只含 archives：要接收的学籍档案 documentId 列表 (body: { archives: [documentId...] })');
    throw fieldError(path, `archives 应为 1 至 ${MAX_CUSTODY_BATCH} 个学籍档案的 documentId (archives: 1 to ${MAX_CUSTODY_BATCH} documentIds)`);
  }
  const seen = new Set<string>();
  parsed.data.archives.forEach((id, index) => {
    if (seen.has(id)) throw fieldError(['archives', String(index)], `学籍档案 ${id} 重复 (archives[${index}]: listed twice)`);
    seen.add(id);
  });
  return parsed.data.archives;
}

const STILL_WITH_DEPARTMENT = 'department';

function refusal(custody: string): string {
  if (custody === 'archive-office') return '该学籍档案已由档案室接收，不能重复移交 (already in the archive office\'s custody)';
  return '该学籍档案已转出，不能移交 (the archive has been transferred out)';
}

/**
 * Moves the archives to the archive office in one transaction. `single`: one archive by its route
 * (404 when it is not there, 409 when it has moved already); otherwise a batch (400 naming the
 * archive that is not there, 409 naming the one that has moved); nothing moves unless all do.
 */
export async function moveCustody(strapi: Core.Strapi, documentIds: string[], single: boolean): Promise<CustodyMoved> {
  const actor = await currentActor(strapi);
  // Only the archives the caller reaches: any other answers as one that does not exist.
  const scope = scopeSql(strapi, STUDENT_ARCHIVE, 'a', actor.scope);
  const at = now();
  return withoutScope(() =>
    strapi.db.transaction(async ({ trx }) => {
      // Locked in id order, so two batches sharing archives wait for each other instead of deadlocking.
      const { rows } = (await trx.raw(`SELECT a.id, a.document_id, a.custody FROM student_archives a WHERE a.document_id = ANY(?::text[]) AND ${scope.sql} ORDER BY a.id FOR UPDATE OF a`, [documentIds, ...scope.bindings])) as {
        rows: Array<{ id: number; document_id: string; custody: string }>;
      };
      const found = new Map(rows.map((row) => [row.document_id, row]));
      documentIds.forEach((documentId, index) => {
        if (found.has(documentId)) return;
        if (single) throw new errors.NotFoundError('学籍档案不存在 (no such archive)');
        throw fieldError(['archives', String(index)], `学籍档案 ${documentId} 不存在 (archives[${index}]: no such archive)`);
      });
      const moved = documentIds.map((documentId, index) => ({ index, row: found.get(documentId) as { id: number; document_id: string; custody: string } }));
      const refused = moved.find(({ row }) => row.custody !== STILL_WITH_DEPARTMENT);
      if (refused) {
        const where = single ? '' : `archives[${refused.index}] `;
        throw conflict(`${where}${refusal(refused.row.custody)}`);
      }
      const ids = moved.map(({ row }) => row.id);
      const updated = await trx.raw(
        "UPDATE student_archives SET custody = 'archive-office', state = 'in-custody', custody_moved_at = ?, updated_at = ? WHERE id = ANY(?::int[]) AND custody = 'department'",
        [at, at, ids],
      );
      if ((updated as { rowCount: number }).rowCount !== ids.length) throw conflict('学籍档案刚被他人移交，请刷新后重试 (moved meanwhile)');
      await recordAudit(
        strapi,
        documentIds.map((documentId) => ({ action: 'move-custody' as const, targetType: STUDENT_ARCHIVE, targetDocumentId: documentId, fields: ['custody', 'state', 'custodyMovedAt'] })),
        actor,
      );
      return { moved: ids.length, movedAt: at.toISOString(), archives: documentIds.map((documentId) => ({ documentId, custody: 'archive-office' as const, state: 'in-custody' as const })) };
    }),
  );
}

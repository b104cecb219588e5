/** Integrity records: the core reads and writes (guarded by src/document-middlewares/integrity-writes.ts), confirmation, acknowledgement, the timeline and the batch check. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { fieldError } from '../../../services/field-error';
import { idempotent } from '../../../services/idempotency';
import { acknowledgeRecord, confirmRecord } from '../../../services/integrity/record-actions';
import { integrityChecks } from '../../../services/integrity/summary';
import { recordTimeline } from '../../../services/integrity/timeline';
import { attachEvidence, evidenceFile } from '../../../services/integrity/evidence';
import { sendDocument, withUploadedFiles } from '../../../services/private-documents';
import { withoutScope } from '../../../services/scope/context';

const UID = 'api::integrity-record.integrity-record';
type Sanitize = (entity: unknown, ctx: Context) => Promise<unknown>;

/** `{ comment? }`: what the confirmer adds (a note kept with the version). */
function parseComment(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body !== 'object' || Array.isArray(body)) throw new errors.ValidationError('请求体须为对象 (the body must be an object)');
  const { comment, ...rest } = body as Record<string, unknown>;
  const unknownKey = Object.keys(rest)[0];
  if (unknownKey) throw fieldError(unknownKey, `未知字段 ${unknownKey} (unknown field)`);
  if (comment === undefined || comment === null || comment === '') return null;
  if (typeof comment !== 'string' || comment.length > 2000) throw fieldError('comment', 'comment 须为不超过 2000 字的文字 (comment: text of at most 2000 characters)');
  return comment.trim() || null;
}

export default factories.createCoreController(UID, ({ strapi }) => {
  async function moved(this: { sanitizeOutput: Sanitize }, ctx: Context, move: (documentId: string) => Promise<unknown>) {
    const { documentId } = ctx.params as Record<string, string>;
    await idempotent(strapi, ctx, async () => {
      await move(documentId);
      const entity = await strapi.documents(UID as never).findOne({ documentId, populate: ['student', 'department'] } as never);
      ctx.body = { data: await this.sanitizeOutput(entity, ctx) };
    });
  }
  return {
    /**
     * POST /api/integrity-records `{ data }`: the student named by `student` (documentId) or by
     * `studentNumber` (offices know students by number; a source office's scope reaches no student rows).
     */
    async create(ctx: Context) {
      const body = ctx.request.body as { data?: Record<string, unknown> } | undefined;
      const data = body?.data;
      if (data && typeof data === 'object' && !Array.isArray(data) && 'studentNumber' in data) {
        const { studentNumber, ...rest } = data;
        if (rest.student !== undefined) throw fieldError('studentNumber', '请只用 student 或 studentNumber 之一指定学生 (name the student once)');
        if (typeof studentNumber !== 'string' || studentNumber.trim() === '') throw fieldError('studentNumber', 'studentNumber 须为学号 (a student number)');
        const found = (await withoutScope(() => strapi.db.query('api::student.student').findOne({ where: { studentNumber: studentNumber.trim() }, select: ['documentId'] }))) as { documentId: string } | null;
        // An unknown number is refused as a student out of reach is, naming `student`: no oracle on numbers.
        ctx.request.body = { ...body, data: { ...rest, student: found?.documentId ?? 'no-such-student-000000000' } };
      }
      return super.create(ctx);
    },
    /** POST /api/integrity-records/:documentId/confirm `{ comment? }`: by an administrator at the record's level. */
    async confirm(this: { sanitizeOutput: Sanitize }, ctx: Context) {
      const comment = parseComment(ctx.request.body);
      await moved.call(this, ctx, (documentId) => confirmRecord(strapi, documentId, comment));
    },
    /** POST /api/integrity-records/:documentId/acknowledge: the student has seen their confirmed record. */
    async acknowledge(this: { sanitizeOutput: Sanitize }, ctx: Context) {
      await moved.call(this, ctx, (documentId) => acknowledgeRecord(strapi, documentId));
    },
    /** GET /api/integrity-records/:documentId/timeline: every version, oldest first. */
    async timeline(ctx: Context) {
      ctx.body = { data: await recordTimeline(strapi, (ctx.params as Record<string, string>).documentId) };
    },
    /** POST /api/integrity-records/:documentId/evidence (multipart `files`: PDF, JPEG, PNG), before confirmation. */
    async attachEvidence(ctx: Context) {
      const data = await withUploadedFiles(ctx, (files) => attachEvidence(strapi, (ctx.params as Record<string, string>).documentId, files));
      ctx.status = 201;
      ctx.body = { data };
    },
    /** GET /api/integrity-records/:documentId/evidence/:fileId: to whoever may see the record. */
    async evidence(ctx: Context) {
      const { documentId, fileId } = ctx.params as Record<string, string>;
      sendDocument(ctx, await evidenceFile(strapi, documentId, fileId));
    },
    /** POST /api/integrity/checks `{ purpose, studentNumbers }`: clear / not clear and why, per student. */
    async checks(ctx: Context) {
      ctx.body = await integrityChecks(strapi, ctx.request.body);
    },
  };
});

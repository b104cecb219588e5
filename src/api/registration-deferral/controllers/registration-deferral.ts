/** Deferral applications: the scoped reads, the student's own, their proof, and the engine's actions. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { EDITABLE_STATES } from '../../../domain/approval-vocabulary';
import { approvalHandlers } from '../../../services/approval/subject-controller';
import { recordAudit } from '../../../services/audit/record';
import { attachPrivateDocuments, privateDocument, sendDocument, withUploadedFiles } from '../../../services/private-documents';
import { currentActor } from '../../../services/scope/actor';
import { ambientConnection } from '../../../services/transaction';
import { createMyDeferral, myDeferrals, ownStudent } from '../../registration/services/mine';
import { REGISTRATION_DEFERRAL } from '../../registration/repositories/registration-rows';

const closed = () => new errors.ForbiddenError('申请已提交审批，不能再上传材料；退回后可补充 (documents can be added to a draft or returned application only)');

export default factories.createCoreController(REGISTRATION_DEFERRAL as never, ({ strapi }) => ({
  ...approvalHandlers(strapi, 'registration-deferral', ['student', 'semester', 'department']),

  async mine(ctx: Context) {
    ctx.body = { data: await myDeferrals(strapi) };
  },

  async createMine(ctx: Context) {
    const documentId = await createMyDeferral(strapi, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: (await myDeferrals(strapi)).find((d: { documentId: string }) => d.documentId === documentId) };
  },

  async attachMine(ctx: Context) {
    const { documentId } = ctx.params as Record<string, string>;
    const student = await ownStudent(strapi);
    const row = (await strapi.db.query(REGISTRATION_DEFERRAL as never).findOne({ where: { documentId, student: { id: student.id } }, select: ['id', 'state'] })) as { id: number; state: string } | null;
    if (!row) throw new errors.NotFoundError('Not Found');
    if (!EDITABLE_STATES.includes(row.state as never)) throw closed();
    const actor = await currentActor(strapi);
    ctx.status = 201;
    ctx.body = {
      data: await withUploadedFiles(ctx, (files) =>
        attachPrivateDocuments(strapi, files, {
          uid: REGISTRATION_DEFERRAL,
          id: row.id,
          documentId,
          field: 'documents',
          urlOf: (fileId) => `/api/registration-deferrals/${documentId}/documents${fileId === '' ? '' : `/${fileId}`}`,
          async recheck() {
            const connection = await ambientConnection(strapi);
            const { rows } = (await connection.raw('SELECT state FROM registration_deferrals WHERE id = ? FOR UPDATE', [row.id])) as { rows: Array<{ state: string }> };
            if (!rows[0] || !EDITABLE_STATES.includes(rows[0].state as never)) throw closed();
          },
          after: () => recordAudit(strapi, { action: 'attach-documents', targetType: REGISTRATION_DEFERRAL, targetDocumentId: documentId, fields: ['documents'] }, actor),
        }),
      ),
    };
  },

  async document(ctx: Context) {
    const { documentId, fileId } = ctx.params as Record<string, string>;
    const row = (await strapi.db.query(REGISTRATION_DEFERRAL as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
    if (!row) throw new errors.NotFoundError('Not Found');
    sendDocument(ctx, await privateDocument(strapi, REGISTRATION_DEFERRAL, row.id, 'documents', fileId));
  },
}));

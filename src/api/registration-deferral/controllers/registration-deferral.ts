/** Deferral applications: the scoped reads, the student's own, their proof, and the engine's actions. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { approvalHandlers } from '../../../services/approval/subject-controller';
import { sendDocument, withUploadedFiles } from '../../../services/private-documents';
import { createMyDeferral, myDeferrals } from '../../registration/services/mine';
import { REGISTRATION_DEFERRAL } from '../../registration/repositories/registration-rows';
import { attachDeferralDocuments, deferralDocument } from '../services/documents';

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
    const data = await withUploadedFiles(ctx, (files) => attachDeferralDocuments(strapi, documentId, files));
    ctx.status = 201;
    ctx.body = { data };
  },

  async document(ctx: Context) {
    const { documentId, fileId } = ctx.params as Record<string, string>;
    sendDocument(ctx, await deferralDocument(strapi, documentId, fileId));
  },
}));

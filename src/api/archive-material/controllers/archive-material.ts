/** Materials: the scoped reads (each registered), filing with files, corrections, and the files themselves. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { ARCHIVE_MATERIAL } from '../../../domain/permissions';
import { correctMaterial, fileMaterial, materialFile } from '../../../services/archive/materials';
import { sendDocument, withUploadedFiles } from '../../../services/private-documents';

export default factories.createCoreController(ARCHIVE_MATERIAL as never, ({ strapi }) => ({
  async fileMaterial(ctx: Context) {
    const { documentId } = ctx.params as Record<string, string>;
    const data = await withUploadedFiles(ctx, (files) => fileMaterial(strapi, documentId, ctx.request.body, files));
    ctx.status = 201;
    ctx.body = { data };
  },

  async correct(ctx: Context) {
    const { documentId } = ctx.params as Record<string, string>;
    const data = await withUploadedFiles(ctx, (files) => correctMaterial(strapi, documentId, ctx.request.body, files));
    ctx.status = 201;
    ctx.body = { data };
  },

  async file(ctx: Context) {
    const { documentId, fileId } = ctx.params as Record<string, string>;
    sendDocument(ctx, await materialFile(strapi, documentId, fileId));
  },
}));

/** Materials: the scoped reads (each registered), filing with files, corrections, and the files themselves. */
import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { ARCHIVE_MATERIAL } from '../../../domain/permissions';
import { correctMaterial, fileMaterial, materialFile } from '../../../services/archive/materials';
import { sendDocument, withUploadedFiles } from '../../../services/private-documents';

/** `?purpose=` of a file read, for the access register: one line of text, at most 300 characters. */
function readingPurpose(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const purpose = typeof value === 'string' ? value.trim() : null;
  if (purpose === null || purpose.length > 300 || /[\u0000-\u001f]/.test(purpose)) {
    throw new errors.ValidationError('查阅目的须为一行文字，至多 300 字 (purpose: one line, at most 300 characters)', { errors: [{ path: ['purpose'], message: '查阅目的须为一行文字，至多 300 字', name: 'ValidationError' }] });
  }
  return purpose || undefined;
}

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
    sendDocument(ctx, await materialFile(strapi, documentId, fileId, readingPurpose(ctx.query.purpose)));
  },
}));

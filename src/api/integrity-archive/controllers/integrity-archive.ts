/** Integrity archives: read as the scope allows; the summary (第二十条); the student's own archive and signatures. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { myIntegrity, signIntegrityDocument } from '../../../services/integrity/mine';
import { archiveSummary } from '../../../services/integrity/summary';

export default factories.createCoreController('api::integrity-archive.integrity-archive', ({ strapi }) => ({
  /** GET /api/integrity-archives/:documentId/summary */
  async summary(ctx: Context) {
    ctx.body = { data: await archiveSummary(strapi, (ctx.params as Record<string, string>).documentId) };
  },
  /** GET /api/me/integrity */
  async mine(ctx: Context) {
    ctx.body = { data: await myIntegrity(strapi) };
  },
  /** POST /api/me/integrity/sign `{ document: 'commitment' | 'agreement', version }` */
  async sign(ctx: Context) {
    ctx.body = { data: await signIntegrityDocument(strapi, ctx.request.body) };
  },
}));

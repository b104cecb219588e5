/** The student's own part of the archive: written by the student under /api/me/integrity, reviewed by the department. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { createSelfEntry, reviewSelfEntry, updateSelfEntry } from '../../../services/integrity/mine';

type Sanitize = (entity: unknown, ctx: Context) => Promise<unknown>;

export default factories.createCoreController('api::integrity-self-entry.integrity-self-entry', ({ strapi }) => ({
  /** POST /api/me/integrity/self-entries `{ data }` */
  async createMine(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    const entity = await createSelfEntry(strapi, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await this.sanitizeOutput(entity, ctx) };
  },
  /** PUT /api/me/integrity/self-entries/:documentId `{ data }` */
  async updateMine(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    const entity = await updateSelfEntry(strapi, (ctx.params as Record<string, string>).documentId, ctx.request.body);
    ctx.body = { data: await this.sanitizeOutput(entity, ctx) };
  },
  /** POST /api/integrity-self-entries/:documentId/review `{ result: 'reviewed' | 'returned', comment }` */
  async review(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    const entity = await reviewSelfEntry(strapi, (ctx.params as Record<string, string>).documentId, ctx.request.body);
    ctx.body = { data: await this.sanitizeOutput(entity, ctx) };
  },
}));

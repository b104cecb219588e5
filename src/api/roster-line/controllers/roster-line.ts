/** Roster lines: the scoped reads, the registry's resolving of an error, and the student's own line under /me. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { confirmMyLine, myRosterLine, reportMyLineError, resolveLine } from '../../../services/roster/lines';
import { ROSTER_LINE } from '../../../services/roster/rows';

type Sanitize = (entity: unknown, ctx: Context) => Promise<unknown>;

export default factories.createCoreController(ROSTER_LINE as never, ({ strapi }) => ({
  /** POST /api/roster-lines/:documentId/resolve { resolution } */
  async resolve(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    const { documentId } = ctx.params as Record<string, string>;
    await resolveLine(strapi, documentId, ctx.request.body);
    const entity = await strapi.documents(ROSTER_LINE as never).findOne({ documentId } as never);
    ctx.body = { data: await this.sanitizeOutput(entity, ctx) };
  },

  /** GET /api/me/roster-line */
  async mine(ctx: Context) {
    ctx.body = { data: await myRosterLine(strapi) };
  },

  /** POST /api/me/roster-line/confirm { line? } */
  async confirmMine(ctx: Context) {
    await confirmMyLine(strapi, ctx.request.body);
    ctx.body = { data: await myRosterLine(strapi) };
  },

  /** POST /api/me/roster-line/report-error { field, message, line? } */
  async reportErrorMine(ctx: Context) {
    await reportMyLineError(strapi, ctx.request.body);
    ctx.body = { data: await myRosterLine(strapi) };
  },
}));

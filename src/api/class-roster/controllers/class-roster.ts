/** Class rosters (seed 004 第二条): the scoped reads, producing one, its sheet and PDF, and its two checks. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendReportSheet } from '../../../services/excel/report-sheet';
import { sendPdf } from '../../../services/print/pdf';
import { headTeacherCheck, registryCheck, rosterEntity } from '../../../services/roster/checks';
import { rosterPdf, rosterSheet } from '../../../services/roster/documents';
import { produceRoster } from '../../../services/roster/produce';
import { CLASS_ROSTER } from '../../../services/roster/rows';

type Sanitize = (entity: unknown, ctx: Context) => Promise<unknown>;
const documentIdOf = (ctx: Context) => (ctx.params as Record<string, string>).documentId;

export default factories.createCoreController(CLASS_ROSTER as never, ({ strapi }) => ({
  /** POST /api/class-rosters { schoolClass, schoolYear? } */
  async produce(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    const { documentId } = await produceRoster(strapi, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await this.sanitizeOutput(await rosterEntity(strapi, documentId), ctx) };
  },

  /** GET /api/class-rosters/:documentId/sheet */
  async sheet(ctx: Context) {
    await sendReportSheet(ctx, await rosterSheet(strapi, documentIdOf(ctx)));
  },

  /** GET /api/class-rosters/:documentId/pdf */
  async pdf(ctx: Context) {
    sendPdf(ctx, await rosterPdf(strapi, documentIdOf(ctx)));
  },

  /** POST /api/class-rosters/:documentId/head-teacher-check { note? } */
  async headTeacherCheck(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    await headTeacherCheck(strapi, documentIdOf(ctx), ctx.request.body);
    ctx.body = { data: await this.sanitizeOutput(await rosterEntity(strapi, documentIdOf(ctx)), ctx) };
  },

  /** POST /api/class-rosters/:documentId/registry-check { stampUnit, note? } */
  async registryCheck(this: { sanitizeOutput: Sanitize }, ctx: Context) {
    await registryCheck(strapi, documentIdOf(ctx), ctx.request.body);
    ctx.body = { data: await this.sanitizeOutput(await rosterEntity(strapi, documentIdOf(ctx)), ctx) };
  },
}));

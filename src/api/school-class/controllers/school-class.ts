import { factories } from '@strapi/strapi';
import { classRosterPdf, sendPdf } from '../../../services/print/class-roster';

export default factories.createCoreController('api::school-class.school-class', ({ strapi }) => ({
  /** GET /api/school-classes/:documentId/roster.pdf: the class's students as the caller may see them. */
  async rosterPdf(ctx) {
    sendPdf(ctx, await classRosterPdf(strapi, (ctx.params as Record<string, string>).documentId));
  },
}));

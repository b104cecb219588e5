import { factories } from '@strapi/strapi';
import { classRosterPdf } from '../../../services/print/class-roster';
import { sendPdf } from '../../../services/print/pdf';

export default factories.createCoreController('api::school-class.school-class', ({ strapi }) => ({
  /** GET /api/school-classes/:documentId/roster.pdf: the class's students as the caller may see them. */
  async rosterPdf(ctx) {
    sendPdf(ctx, await classRosterPdf(strapi, (ctx.params as Record<string, string>).documentId));
  },
}));

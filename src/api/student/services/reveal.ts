/** `POST /api/students/:documentId/reveal`: personal data in clear, with a logged reason. */
import type { Core } from '@strapi/strapi';
import { revealFromRequest, type RevealContext } from '../../../services/reveal/reveal';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async reveal(ctx: RevealContext) {
    return revealFromRequest(strapi, ctx);
  },
});

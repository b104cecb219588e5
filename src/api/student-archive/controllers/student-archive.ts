/** Archives: the scoped reads (core) and the graduates' archives due for transfer. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { retentionDueList } from '../../../services/archive/follow-up';

export default factories.createCoreController('api::student-archive.student-archive' as never, ({ strapi }) => ({
  async retentionDue(ctx: Context) {
    ctx.body = await retentionDueList(strapi);
  },
}));

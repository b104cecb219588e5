/** Transfers: the scoped reads (core), the application and its steps, and the receipt follow-up. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import type { TransferAction } from '../../../domain/archive-transfer';
import { ARCHIVE_TRANSFER } from '../../../domain/permissions';
import { followUpList, runFollowUp } from '../../../services/archive/follow-up';
import { applyForTransfer, transferStep } from '../../../services/archive/transfers';

export default factories.createCoreController(ARCHIVE_TRANSFER as never, ({ strapi }) => {
  const step = (action: TransferAction) => async (ctx: Context) => {
    const { documentId } = ctx.params as Record<string, string>;
    ctx.body = { data: await transferStep(strapi, action, documentId, ctx.request.body) };
  };
  return {
    async apply(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await applyForTransfer(strapi, ctx.request.body) };
    },
    check: step('check'),
    send: step('send'),
    receipt: step('receipt'),
    cancel: step('cancel'),
    async followUp(ctx: Context) {
      ctx.body = await followUpList(strapi);
    },
    async runFollowUp(ctx: Context) {
      ctx.body = { data: await runFollowUp(strapi) };
    },
  };
});

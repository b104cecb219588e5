/** Archives: the scoped reads, the first archive's completeness list, the custody move to the archive office and the graduates' archives due for transfer. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { STUDENT_ARCHIVE } from '../../../domain/permissions';
import { completenessList, completenessSheet } from '../../../services/archive/completeness';
import { completenessQuery } from '../../../services/archive/completeness-query';
import { custodyBatchInput, moveCustody } from '../../../services/archive/custody';
import { retentionDueList } from '../../../services/archive/follow-up';
import { streamReportSheet } from '../../../services/excel/report-sheet';
import { fieldError } from '../../../services/field-error';

export default factories.createCoreController(STUDENT_ARCHIVE as never, ({ strapi }) => ({
  /** GET /api/student-archives/retention-due */
  async retentionDue(ctx: Context) {
    ctx.body = await retentionDueList(strapi);
  },

  /** GET /api/student-archives/completeness?department=&custody=&overdue=&format=&pagination[page]=&pagination[pageSize]= */
  async completeness(ctx: Context) {
    const query = completenessQuery(ctx.query);
    const list = await completenessList(strapi, query);
    if (query.sheet) streamReportSheet(ctx, await completenessSheet(strapi, list));
    else ctx.body = list;
  },

  /** POST /api/student-archives/:documentId/custody: the archive office receives one archive. */
  async moveCustody(ctx: Context) {
    const { documentId } = ctx.params as Record<string, string>;
    if (!/^[a-z0-9]{1,64}$/.test(documentId)) throw fieldError('documentId', '学籍档案的 documentId 有误 (documentId: malformed)');
    const body = ctx.request.body as Record<string, unknown> | undefined;
    const extra = Object.keys(body ?? {})[0];
    if (extra !== undefined) throw fieldError(extra, `不能填写字段 ${extra}：接收一份档案不带内容 (${extra}: the move takes no body)`);
    ctx.body = { data: await moveCustody(strapi, [documentId], true) };
  },

  /** POST /api/student-archives/custody { archives: [documentId...] }: a batch, all or nothing. */
  async moveCustodyBatch(ctx: Context) {
    ctx.body = { data: await moveCustody(strapi, custodyBatchInput(ctx.request.body), false) };
  },
}));

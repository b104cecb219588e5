/** Fee statuses: read and written through the core routes (checked by src/document-middlewares/fee-status-writes.ts), or imported. */
import fs from 'node:fs';
import { factories } from '@strapi/strapi';
import { XLSX_TYPE } from '../../../services/excel/export-request';
import type { UploadedFile } from '../../../services/excel/uploaded-sheet';
import type importService from '../services/import';

type Import = ReturnType<typeof importService>;
type FileContext = { request: { files?: Record<string, UploadedFile | UploadedFile[]>; body?: Record<string, unknown> } };

export default factories.createCoreController('api::fee-status.fee-status' as never, ({ strapi }) => ({
  /** POST /api/fee-statuses/import: an .xlsx or .csv (field `file`) for one semester (field `semester`), all rows or none. */
  async import(ctx) {
    const request = (ctx as unknown as FileContext).request;
    const sent = request.files?.file;
    const files = sent ? (Array.isArray(sent) ? sent : [sent]) : [];
    try {
      const result = await (strapi.service('api::fee-status.import' as never) as unknown as Import).importFile(files[0], request.body?.semester);
      ctx.status = 201;
      ctx.body = result;
    } finally {
      // The body parser's temporary copies go, kept or refused.
      await Promise.all(files.map((file) => fs.promises.rm(file.filepath, { force: true })));
    }
  },

  /** GET /api/fee-statuses/import-template: the .xlsx to fill. */
  async importTemplate(ctx) {
    const body = await (strapi.service('api::fee-status.import' as never) as unknown as Import).template();
    ctx.set('Content-Type', XLSX_TYPE);
    ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('缴费状态导入模板.xlsx')}`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = body;
  },
}));

/** Third-party records: read through the core routes; written only by the import (issue 15). */
import fs from 'node:fs';
import { factories } from '@strapi/strapi';
import { XLSX_TYPE } from '../../../services/excel/export-request';
import type importService from '../services/import';
import type { UploadedFile } from '../../../services/excel/uploaded-sheet';

type Import = ReturnType<typeof importService>;
type FileContext = { request: { files?: Record<string, UploadedFile | UploadedFile[]> } };

export default factories.createCoreController('api::integrity-third-party-record.integrity-third-party-record', ({ strapi }) => ({
  /** POST /api/integrity-third-party-records/import: an .xlsx or .csv (field `file`), all rows or none. */
  async import(ctx) {
    const sent = (ctx as unknown as FileContext).request.files?.file;
    const files = sent ? (Array.isArray(sent) ? sent : [sent]) : [];
    try {
      const result = await (strapi.service('api::integrity-third-party-record.import') as unknown as Import).importFile(files[0]);
      ctx.status = 201;
      ctx.body = result;
    } finally {
      // The body parser's temporary copies go, kept or refused.
      await Promise.all(files.map((file) => fs.promises.rm(file.filepath, { force: true })));
    }
  },

  /** GET /api/integrity-third-party-records/import-template: the .xlsx to fill. */
  async importTemplate(ctx) {
    const body = await (strapi.service('api::integrity-third-party-record.import') as unknown as Import).template();
    ctx.set('Content-Type', XLSX_TYPE);
    ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('第三方诚信记录导入模板.xlsx')}`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = body;
  },
}));

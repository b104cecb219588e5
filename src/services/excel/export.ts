/**
 * Export of a list to .xlsx, streamed (issue 14): rows are read a page at a time through the
 * Document Service inside the caller's request, so the department scope and the personal-data
 * guard apply to every page, and each row is committed to the sheet as soon as it is written, so
 * 30,000 rows never sit in memory. Protected fields stay masked unless the export reveals them.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { clearPersonalData, type PersonalField } from '../personal-data';
import { withoutScope } from '../scope/context';
import { cellValue, columnWidth, numberFormat } from './cells';
import type { Column } from './columns';

/** Rows read per query: large enough for few round trips, small enough to bound memory. */
export const EXPORT_PAGE_SIZE = 1000;

/** The list's conditions, as the caller's door sanitized them. */
export interface ListQuery {
  filters?: unknown;
  sort?: unknown;
  _q?: string;
}

export interface ExportPlan {
  uid: string;
  columns: Column[];
  query: ListQuery;
  /** Protected fields to show in clear (already allowed and logged), none by default. */
  reveal: readonly PersonalField[];
}

type Row = Record<string, unknown> & { id: number };

/** The caller's sort, then the id, so that pages never skip or repeat a row. */
function stableSort(sort: unknown): unknown[] {
  const given = sort === undefined || sort === null || sort === '' ? [] : Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : [sort];
  // Strings and objects are not mixed in one sort (the query validator refuses it).
  return given.every((item) => typeof item === 'string') ? [...given, 'id:asc'] : [...given, { id: 'asc' }];
}

function readParams(plan: ExportPlan) {
  const relations = plan.columns.filter((c) => c.kind === 'relation');
  return {
    ...(plan.query.filters ? { filters: plan.query.filters } : {}),
    ...(plan.query._q ? { _q: plan.query._q } : {}),
    sort: stableSort(plan.query.sort),
    fields: plan.columns.filter((c) => c.kind !== 'relation').map((c) => c.field),
    populate: Object.fromEntries(relations.map((c) => [c.field, { fields: [c.mainField as string] }])),
  };
}

/** The clear values of the page's protected fields, read by the ids the scoped read returned. */
async function withClearValues(strapi: Core.Strapi, plan: ExportPlan, rows: Row[]): Promise<Row[]> {
  if (plan.reveal.length === 0 || rows.length === 0) return rows;
  const sealed = (await withoutScope(() =>
    strapi.db.query(plan.uid as never).findMany({ where: { id: { $in: rows.map((r) => r.id) } }, select: ['id', ...plan.reveal.map((f) => `${f}Cipher`)] }),
  )) as Row[];
  const byId = new Map(sealed.map((row) => [row.id, row]));
  for (const row of rows) Object.assign(row, clearPersonalData(byId.get(row.id) ?? {}, plan.reveal));
  return rows;
}

/** One page of the list, in the caller's scope. */
export async function readPage(strapi: Core.Strapi, plan: ExportPlan, start: number): Promise<Row[]> {
  const documents = strapi.documents(plan.uid as never) as unknown as { findMany(params: unknown): Promise<Row[]> };
  const rows = await documents.findMany({ ...readParams(plan), start, limit: EXPORT_PAGE_SIZE });
  return withClearValues(strapi, plan, rows);
}

/** How many rows the export will hold, in the caller's scope. */
export async function countRows(strapi: Core.Strapi, plan: ExportPlan): Promise<number> {
  const documents = strapi.documents(plan.uid as never) as unknown as { count(params: unknown): Promise<number> };
  const { filters, _q } = readParams(plan);
  return documents.count({ ...(filters ? { filters } : {}), ...(_q ? { _q } : {}) });
}

/**
 * Writes the sheet to `stream`, starting from an already read first page (so that a bad filter is
 * a 400 before any byte is sent); resolves with the number of rows written.
 */
export async function writeExport(strapi: Core.Strapi, stream: Writable, plan: ExportPlan, sheetName: string, firstPage: Row[]): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = plan.columns.map((c) => ({ header: c.header, key: c.field, width: columnWidth(c) }));
  // One style object per column, shared by its cells: exceljs caches a style by its object, so
  // the per-cell copies it would make otherwise cost more than writing the values.
  const styles = plan.columns.map((c) => (numberFormat(c) ? { numFmt: numberFormat(c) } : {}));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  let page = firstPage;
  for (;;) {
    // The next page is read while this one is written: PostgreSQL works while the sheet grows.
    const next = page.length < EXPORT_PAGE_SIZE ? null : readPage(strapi, plan, written + page.length);
    next?.catch(() => undefined);
    for (const record of page) {
      const row = sheet.addRow(plan.columns.map((c) => cellValue(c, record[c.field])));
      styles.forEach((style, i) => (row.getCell(i + 1).style = style));
      row.commit();
      written += 1;
    }
    // A slow reader holds the next read back, instead of the rows piling up in memory.
    if (stream.writableNeedDrain) await once(stream, 'drain');
    if (!next) break;
    page = await next;
  }
  sheet.commit();
  await workbook.commit();
  return written;
}

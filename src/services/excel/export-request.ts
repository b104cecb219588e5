/**
 * One export request, whichever door it came through: the door says which columns and conditions
 * the caller may use and whether they hold the reveal permission; this asks for the reveal's
 * reason, logs a revealing export once (fields, reason, how many students), and streams the sheet.
 */
import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { recordAudit } from '../audit/record';
import { today } from '../clock';
import { fieldError } from '../field-error';
import type { PersonalField } from '../personal-data';
import { REVEALING_ACTORS } from '../reveal/constants';
import { assertRevealAllowed } from '../reveal/rate-limit';
import { parseRevealRequest } from '../reveal/request';
import { currentActor } from '../scope/actor';
import type { Column } from './columns';
import { countRows, readPage, writeExport, type ExportPlan, type ListQuery } from './export';
import { Forbidden } from '../forbidden';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportContext {
  query: Record<string, unknown>;
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

export interface ExportDoor {
  columns: Column[];
  query: ListQuery;
  /** Whether the caller holds the reveal permission (REVEAL_PERMISSION). */
  mayReveal: boolean;
}

/** The list conditions of a query string: what the Content Manager's list sends, without paging. */
export function listConditions(query: Record<string, unknown>): ListQuery {
  const { filters, sort, _q } = query;
  return { ...(filters !== undefined ? { filters } : {}), ...(sort !== undefined ? { sort } : {}), ...(typeof _q === 'string' && _q !== '' ? { _q } : {}) };
}

/** `reveal=nationalId,phone` (or `reveal=all`) with a `reason`; none when `reveal` is absent. */
function revealRequest(query: Record<string, unknown>, columns: Column[]): { fields: PersonalField[]; reason: string } | null {
  const asked = query.reveal;
  if (asked === undefined || asked === '' || asked === 'false') return null;
  const protectedFields = columns.filter((c) => c.protected).map((c) => c.field);
  if (protectedFields.length === 0) throw fieldError('reveal', '此列表没有可显示的个人信息字段 (this list has no protected fields)');
  const names = asked === 'all' || asked === 'true' ? protectedFields : String(asked).split(',').map((f) => f.trim()).filter(Boolean);
  const parsed = parseRevealRequest({ fields: names, reason: query.reason });
  const outside = parsed.fields.find((f) => !protectedFields.includes(f));
  if (outside) throw fieldError('reveal', `${outside} 不在导出列中 (${outside} is not a column of this export)`);
  return parsed;
}

/** Logs a revealing export once, inside the caller's window of reveals. */
async function logRevealingExport(strapi: Core.Strapi, plan: ExportPlan, reason: string, count: number): Promise<void> {
  const actor = await currentActor(strapi);
  if (!(REVEALING_ACTORS as readonly string[]).includes(actor.kind)) {
    throw new Forbidden('只有登录的教职工本人可以导出完整个人信息 (only a signed-in person may reveal personal data)');
  }
  await strapi.db.transaction(async ({ trx }) => {
    await assertRevealAllowed(strapi, trx, actor);
    const entry = { action: 'export' as const, targetType: plan.uid, fields: [...plan.reveal], reason: `导出 Excel（${count} 名学生）：${reason}`.slice(0, 500) };
    await recordAudit(strapi, entry, actor);
  });
}

function sheetNameOf(strapi: Core.Strapi, uid: string): string {
  const type = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as unknown as { info: { displayName: string } };
  return type.info.displayName.replace(/[\\/?*[\]:]/g, ' ');
}

/** Answers with the sheet: headers now, rows streamed after the handler returns. */
export async function sendExport(strapi: Core.Strapi, ctx: ExportContext, uid: string, door: ExportDoor): Promise<void> {
  const reveal = revealRequest(ctx.query, door.columns);
  if (reveal && !door.mayReveal) throw new Forbidden('您没有查看完整个人信息的权限 (your role may not reveal personal data)');
  const plan: ExportPlan = { uid, columns: door.columns, query: door.query, reveal: reveal ? reveal.fields : [] };
  // Read before answering, so that a bad filter is a 400 and the count is the one logged.
  const count = await countRows(strapi, plan);
  const first = await readPage(strapi, plan, 0);
  if (reveal) await logRevealingExport(strapi, plan, reveal.reason, count);
  const name = sheetNameOf(strapi, uid);
  const stream = new PassThrough();
  ctx.set('Content-Type', XLSX_TYPE);
  ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}-${today()}.xlsx`)}`);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('X-Total-Count', String(count));
  ctx.status = 200;
  ctx.body = stream;
  // Started inside the request, so every later page is read in the caller's context and scope.
  writeExport(strapi, stream, plan, name, first).catch((error: Error) => {
    strapi.log.error(`Excel export of ${uid} failed: ${error.message}`);
    stream.destroy(error);
  });
}

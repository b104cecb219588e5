/**
 * The lists that say what the archive office must do next (issue 17): the transfers sent whose
 * receipt (回执) has not come back within the school's number of days (the follow-up list, 催办),
 * and the graduates' archives whose retention has ended and that are not yet transferred.
 *
 * The follow-up run marks each newly overdue transfer once (a flag set by a conditional update:
 * two runs at once, or one after the other, mark and notify it once), sets its archive's state to
 * `receipt-overdue`, and sends the archive office one notice naming them. The scheduler runs it
 * daily (config/cron-tasks.ts); the archive office may run it now.
 */
import type { Core } from '@strapi/strapi';
import { ARCHIVE_STATE_AFTER, TRANSFER_METHOD_LABELS, daysBetween, shiftDays, type TransferMethod } from '../../domain/archive-transfer';
import { receiptOverdue, retentionDue, retentionEnd } from '../../domain/student-archive';
import { ARCHIVE_TRANSFER, STUDENT_ARCHIVE } from '../../domain/permissions';
import { recordAudit } from '../audit/record';
import { now, today as schoolToday } from '../clock';
import { sendNotification } from '../notify';
import { loadArchiveSettings } from '../school-settings';
import { currentActor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { ambientConnection } from '../transaction';

const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value ? String(value).slice(0, 10) : null);

interface SentTransfer {
  documentId: string;
  studentLabel: string | null;
  registerNumber: string;
  receivingUnit: string;
  method: TransferMethod;
  trackingNumber: string;
  sentOn: string;
  overdueNotifiedAt: string | null;
}

/** GET /api/archive-transfers/follow-up: the sent transfers without receipt past the limit, in the caller's scope, longest waiting first. */
export async function followUpList(strapi: Core.Strapi) {
  const today = schoolToday();
  const settings = await loadArchiveSettings(strapi);
  const limit = shiftDays(today, -settings.receiptOverdueDays);
  const rows = (await strapi.db.query(ARCHIVE_TRANSFER as never).findMany({
    where: { state: 'sent', sentOn: { $lt: limit } },
    select: ['documentId', 'studentLabel', 'registerNumber', 'receivingUnit', 'method', 'trackingNumber', 'sentOn', 'overdueNotifiedAt'],
    orderBy: [{ sentOn: 'asc' }, { id: 'asc' }],
  })) as SentTransfer[];
  const data = rows
    .filter((row) => receiptOverdue(day(row.sentOn) as string, null, today, settings))
    .map((row) => ({ ...row, sentOn: day(row.sentOn), methodLabel: TRANSFER_METHOD_LABELS[row.method] ?? row.method, daysSinceSent: daysBetween(day(row.sentOn) as string, today) }));
  return { data, meta: { today, receiptOverdueDays: settings.receiptOverdueDays, total: data.length } };
}

interface Marked {
  id: number;
  document_id: string;
  archive_key: number;
  student_label: string | null;
  register_number: string;
  receiving_unit: string;
  sent_on: string | Date;
}

/** The archive office's notice of the transfers just found overdue: one notice a run, naming each. */
function notice(marked: Marked[], today: string) {
  const title = `${marked.length} 份学籍档案转递逾期未收到回执`;
  const lines = marked.map((row) => `${row.student_label ?? ''}：转递编号 ${row.register_number}，${day(row.sent_on)} 寄往 ${row.receiving_unit}，已 ${daysBetween(day(row.sent_on) as string, today)} 天`);
  return { title, body: [`${title}，请联系接收单位催办回执（档案转递 → 催办名单）：`, ...lines].join('\n') };
}

/** POST /api/archive-transfers/follow-up/run, and the daily task: marks the newly overdue once and tells the archive office. */
export async function runFollowUp(strapi: Core.Strapi) {
  const today = schoolToday();
  const at = now();
  const settings = await loadArchiveSettings(strapi);
  const actor = await currentActor(strapi);
  const limit = shiftDays(today, -settings.receiptOverdueDays);
  const marked = await withoutScope(() =>
    strapi.db.transaction(async () => {
      const connection = await ambientConnection(strapi);
      // Conditional on the flag: a transfer already marked (by this run's twin, or yesterday's) is not marked again.
      const { rows } = (await connection.raw(
        `UPDATE archive_transfers SET overdue_notified_at = ?, updated_at = ?
          WHERE state = 'sent' AND overdue_notified_at IS NULL AND sent_on < ?::date
          RETURNING id, document_id, archive_key, student_label, register_number, receiving_unit, sent_on`,
        [at, new Date(), limit],
      )) as { rows: Marked[] };
      if (rows.length === 0) return rows;
      await connection.raw(`UPDATE student_archives SET state = ?, updated_at = ? WHERE id = ANY(?::int[]) AND state = 'transferred'`, [ARCHIVE_STATE_AFTER.overdue, new Date(), rows.map((row) => row.archive_key)]);
      await sendNotification(strapi, { ...notice(rows, today), departmentScope: null, recipientOffice: 'archive', at });
      await recordAudit(strapi, rows.map((row) => ({ action: 'transfer-follow-up' as const, targetType: ARCHIVE_TRANSFER, targetDocumentId: row.document_id, fields: ['overdueNotifiedAt'] })), actor);
      return rows;
    }),
  );
  const { meta } = await withoutScope(() => followUpList(strapi));
  return { today, overdue: meta.total, newlyOverdue: marked.length, notified: marked.length > 0, transfers: marked.map((row) => row.document_id) };
}

interface ArchiveRow {
  documentId: string;
  studentLabel: string | null;
  custody: string;
  state: string;
  graduatedOn: string | null;
}

/**
 * GET /api/student-archives/retention-due: the graduates' archives kept their years (graduation +
 * archiveRetentionYears) and not yet transferred, in the caller's scope, longest due first; whether
 * a transfer is already asked for is shown by the archive's state.
 */
export async function retentionDueList(strapi: Core.Strapi) {
  const today = schoolToday();
  const settings = await loadArchiveSettings(strapi);
  // A first cut in the database (the exact rule, month ends included, in retentionDue below).
  const latest = shiftDays(today, -365 * settings.retentionYears + 3);
  const rows = (await strapi.db.query(STUDENT_ARCHIVE as never).findMany({
    where: { graduatedOn: { $notNull: true, $lte: latest }, custody: { $ne: 'transferred' } },
    select: ['documentId', 'studentLabel', 'custody', 'state', 'graduatedOn'],
    orderBy: [{ graduatedOn: 'asc' }, { id: 'asc' }],
  })) as ArchiveRow[];
  const data = rows
    .filter((row) => retentionDue(day(row.graduatedOn), today, settings))
    .map((row) => ({ ...row, graduatedOn: day(row.graduatedOn), retentionEndsOn: retentionEnd(day(row.graduatedOn) as string, settings), transferRequested: row.state === 'transfer-requested' }));
  return { data, meta: { today, retentionYears: settings.retentionYears, total: data.length } };
}

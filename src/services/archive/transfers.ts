/**
 * The archive's transfer (档案转递, issue 17; seed 001 三(三)): the application, the archive
 * office's completeness check, the transfer register entry with the sending, the receipt, and
 * cancelling one not yet sent. Each step locks the transfer's row, checks its state as the
 * database has it (a double send: the second waits, then finds it sent: 409), moves the transfer
 * and its archive, and writes the audit line, in one transaction.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARCHIVE_STATE_AFTER, TRANSFERABLE_ARCHIVE_STATES, TRANSFER_STEPS, applyRefusal, stateRefusal, statesFor, type TransferAction, type TransferState } from '../../domain/archive-transfer';
import { ARCHIVE_STATE_LABELS, mayFileInto, type ArchiveCustody, type ArchiveState } from '../../domain/student-archive';
import { ARCHIVE_TRANSFER, STUDENT_ARCHIVE } from '../../domain/permissions';
import { conflict } from '../approval/errors';
import { recordAudit, type AuditAction } from '../audit/record';
import { now } from '../clock';
import { withClientErrors } from '../database-errors';
import { fieldError } from '../field-error';
import { currentActor, type Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { ambientConnection } from '../transaction';
import { reachOf } from './materials';
import { applicationInput, stepInput, type CancelInput, type CheckInput, type ReceiptInput, type SendInput } from './transfer-input';
import { Forbidden } from '../forbidden';

const notFound = () => new errors.NotFoundError('Not Found');

/** What a transfer shows: everything but the scope's own columns. */
export const TRANSFER_FIELDS = [
  'id', 'documentId', 'studentLabel', 'reason', 'state', 'receivingUnit', 'receivingAddress', 'appliedBy', 'appliedAt', 'applicationNote',
  'checkedBy', 'checkedAt', 'checkResult', 'checkMissing', 'checkNote', 'registerNumber', 'sealedBy', 'sealNumber', 'method', 'trackingNumber',
  'sentOn', 'sentBy', 'receivedOn', 'receiptNumber', 'receiptNotes', 'receiptRecordedBy', 'receiptRecordedAt', 'overdueNotifiedAt',
  'cancelledBy', 'cancelledAt', 'cancelReason', 'createdAt', 'updatedAt',
] as const;

async function shown(strapi: Core.Strapi, id: number) {
  const row = (await withoutScope(() => strapi.db.query(ARCHIVE_TRANSFER as never).findOne({ where: { id }, select: [...TRANSFER_FIELDS], populate: { archive: { select: ['documentId', 'studentLabel', 'custody', 'state'] } } }))) as Record<string, unknown>;
  return row;
}

const who = (actor: Actor) => actor.label.slice(0, 200);

interface ArchiveRow {
  id: number;
  custody: ArchiveCustody;
  state: ArchiveState;
  department_scope: number | null;
}

async function lockedArchive(strapi: Core.Strapi, id: number): Promise<ArchiveRow> {
  const connection = await ambientConnection(strapi);
  const { rows } = (await connection.raw('SELECT id, custody, state, department_scope FROM student_archives WHERE id = ? FOR UPDATE', [id])) as { rows: ArchiveRow[] };
  if (!rows[0]) throw notFound();
  return rows[0];
}

/**
 * POST /api/archive-transfers: the archive office, or the student's department while it keeps the
 * archive, applies for the transfer of an archive that is not already being (or been) transferred.
 */
export async function applyForTransfer(strapi: Core.Strapi, body: unknown) {
  const input = applicationInput(body);
  const actor = await currentActor(strapi);
  // The archive as the caller may see it (the scope applies): a guessed documentId is a 404.
  const visible = (await strapi.db.query(STUDENT_ARCHIVE as never).findOne({ where: { documentId: input.archive }, select: ['id'] })) as { id: number } | null;
  if (!visible) throw notFound();
  const reach = reachOf(actor);
  const id = await withClientErrors(() =>
    withoutScope(() =>
      strapi.db.transaction(async () => {
        const archive = await lockedArchive(strapi, visible.id);
        // Who may apply is who may file into the archive: its department while it keeps it, or the archive office.
        if (!mayFileInto(reach, { custody: archive.custody, departmentId: archive.department_scope })) throw new Forbidden(applyRefusal(archive.custody));
        if (!TRANSFERABLE_ARCHIVE_STATES.includes(archive.state)) {
          throw conflict(`该学籍档案当前为“${ARCHIVE_STATE_LABELS[archive.state]}”，不能再申请转递 (archive state: ${archive.state})`);
        }
        const at = now();
        const made = (await strapi.db.query(ARCHIVE_TRANSFER as never).create({
          data: {
            archive: archive.id, archiveKey: archive.id, reason: input.reason, state: 'requested', receivingUnit: input.receivingUnit, receivingAddress: input.receivingAddress,
            applicationNote: input.note, appliedBy: who(actor), appliedAt: at, archiveStateBefore: archive.state, publishedAt: at,
          },
        })) as { id: number; documentId: string };
        const connection = await ambientConnection(strapi);
        await connection.raw('UPDATE student_archives SET state = ?, updated_at = ? WHERE id = ?', [ARCHIVE_STATE_AFTER.apply, new Date(), archive.id]);
        await recordAudit(strapi, [
          { action: 'transfer-apply', targetType: ARCHIVE_TRANSFER, targetDocumentId: made.documentId, fields: ['reason', 'receivingUnit', 'receivingAddress'] },
          { action: 'update', targetType: STUDENT_ARCHIVE, targetDocumentId: input.archive, fields: ['state'] },
        ], actor);
        return made.id;
      }),
    ),
  );
  return shown(strapi, id);
}

interface TransferRow {
  id: number;
  document_id: string;
  state: TransferState;
  archive_key: number;
  archive_state_before: string | null;
  checked_at: Date | null;
  sent_on: string | Date | null;
}

const day = (value: string | Date | null) => (value instanceof Date ? value.toISOString().slice(0, 10) : value ? String(value).slice(0, 10) : null);

/** The required first-archive kinds the archive holds no current material of (seed 001 三(一)1). */
async function missingRequiredKinds(strapi: Core.Strapi, archiveId: number): Promise<string[]> {
  const connection = await ambientConnection(strapi);
  const { rows } = (await connection.raw(
    `SELECT k.name FROM material_kinds k
      WHERE k.required_for_first_archive AND NOT EXISTS (
        SELECT 1 FROM archive_materials m JOIN archive_materials_kind_lnk l ON l.archive_material_id = m.id
         WHERE m.archive_key = ? AND l.material_kind_id = k.id AND NOT coalesce(m.superseded, false))
      ORDER BY k.position NULLS LAST, k.id`,
    [archiveId],
  )) as { rows: Array<{ name: string }> };
  return rows.map((row) => row.name);
}

type Change = {
  transfer: Record<string, unknown>;
  archive?: { state: string; custody?: ArchiveCustody; transferred_at?: Date };
  /** The archive is changed only while it is in this state (a cancel gives back its state only if nothing else moved it). */
  archiveWhile?: ArchiveState;
};

/** What each step writes, from the locked row and the checked input. */
const STEPS: Record<TransferAction, (strapi: Core.Strapi, row: TransferRow, input: never, actor: Actor) => Promise<Change>> = {
  async check(strapi, row, input: CheckInput, actor) {
    const missing = await missingRequiredKinds(strapi, row.archive_key);
    if (missing.length > 0 && !input.note) throw fieldError('note', `首次建档必备材料不全（缺：${missing.join('、')}），请在备注中说明后再审核 (note: required when materials are missing)`);
    return { transfer: { checked_by: who(actor), checked_at: now(), check_result: missing.length > 0 ? 'explained' : 'complete', check_missing: missing.join('\n') || null, check_note: input.note } };
  },
  async send(_strapi, row, input: SendInput, actor) {
    const checkedOn = row.checked_at ? row.checked_at.toISOString().slice(0, 10) : null;
    if (checkedOn && input.sentOn < checkedOn) throw fieldError('sentOn', `寄出日期不能早于审核日期 ${checkedOn} (sentOn: not before the check)`);
    const at = now();
    return {
      transfer: { register_number: input.registerNumber, sealed_by: input.sealedBy, seal_number: input.sealNumber, method: input.method, tracking_number: input.trackingNumber, sent_on: input.sentOn, sent_by: who(actor) },
      archive: { state: ARCHIVE_STATE_AFTER.send, custody: 'transferred', transferred_at: at },
    };
  },
  async receipt(_strapi, row, input: ReceiptInput, actor) {
    const sentOn = day(row.sent_on);
    if (sentOn && input.receivedOn < sentOn) throw fieldError('receivedOn', `回执日期不能早于寄出日期 ${sentOn} (receivedOn: not before sentOn)`);
    return {
      transfer: { received_on: input.receivedOn, receipt_number: input.receiptNumber, receipt_notes: input.notes, receipt_recorded_by: who(actor), receipt_recorded_at: now() },
      archive: { state: ARCHIVE_STATE_AFTER.receipt },
    };
  },
  async cancel(_strapi, row, input: CancelInput, actor) {
    return {
      transfer: { cancelled_by: who(actor), cancelled_at: now(), cancel_reason: input.reason },
      archive: { state: row.archive_state_before ?? 'in-custody' },
      archiveWhile: ARCHIVE_STATE_AFTER.apply,
    };
  },
};

const AUDIT: Record<TransferAction, AuditAction> = { check: 'transfer-check', send: 'transfer-send', receipt: 'transfer-receipt', cancel: 'transfer-cancel' };

/** POST /api/archive-transfers/:documentId/(check|send|receipt|cancel) */
export async function transferStep(strapi: Core.Strapi, action: TransferAction, documentId: string, body: unknown) {
  const visible = (await strapi.db.query(ARCHIVE_TRANSFER as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  if (!visible) throw notFound();
  const input = stepInput(action, body);
  const actor = await currentActor(strapi);
  await withClientErrors(() =>
    withoutScope(() =>
      strapi.db.transaction(async () => {
        const connection = await ambientConnection(strapi);
        const { rows } = (await connection.raw('SELECT id, document_id, state, archive_key, archive_state_before, checked_at, sent_on FROM archive_transfers WHERE id = ? FOR UPDATE', [visible.id])) as { rows: TransferRow[] };
        const row = rows[0];
        if (!row) throw notFound();
        if (!statesFor(action).includes(row.state)) throw conflict(stateRefusal(action, row.state));
        const change = await STEPS[action](strapi, row, input as never, actor);
        const transfer = { ...change.transfer, state: TRANSFER_STEPS[row.state][action], updated_at: new Date() };
        await connection('archive_transfers').where({ id: row.id }).update(transfer);
        const fields = Object.keys(change.transfer);
        if (change.archive) {
          await lockedArchive(strapi, row.archive_key);
          await connection('student_archives').where({ id: row.archive_key, ...(change.archiveWhile ? { state: change.archiveWhile } : {}) }).update({ ...change.archive, updated_at: new Date() });
        }
        const archive = (await connection('student_archives').where({ id: row.archive_key }).first('document_id')) as { document_id: string };
        await recordAudit(strapi, [
          { action: AUDIT[action], targetType: ARCHIVE_TRANSFER, targetDocumentId: row.document_id, fields: ['state', ...camel(fields)] },
          ...(change.archive ? [{ action: 'update' as const, targetType: STUDENT_ARCHIVE, targetDocumentId: archive.document_id, fields: camel(Object.keys(change.archive)) }] : []),
        ], actor);
      }),
    ),
  );
  return shown(strapi, visible.id);
}

const camel = (columns: string[]) => columns.map((column) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()));

/**
 * A roster's lines (seed 004 第二条: 学生本人对花名册上个人信息资料的准确性和真实性进行核对，并签字确认):
 * the student confirms their own line or reports an error through /api/me, which puts it before
 * the registry as a task (a notice to the registry and the class's department); the registry
 * resolves it, and the line shows the corrected record. Each move is a conditional update under
 * the roster's row lock: of two at once, one moves the line and the other gets 409.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { LINE_MOVES, LINE_STATE_LABELS, moveRefusal, OPEN_ROSTER_STATES, ROSTER_FIELD_LABELS, ROSTER_STATE_LABELS, type LineStep } from '../../domain/class-roster';
import { recordAudit, type AuditAction } from '../audit/record';
import { conflict } from '../approval/errors';
import { now as clockNow } from '../clock';
import { sendNotification } from '../notify';
import { currentActor, type Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { confirmInput, reportInput, resolveInput } from './input';
import { actorName, assertRegistry, lockRoster, notFound, ownLines, rosterById, ROSTER_LINE, visibleLine, type LineRow } from './rows';

/** What the student's own line shows them: the snapshot and its check, not the keys. */
const SHOWN_TO_STUDENT = [
  'id', 'documentId', 'position', 'studentName', 'studentNumber', 'gender', 'birthDate', 'nationalIdMasked', 'majorName', 'className', 'enrolledOn',
  'state', 'confirmedAt', 'errorField', 'errorMessage', 'reportedAt', 'resolvedAt', 'resolution',
];

const AUDIT: Readonly<Record<LineStep, AuditAction>> = { confirm: 'confirm-line', 'report-error': 'report-error', resolve: 'resolve-error' };

interface LineMove {
  step: LineStep;
  /** `column = value` pairs set with the state. */
  columns: Record<string, unknown>;
  /** Extra SQL of the SET clause (the corrected record's snapshot on resolving). */
  set?: string;
  fields: string[];
  /** Inside the transaction, once the line has moved. */
  after?: (trx: Knex.Transaction) => Promise<void>;
}

async function moveLine(strapi: Core.Strapi, actor: Actor, line: LineRow, move: LineMove): Promise<void> {
  const { from, to } = LINE_MOVES[move.step];
  await withoutScope(() =>
    strapi.db.transaction(async ({ trx }) => {
      const roster = await lockRoster(trx, line.rosterKey);
      if (!roster) throw notFound();
      if (!OPEN_ROSTER_STATES.includes(roster.state)) throw conflict(moveRefusal(move.step, roster.state, ROSTER_STATE_LABELS));
      const names = Object.keys(move.columns);
      const { rows } = (await trx.raw(
        `UPDATE roster_lines l SET state = ?, ${names.map((name) => `${name} = ?`).join(', ')}${move.set ? `, ${move.set}` : ''}, updated_at = now()
          WHERE l.id = ? AND l.state = ANY(?::text[]) RETURNING l.state`,
        [to, ...names.map((name) => move.columns[name]), line.id, [...from]],
      )) as { rows: unknown[] };
      if (rows.length === 0) {
        const now = (await trx.raw('SELECT state FROM roster_lines WHERE id = ?', [line.id])) as { rows: Array<{ state: string }> };
        throw conflict(moveRefusal(move.step, now.rows[0]?.state ?? line.state, LINE_STATE_LABELS));
      }
      await move.after?.(trx);
      await recordAudit(strapi, { action: AUDIT[move.step], targetType: ROSTER_LINE, targetDocumentId: line.documentId, fields: ['state', ...move.fields] }, actor);
    }),
  );
}

/** The line a student acts on: the one named (404 unless theirs), else theirs in the newest roster still open. */
async function ownLine(strapi: Core.Strapi, named: string | null): Promise<LineRow> {
  if (named) return visibleLine(strapi, named);
  for (const line of await ownLines(strapi)) {
    const roster = await rosterById(strapi, line.rosterKey);
    if (OPEN_ROSTER_STATES.includes(roster.state)) return line;
  }
  throw notFound();
}

/** GET /api/me/roster-line: the student's line in their newest roster with the roster's heading, or null. */
export async function myRosterLine(strapi: Core.Strapi): Promise<Record<string, unknown> | null> {
  const [newest] = await ownLines(strapi);
  if (!newest) return null;
  const line = (await strapi.db.query(ROSTER_LINE as never).findOne({ where: { id: newest.id }, select: SHOWN_TO_STUDENT })) as Record<string, unknown>;
  const roster = await rosterById(strapi, newest.rosterKey);
  const { id: _id, ...shown } = line;
  return { ...shown, roster: { documentId: roster.documentId, className: roster.className, schoolYear: roster.schoolYear, state: roster.state } };
}

/** POST /api/me/roster-line/confirm { line? }: 学生签字确认. */
export async function confirmMyLine(strapi: Core.Strapi, body: unknown): Promise<void> {
  const input = confirmInput(body);
  const line = await ownLine(strapi, input.line);
  await moveLine(strapi, await currentActor(strapi), line, { step: 'confirm', columns: { confirmed_at: clockNow() }, fields: ['confirmedAt'] });
}

/** POST /api/me/roster-line/report-error { field, message, line? }: the registry hears of it in the same transaction. */
export async function reportMyLineError(strapi: Core.Strapi, body: unknown): Promise<void> {
  const input = reportInput(body);
  const line = await ownLine(strapi, input.line);
  const roster = await rosterById(strapi, line.rosterKey);
  const who = `${line.studentName ?? ''}（${line.studentNumber ?? '未编学号'}）`;
  await moveLine(strapi, await currentActor(strapi), line, {
    step: 'report-error',
    columns: { error_field: input.field, error_message: input.message, reported_at: clockNow(), confirmed_at: null },
    fields: ['errorField', 'errorMessage', 'reportedAt'],
    after: () =>
      sendNotification(strapi, {
        title: `学籍名册报错待处理：${roster.className?.split(' · ')[0] ?? ''} ${who}`,
        body: `${who}报告学籍名册（${roster.schoolYear}）中的“${ROSTER_FIELD_LABELS[input.field]}”有误：${input.message}\n请学籍管理部门核实后在名册中处理（名册行 ${line.documentId}）。`,
        departmentScope: roster.departmentScope,
      }),
  });
}

/** POST /api/roster-lines/:documentId/resolve { resolution }: the line shows the student's record as it now stands. */
export async function resolveLine(strapi: Core.Strapi, documentId: string, body: unknown): Promise<void> {
  const actor = await currentActor(strapi);
  assertRegistry(actor);
  const line = await visibleLine(strapi, documentId);
  const { resolution } = resolveInput(body);
  await moveLine(strapi, actor, line, {
    step: 'resolve',
    columns: { resolved_by: actorName(actor), resolved_at: clockNow(), resolution },
    set: `student_name = coalesce((SELECT s.name FROM students s WHERE s.id = l.student_key), l.student_name),
          student_number = coalesce((SELECT s.student_number FROM students s WHERE s.id = l.student_key), l.student_number),
          gender = coalesce((SELECT s.gender FROM students s WHERE s.id = l.student_key), l.gender),
          birth_date = coalesce((SELECT s.birth_date FROM students s WHERE s.id = l.student_key), l.birth_date),
          national_id_masked = coalesce((SELECT CASE WHEN s.national_id LIKE '%***%' THEN s.national_id ELSE left(s.national_id, 3) || repeat('*', greatest(length(s.national_id) - 3, 0)) END
                                           FROM students s WHERE s.id = l.student_key), l.national_id_masked)`,
    fields: ['resolvedBy', 'resolvedAt', 'resolution', 'studentName', 'studentNumber', 'gender', 'birthDate', 'nationalIdMasked'],
  });
}

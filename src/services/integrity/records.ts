/**
 * A record's moves (domain.md 5, 第十二条 to 第十九条): each confirmation, acknowledgement,
 * appeal outcome and amendment changes the record's state through the machine in
 * src/domain/integrity.ts and writes a new version; the versions are append-only in the database.
 * The caller runs these inside its transaction; the record's row is locked first, so two people
 * acting at once queue up and the second finds the record already moved.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { nextRecordState, RECORD_STATE_LABELS, type RecordEvent, type RecordState, type VersionEvent } from '../../domain/integrity';
import { conflict } from '../approval/errors';
import { ambientConnection } from '../transaction';
import { withoutScope } from '../scope/context';
import { INTEGRITY_RECORD, INTEGRITY_VERSION } from './uids';

/** The fields that say what happened: kept in every version, changed only by the flows. */
export const RECORD_CONTENT_FIELDS = ['indicator', 'kind', 'title', 'description', 'occurredOn'] as const;
export type RecordContent = Partial<Record<(typeof RECORD_CONTENT_FIELDS)[number], unknown>>;

export interface RecordRow {
  id: number;
  documentId: string;
  state: RecordState;
  version: number;
  indicator: string;
  kind: string;
  title: string;
  description: string | null;
  occurredOn: string;
  sourceOffice: string;
  level: 'school' | 'department';
  departmentScope: number | null;
  student?: { id: number; documentId: string; name: string; studentNumber: string; user?: { id: number } | null } | null;
}

export function contentOf(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries([...RECORD_CONTENT_FIELDS, 'sourceOffice', 'level'].map((field) => [field, row[field] ?? null]));
}

/** The record with its student (and login), whatever the caller's scope: inside an action. */
export async function loadRecord(strapi: Core.Strapi, where: { id: number } | { documentId: string }): Promise<RecordRow | null> {
  return (await withoutScope(() =>
    strapi.db.query(INTEGRITY_RECORD as never).findOne({
      where,
      populate: { student: { select: ['id', 'documentId', 'name', 'studentNumber'], populate: { user: { select: ['id'] } } } },
    }),
  )) as RecordRow | null;
}

/** Appends one version of the record as it now stands. */
export async function writeVersion(strapi: Core.Strapi, row: RecordRow, event: VersionEvent, actor: string, at: Date, reason: string | null = null): Promise<void> {
  await withoutScope(() =>
    strapi.db.query(INTEGRITY_VERSION as never).create({
      data: {
        record: row.id,
        version: row.version,
        event,
        state: row.state,
        content: contentOf(row as unknown as Record<string, unknown>),
        reason,
        actor: actor.slice(0, 100),
        at,
        sourceOffice: row.sourceOffice,
        departmentScope: row.departmentScope,
        publishedAt: at,
      },
    }),
  );
}

/** Locks the record's row (SELECT ... FOR UPDATE) and reads it again. */
export async function lockRecord(strapi: Core.Strapi, id: number): Promise<RecordRow> {
  const connection = await ambientConnection(strapi);
  const { rows } = (await connection.raw('SELECT id FROM integrity_records WHERE id = ? FOR UPDATE', [id])) as { rows: unknown[] };
  const row = rows.length > 0 ? await loadRecord(strapi, { id }) : null;
  if (!row) throw new errors.NotFoundError('Not Found');
  return row;
}

export interface Move {
  event: RecordEvent;
  /** The version's own name when it differs from the state machine's event (an appeal withdrawn). */
  versionEvent?: VersionEvent;
  actor: string;
  at: Date;
  reason?: string | null;
  /** New content (an appeal's modification). */
  content?: RecordContent;
  /** Other columns the move sets (who confirmed, when). */
  columns?: Record<string, unknown>;
}

/** Moves the locked record by `event`: 409 when it cannot make that move from where it now stands. */
export async function moveRecord(strapi: Core.Strapi, id: number, move: Move): Promise<RecordRow> {
  const row = await lockRecord(strapi, id);
  const next = nextRecordState(row.state, move.event);
  if (!next) throw conflict(`诚信记录当前为“${RECORD_STATE_LABELS[row.state]}”，不能进行此操作 (the record is ${row.state}: it cannot ${move.event})`);
  const data = { ...(move.content ?? {}), ...(move.columns ?? {}), state: next, version: row.version + 1 };
  // The database refuses content changes of a record past `entered` outside the flows
  // (database/migrations/2026.12.01T15.00.00.integrity-record-content-fixed.sql): this is one.
  const flow = move.content && row.state !== 'entered';
  const connection = await ambientConnection(strapi);
  if (flow) await connection.raw(`SELECT set_config('student_records.integrity_flow', 'on', true)`);
  await withoutScope(() => strapi.db.query(INTEGRITY_RECORD as never).update({ where: { id }, data }));
  if (flow) await connection.raw(`SELECT set_config('student_records.integrity_flow', 'off', true)`);
  const moved = { ...row, ...data } as RecordRow;
  await writeVersion(strapi, moved, move.versionEvent ?? move.event, move.actor, move.at, move.reason ?? null);
  return moved;
}

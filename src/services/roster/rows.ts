/**
 * The class roster's rows as its services read them: the roster and line the caller may see (the
 * database scope applies: 404 for the rest), who the caller is in the registry's and the head
 * teacher's terms, and the transaction's lock on a roster.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import type { LineState, RosterState } from '../../domain/class-roster';
import type { Actor } from '../scope/actor';
import { withoutScope } from '../scope/context';
import { Forbidden } from '../forbidden';

export const CLASS_ROSTER = 'api::class-roster.class-roster';
export const ROSTER_LINE = 'api::roster-line.roster-line';

export const notFound = () => new errors.NotFoundError('Not Found');

export interface RosterRow {
  id: number;
  documentId: string;
  state: RosterState;
  className: string | null;
  schoolYear: string;
  classKey: number;
  departmentScope: number | null;
}

export interface LineRow {
  id: number;
  documentId: string;
  state: LineState;
  rosterKey: number;
  studentKey: number;
  studentName: string | null;
  studentNumber: string | null;
}

const ROSTER_FIELDS = ['id', 'documentId', 'state', 'className', 'schoolYear', 'classKey', 'departmentScope'];
const LINE_FIELDS = ['id', 'documentId', 'state', 'rosterKey', 'studentKey', 'studentName', 'studentNumber'];

/** The roster as the caller may see it (the database scope applies), or 404. */
export async function visibleRoster(strapi: Core.Strapi, documentId: string): Promise<RosterRow> {
  const row = (await strapi.db.query(CLASS_ROSTER as never).findOne({ where: { documentId }, select: ROSTER_FIELDS })) as RosterRow | null;
  if (!row) throw notFound();
  return row;
}

/** A roster by id, whoever asks (the line it was reached through was scoped). */
export async function rosterById(strapi: Core.Strapi, id: number): Promise<RosterRow> {
  const row = (await withoutScope(() => strapi.db.query(CLASS_ROSTER as never).findOne({ where: { id }, select: ROSTER_FIELDS }))) as RosterRow | null;
  if (!row) throw notFound();
  return row;
}

/** The line as the caller may see it (a student: only their own), or 404. */
export async function visibleLine(strapi: Core.Strapi, documentId: string): Promise<LineRow> {
  const row = (await strapi.db.query(ROSTER_LINE as never).findOne({ where: { documentId }, select: LINE_FIELDS })) as LineRow | null;
  if (!row) throw notFound();
  return row;
}

/** The caller's lines, newest roster first (a student's scope reaches only their own). */
export async function ownLines(strapi: Core.Strapi): Promise<LineRow[]> {
  return (await strapi.db.query(ROSTER_LINE as never).findMany({ select: LINE_FIELDS, orderBy: [{ rosterKey: 'desc' }], limit: 20 })) as LineRow[];
}

/** Takes the roster's row lock for the rest of the transaction and reads its state as it now stands. */
export async function lockRoster(trx: Knex.Transaction, rosterId: number): Promise<{ state: RosterState; pending_count: number; error_count: number } | undefined> {
  const { rows } = (await trx.raw('SELECT state, pending_count, error_count FROM class_rosters WHERE id = ? FOR NO KEY UPDATE', [rosterId])) as {
    rows: Array<{ state: RosterState; pending_count: number; error_count: number }>;
  };
  return rows[0];
}

/** The registry (学籍管理部门, seed 004 第二条) is academic affairs: a whole-school scope. */
export function assertRegistry(actor: Actor): void {
  if (actor.scope.kind !== 'all') throw new Forbidden('只有学籍管理部门（教务处）可以办理 (the registry only)');
}

/** The head teacher's first check belongs to the class's department (a super admin and the system may act for it). */
export function assertHeadTeacherOf(actor: Actor, departmentId: number | null): void {
  const { scope } = actor;
  if (scope.kind === 'all' && !scope.staff) return;
  const departments = scope.kind === 'self' ? [] : (scope.staff?.departmentIds ?? (scope.kind === 'departments' ? scope.departmentIds : []));
  if (departmentId !== null && departments.includes(departmentId)) return;
  throw new Forbidden('班主任初审由本班所在系部办理 (the class\'s own department checks first)');
}

/** How a person is named on the roster: their name as staff, else their login. */
export function actorName(actor: Actor): string {
  const name = actor.memberships?.find((m) => m.active)?.staffName;
  return (name ? `${name}（${actor.label}）` : actor.label).slice(0, 200);
}

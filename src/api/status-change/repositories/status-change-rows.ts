/** Reading status changes with everything the rules and the effect need. */
import type { Core } from '@strapi/strapi';
import { storedRequestRow, type RawRequest, type StoredRequestRow } from '../../../services/approval/rows';
import { withoutScope } from '../../../services/scope/context';

export const STATUS_CHANGE = 'api::status-change.status-change';

export type Raw = RawRequest;

export type StatusChangeRow = StoredRequestRow;

/** What deciding and the timeline need: the student (and their login) and the department. */
const POPULATE_LIGHT = {
  student: { select: ['id', 'documentId', 'name', 'studentNumber', 'status'], populate: { user: { select: ['id'] } } },
  department: { select: ['id', 'documentId', 'name'] },
};

/** What the rules on submit and the effect need as well. */
const POPULATE = {
  student: { populate: ['user', 'department', 'major', 'schoolClass'] },
  targetMajor: { populate: ['department'] },
  targetClass: { populate: { major: { populate: ['department'] } } },
  department: true,
  documents: true,
  chain: true,
};

const toRow = (raw: Raw): StatusChangeRow => storedRequestRow(raw);

/** As the current actor may see it (the database scope applies), with the student and department. */
export async function findVisibleStatusChange(strapi: Core.Strapi, documentId: string): Promise<StatusChangeRow | null> {
  const raw = (await strapi.db.query(STATUS_CHANGE as never).findOne({ where: { documentId }, populate: POPULATE_LIGHT })) as Raw | null;
  return raw ? toRow(raw) : null;
}

/** Whatever the actor's scope, with everything the rules and the effect read: inside an action. */
export async function loadStatusChange(strapi: Core.Strapi, documentId: string): Promise<StatusChangeRow> {
  const raw = (await withoutScope(() => strapi.db.query(STATUS_CHANGE as never).findOne({ where: { documentId }, populate: POPULATE }))) as Raw | null;
  if (!raw) throw new Error(`status change ${documentId} vanished inside its own transaction`);
  return toRow(raw);
}

/** The student's approved changes other than `exceptId`, oldest first. */
export async function approvedChangesOf(strapi: Core.Strapi, studentId: number, exceptId: number): Promise<Raw[]> {
  return (await withoutScope(() =>
    strapi.db.query(STATUS_CHANGE as never).findMany({
      where: { student: { id: studentId }, state: 'approved', id: { $ne: exceptId } },
      select: ['type', 'suspensionCause', 'suspensionStart', 'suspensionEnd', 'decidedAt'],
      orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }],
    }),
  )) as Raw[];
}

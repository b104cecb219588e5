/**
 * A student's own status changes and notifications through /api/me: they create a request for
 * themselves only (the student is always their own record) and read what concerns them.
 */
import type { Core } from '@strapi/strapi';
import { fieldError } from '../../../services/field-error';
import { withoutScope } from '../../../services/scope/context';
import { findOwnStudent } from '../repositories/own-student';

const STATUS_CHANGE = 'api::status-change.status-change';
const NOTIFICATION = 'api::notification.notification';

/** What a student fills in on their own request; grades and workflow fields are not theirs. */
const STUDENT_FIELDS = [
  'type', 'reason', 'targetMajor', 'targetClass', 'suspensionCause', 'suspensionStart', 'suspensionEnd',
  'receivingSchool', 'receivingProvince', 'provincialApproval', 'withdrawalKind', 'documents', 'studentSigned', 'guardianSigned',
];
const SHOWN = ['documentId', 'type', 'state', 'tier', 'reason', 'currentStep', 'currentStepDue', 'round', 'semester', 'submittedAt', 'decidedAt', 'createdAt', 'updatedAt'];

function shown(row: Record<string, unknown>) {
  return Object.fromEntries(SHOWN.map((field) => [field, row[field] ?? null]));
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(userId: number | undefined) {
    const student = await findOwnStudent(strapi, userId);
    const rows = (await withoutScope(() =>
      strapi.db.query(STATUS_CHANGE as never).findMany({ where: { student: { id: student.id } }, orderBy: [{ createdAt: 'desc' }] }),
    )) as Array<Record<string, unknown>>;
    return rows.map(shown);
  },

  async create(userId: number | undefined, body: unknown) {
    const student = await findOwnStudent(strapi, userId);
    const data = (body as { data?: unknown } | null)?.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw fieldError('data', 'data 须为对象 (data must be an object)');
    const unknownField = Object.keys(data).find((field) => !STUDENT_FIELDS.includes(field));
    if (unknownField) throw fieldError(unknownField, `学生不能填写 ${unknownField} (a student may not set ${unknownField})`);
    if ((data as Record<string, unknown>).type === 'transfer-in') throw fieldError('type', '转入申请由学校办理 (a transfer-in is filed by the school)');
    // The Document Service runs as the student: the write middlewares check their scope.
    const created = await strapi.documents(STATUS_CHANGE as never).create({ data: { ...data, student: student.documentId } as never });
    return shown(created as Record<string, unknown>);
  },

  async notifications(userId: number | undefined) {
    const student = await findOwnStudent(strapi, userId);
    const rows = (await withoutScope(() =>
      strapi.db.query(NOTIFICATION as never).findMany({
        where: { student: { id: student.id } },
        orderBy: [{ createdAt: 'desc' }],
        populate: { statusChange: { select: ['documentId', 'type', 'state'] } },
      }),
    )) as Array<Record<string, any>>;
    return rows.map((n) => ({ documentId: n.documentId, title: n.title, body: n.body, readAt: n.readAt ?? null, createdAt: n.createdAt, statusChange: n.statusChange ?? null }));
  },
});

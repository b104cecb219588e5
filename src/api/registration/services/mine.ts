/**
 * A student's own registrations (/api/me/registrations) and deferral applications
 * (/api/me/registration-deferrals): what they see, the little they may write (their health
 * changed, a note), and applying for a deferral. Submitting and confirming run through the
 * engine (src/services/approval/engine.ts) as the student.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { CONDITION_LABELS, REGISTRATION_STATE_LABELS, type ConditionResult, type RegistrationState } from '../../../domain/registration';
import { EDITABLE_STATES } from '../../../domain/approval-vocabulary';
import { isIsoDate } from '../../../domain/calendar-months';
import { recordAudit } from '../../../services/audit/record';
import { fieldError } from '../../../services/field-error';
import { currentActor } from '../../../services/scope/actor';
import { withoutScope } from '../../../services/scope/context';
import { signedInStudent } from '../../student/repositories/own-student';

/** The feature's name in refusals. */
export const MY_REGISTRATIONS = '我的注册';
import { REGISTRATION, REGISTRATION_DEFERRAL } from '../repositories/registration-rows';
import { semesterByCode } from './semesters';
import { Forbidden } from '../../../services/forbidden';

const FIELDS = ['documentId', 'state', 'workflowState', 'newStudent', 'healthChanged', 'note', 'requestedDocuments', 'conditions', 'conditionsMet', 'windowCloses', 'deadline', 'deferredUntil', 'overdue', 'late', 'currentStep', 'currentStepDue', 'submittedAt', 'registeredAt', 'missedAt'];
const FILES = { select: ['id', 'name', 'mime', 'size', 'url'] };

/** The signed-in student, or 403 for anyone else. */
export const ownStudent = (strapi: Core.Strapi) => signedInStudent(strapi, MY_REGISTRATIONS);

/** A registration as the student reads it: states and conditions with their Chinese words. */
function shown(row: Record<string, any>) {
  const out: Record<string, unknown> = Object.fromEntries(FIELDS.map((field) => [field, row[field] ?? null]));
  out.stateLabel = REGISTRATION_STATE_LABELS[row.state as RegistrationState];
  out.conditions = ((row.conditions ?? []) as ConditionResult[]).map((c) => ({ ...c, label: CONDITION_LABELS[c.code] }));
  out.semester = row.semester ? { documentId: row.semester.documentId, code: row.semester.code, startDate: row.semester.startDate, endDate: row.semester.endDate } : null;
  for (const field of ['feeProof', 'healthCertificate', 'otherDocuments']) out[field] = row[field] ?? [];
  return out;
}

export async function myRegistrations(strapi: Core.Strapi) {
  const student = await ownStudent(strapi);
  // In the student's own scope: theirs, and nobody else's.
  const rows = (await strapi.db.query(REGISTRATION as never).findMany({
    where: { student: { id: student.id } },
    populate: { semester: true, feeProof: FILES, healthCertificate: FILES, otherDocuments: FILES },
    orderBy: { id: 'desc' },
  })) as Array<Record<string, any>>;
  return rows.map(shown);
}

const updateSchema = z
  .object({
    healthChanged: z.boolean({ error: 'healthChanged 须为 true 或 false' }).optional(),
    note: z.string({ error: 'note 须为文字' }).max(1000, { error: 'note 不超过 1000 字' }).nullable().optional(),
  })
  .strict();

/** The student's own fields, while the registration can still be submitted. */
export async function updateMyRegistration(strapi: Core.Strapi, documentId: string, body: unknown) {
  const student = await ownStudent(strapi);
  const parsed = updateSchema.safeParse((body as { data?: unknown } | null)?.data ?? body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : String(issue.path[0] ?? 'data');
    throw fieldError(field, issue.code === 'unrecognized_keys' ? `${field} 不能由学生修改 (${field} cannot be set here)` : issue.message);
  }
  const row = (await strapi.db.query(REGISTRATION as never).findOne({ where: { documentId, student: { id: student.id } }, select: ['id', 'workflowState', 'missedAt'] })) as { id: number; workflowState: string; missedAt: Date | null } | null;
  if (!row) throw new errors.NotFoundError('Not Found');
  if (!EDITABLE_STATES.includes(row.workflowState as never) || row.missedAt) throw new Forbidden('注册申请已提交审核或已结束，不能修改 (the registration can no longer be changed)');
  await withoutScope(() => strapi.db.query(REGISTRATION as never).update({ where: { id: row.id }, data: parsed.data }));
  await recordAudit(strapi, { action: 'update', targetType: REGISTRATION, targetDocumentId: documentId, fields: Object.keys(parsed.data) }, await currentActor(strapi));
  return (await myRegistrations(strapi)).find((r) => r.documentId === documentId);
}

const deferralSchema = z
  .object({
    semester: z.unknown(),
    reason: z.string({ error: 'reason 须写明不能按时注册的原因' }).trim().min(2, { error: 'reason 须写明不能按时注册的原因' }).max(2000, { error: 'reason 不超过 2000 字' }),
    requestedUntil: z.string({ error: 'requestedUntil 须为日期 YYYY-MM-DD' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'requestedUntil 须为日期 YYYY-MM-DD' }),
  })
  .strict();

/** A draft deferral application of the student for a semester; proof is uploaded, then it is submitted. */
export async function createMyDeferral(strapi: Core.Strapi, body: unknown) {
  const student = await ownStudent(strapi);
  const parsed = deferralSchema.safeParse((body as { data?: unknown } | null)?.data ?? body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : String(issue.path[0] ?? 'data');
    throw fieldError(field, issue.code === 'unrecognized_keys' ? `未知字段 ${field} (unknown field)` : issue.message);
  }
  if (!isIsoDate(parsed.data.requestedUntil)) throw fieldError('requestedUntil', 'requestedUntil 须为日期 YYYY-MM-DD');
  const semester = await semesterByCode(strapi, parsed.data.semester);
  const stored = (await withoutScope(() => strapi.db.query('api::student.student' as never).findOne({ where: { id: student.id }, select: ['departmentScope'] }))) as { departmentScope: number | null };
  const created = (await withoutScope(() =>
    strapi.db.query(REGISTRATION_DEFERRAL as never).create({
      data: {
        student: student.id,
        semester: semester.id,
        department: stored.departmentScope,
        reason: parsed.data.reason,
        requestedUntil: parsed.data.requestedUntil,
        state: 'draft',
        round: 0,
        studentKey: student.id,
        semesterKey: semester.id,
        departmentScope: stored.departmentScope,
        publishedAt: new Date(),
      },
    }),
  )) as { documentId: string };
  await recordAudit(strapi, { action: 'create', targetType: REGISTRATION_DEFERRAL, targetDocumentId: created.documentId, fields: ['semester', 'reason', 'requestedUntil'] }, await currentActor(strapi));
  return created.documentId;
}

export async function myDeferrals(strapi: Core.Strapi) {
  const student = await ownStudent(strapi);
  return strapi.db.query(REGISTRATION_DEFERRAL as never).findMany({
    where: { student: { id: student.id } },
    select: ['documentId', 'reason', 'requestedUntil', 'state', 'currentStep', 'currentStepDue', 'submittedAt', 'decidedAt'],
    populate: { semester: { select: ['code', 'startDate', 'endDate'] }, documents: FILES },
    orderBy: { id: 'desc' },
  });
}

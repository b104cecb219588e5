/**
 * The student's confirmation, the chain's last step (seed 001 二(一)3(4)): the registration is
 * registered and a new student's status becomes active, with its status-history entry, inside
 * the decision's transaction. Any failure rolls the confirmation back with it.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { STUDENT_STATUS_LABELS, type StudentStatus } from '../../../domain/constants';
import { nextStatus } from '../../../domain/status-transitions';
import { withoutScope } from '../../../services/scope/context';
import { followStudentStatus } from '../../../services/integrity/archive';
import type { RegistrationRow } from '../repositories/registration-rows';

const STUDENT = 'api::student.student';
const HISTORY = 'api::status-history.status-history';
/** Statuses a confirmed registration leaves as they are: the student already studies. */
const STUDYING: readonly StudentStatus[] = ['active'];

export async function confirmRegistration(strapi: Core.Strapi, row: RegistrationRow, now: Date): Promise<Record<string, unknown>> {
  return withoutScope(async () => {
    const studentId = row.raw.student?.id as number;
    const student = (await strapi.db.query(STUDENT as never).findOne({ where: { id: studentId }, select: ['id', 'documentId', 'status', 'departmentScope'] })) as { id: number; documentId: string; status: StudentStatus; departmentScope: number | null };
    await strapi.db.query('api::registration.registration' as never).update({ where: { id: row.id }, data: { registeredAt: now } });
    if (STUDYING.includes(student.status)) return { studentDocumentId: student.documentId, status: student.status, registeredAt: now.toISOString() };
    const toStatus = nextStatus(student.status, 'registration');
    if (!toStatus) {
      const hint = student.status === 'suspended' ? '：休学期满须先办理复学，复学获批后再确认注册' : '';
      throw new errors.ValidationError(`学生当前学籍状态为“${STUDENT_STATUS_LABELS[student.status]}”，不能注册${hint} (a ${student.status} student cannot register)`);
    }
    await strapi.db.query(STUDENT as never).update({ where: { id: studentId }, data: { status: toStatus } });
    await followStudentStatus(strapi, studentId, toStatus, now);
    await strapi.db.query(HISTORY as never).create({
      data: {
        student: studentId,
        workflow: 'registration',
        summary: `学籍注册（${row.raw.semester?.code ?? ''}）：${STUDENT_STATUS_LABELS[student.status]} → ${STUDENT_STATUS_LABELS[toStatus]}`,
        fromStatus: student.status,
        toStatus,
        occurredAt: now,
        departmentScope: student.departmentScope,
        publishedAt: now,
      },
    });
    return { studentDocumentId: student.documentId, fromStatus: student.status, status: toStatus, registeredAt: now.toISOString() };
  });
}

/**
 * A student's registration in the current semester, for other campus systems (course selection,
 * exams): an unregistered student may not select courses or sit exams (seed 001 二(一)4(2)).
 * Read through the caller's scope: a student they cannot see is a 404.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { REGISTRATION_STATE_LABELS, type RegistrationState } from '../../../domain/registration';
import { REGISTRATION } from '../repositories/registration-rows';
import { currentSemester } from './semesters';

export async function registrationOfStudent(strapi: Core.Strapi, studentId: number) {
  const semester = await currentSemester(strapi);
  if (!semester) return { semester: null, documentId: null, state: null, stateLabel: '尚无学期', registered: false, deadline: null, deferredUntil: null, registeredAt: null };
  const row = (await strapi.db.query(REGISTRATION as never).findOne({
    where: { studentKey: studentId, semesterKey: semester.id },
    select: ['documentId', 'state', 'deadline', 'deferredUntil', 'registeredAt'],
  })) as { documentId: string; state: RegistrationState; deadline: string; deferredUntil: string | null; registeredAt: string | null } | null;
  return {
    semester: semester.code,
    documentId: row?.documentId ?? null,
    state: row?.state ?? null,
    stateLabel: row ? REGISTRATION_STATE_LABELS[row.state] : '本学期无须注册或尚未开放注册',
    registered: row?.state === 'registered',
    deadline: row?.deadline ?? null,
    deferredUntil: row?.deferredUntil ?? null,
    registeredAt: row?.registeredAt ?? null,
  };
}

export async function studentRegistration(strapi: Core.Strapi, studentDocumentId: string) {
  const student = (await strapi.db.query('api::student.student' as never).findOne({ where: { documentId: studentDocumentId }, select: ['id'] })) as { id: number } | null;
  if (!student) throw new errors.NotFoundError('Not Found');
  return registrationOfStudent(strapi, student.id);
}

/**
 * What an approved status change does to the student (domain.md 2 and 3), inside the decision's
 * transaction: status, major, class, suspension period, numbers, and one status-history entry.
 * Reversal is only by a new change; nothing here edits history.
 */
import type { Core } from '@strapi/strapi';
import { followStudentStatus } from '../../../services/integrity/archive';
import { errors } from '@strapi/utils';
import { MAX_STUDENTS_PER_CLASS, STUDENT_STATUS_LABELS, type StudentStatus } from '../../../domain/constants';
import { studentNumber } from '../../../domain/student-number';
import { CHANGE_TYPE_LABELS, type ChangeType } from '../../../domain/status-change';
import type { StatusChangeSettings } from '../../../domain/status-change-settings';
import { nextStatus } from '../../../domain/status-transitions';
import { withoutScope } from '../../../services/scope/context';
import { findClassFacts, type ClassFacts } from '../../student/repositories/class-facts';
import { advanceCounters, lockCounters } from '../../student/repositories/number-counters';
import { insertAdmittedStudents } from '../../student/repositories/student-rows';
import { prepareAdmissions } from '../../student/services/admissions';
import type { Raw } from '../repositories/status-change-rows';
import { incomingNationalId } from './facts';

const STUDENT = 'api::student.student';
const HISTORY = 'api::status-history.status-history';

type Changes = Record<string, unknown>;

async function classFacts(strapi: Core.Strapi, documentId: string): Promise<ClassFacts> {
  const facts = (await findClassFacts(strapi, [documentId])).get(documentId);
  if (!facts) throw new errors.ValidationError('目标班级未设置所属专业与系部 (the target class has no major and department)');
  return facts;
}

/** The next number in the class, under the counter's row lock. */
async function numberInClass(strapi: Core.Strapi, facts: ClassFacts): Promise<string> {
  return strapi.db.transaction(async ({ trx }) => {
    const last = await lockCounters(trx, [facts.prefix]);
    const sequence = (last.get(facts.prefix) ?? 0) + 1;
    if (sequence > MAX_STUDENTS_PER_CLASS) throw new errors.ValidationError(`目标班级已满 ${MAX_STUDENTS_PER_CLASS} 人，无法编学号 (the target class is full)`);
    await advanceCounters(trx, new Map([[facts.prefix, sequence]]));
    return studentNumber(facts.prefix, sequence);
  });
}

async function moveToClass(strapi: Core.Strapi, classDocumentId: string, renumber: boolean): Promise<Changes> {
  const facts = await classFacts(strapi, classDocumentId);
  const moved: Changes = { schoolClass: facts.id, major: facts.major.id, department: facts.department.id, enrollmentYear: facts.enrollmentYear };
  return renumber ? { ...moved, studentNumber: await numberInClass(strapi, facts) } : moved;
}

type EffectOf = (strapi: Core.Strapi, raw: Raw, settings: StatusChangeSettings, now: Date) => Promise<Changes>;

const EFFECTS: Record<Exclude<ChangeType, 'transfer-in'>, EffectOf> = {
  'change-of-major': (strapi, raw, settings) => moveToClass(strapi, raw.targetClass.documentId, settings.renumberOnMajorChange),
  suspension: async (_s, raw) => ({ suspensionStart: raw.suspensionStart, suspensionEnd: raw.suspensionEnd }),
  resumption: async (strapi, raw) => ({
    suspensionStart: null,
    suspensionEnd: null,
    ...(raw.targetClass ? await moveToClass(strapi, raw.targetClass.documentId, false) : {}),
  }),
  'transfer-out': async (_s, _r, _settings, now) => ({ numberRetiredAt: now }),
  withdrawal: async (_s, _r, _settings, now) => ({ numberRetiredAt: now }),
  cancellation: async () => ({}),
  reinstatement: async () => ({}),
};

function snapshot(student: Raw): Record<string, unknown> {
  return {
    status: student.status,
    studentNumber: student.studentNumber,
    major: student.major ? { documentId: student.major.documentId, name: student.major.name } : null,
    schoolClass: student.schoolClass ? { documentId: student.schoolClass.documentId, name: student.schoolClass.name } : null,
    department: student.department ? { documentId: student.department.documentId, name: student.department.name } : null,
    suspensionStart: student.suspensionStart ?? null,
    suspensionEnd: student.suspensionEnd ?? null,
  };
}

async function readStudent(strapi: Core.Strapi, id: number): Promise<Raw> {
  return (await strapi.db.query(STUDENT).findOne({ where: { id }, populate: ['major', 'schoolClass', 'department'] })) as Raw;
}

/** A transferred-in student: admitted with the usual checks and a new number, then active. */
async function admitTransferIn(strapi: Core.Strapi, raw: Raw): Promise<number> {
  const row = { name: raw.incomingName, nationalId: incomingNationalId(raw), schoolClass: raw.targetClass.documentId };
  return strapi.db.transaction(async ({ trx }) => {
    const [prepared] = await prepareAdmissions(strapi, [row], false);
    const [created] = await insertAdmittedStudents(strapi, trx, [{ ...prepared, fields: { ...prepared.fields, status: 'active' } }]);
    const found = (await strapi.db.query(STUDENT).findOne({ where: { documentId: created.documentId }, select: ['id'] })) as { id: number };
    return found.id;
  });
}

/** Applies the approved change; returns what changed, kept on the request. */
export async function applyStatusChangeEffect(strapi: Core.Strapi, raw: Raw, settings: StatusChangeSettings, now: Date): Promise<Record<string, unknown>> {
  return withoutScope(async () => {
    const type = raw.type as ChangeType;
    const studentId = type === 'transfer-in' ? await admitTransferIn(strapi, raw) : (raw.student?.id as number);
    const before = await readStudent(strapi, studentId);
    const fromStatus = (type === 'transfer-in' ? null : before.status) as StudentStatus | null;
    const toStatus = type === 'transfer-in' ? 'active' : nextStatus(before.status, type);
    if (!toStatus) {
      throw new errors.ValidationError(`学生当前学籍状态（${before.status}）已不允许此异动，申请未生效 (the student's status ${before.status} no longer allows ${type})`);
    }
    const changes: Changes = type === 'transfer-in' ? {} : { status: toStatus, ...(await EFFECTS[type](strapi, raw, settings, now)) };
    if (Object.keys(changes).length > 0) await strapi.db.query(STUDENT).update({ where: { id: studentId }, data: changes });
    // The integrity archive closes with the student's time at school and opens again on reinstatement.
    await followStudentStatus(strapi, studentId, toStatus, now);
    const after = await readStudent(strapi, studentId);
    await strapi.db.query(HISTORY as never).create({
      data: {
        student: studentId,
        statusChange: raw.id,
        workflow: type,
        summary: `${CHANGE_TYPE_LABELS[type]}：${fromStatus ? STUDENT_STATUS_LABELS[fromStatus] : '新转入'} → ${STUDENT_STATUS_LABELS[toStatus]}`,
        fromStatus,
        toStatus,
        before: type === 'transfer-in' ? null : snapshot(before),
        after: snapshot(after),
        occurredAt: now,
        departmentScope: after.department?.id ?? null,
        publishedAt: now,
      },
    });
    if (type === 'transfer-in') await strapi.db.query('api::status-change.status-change' as never).update({ where: { id: raw.id }, data: { student: studentId } });
    return { studentId, studentDocumentId: after.documentId, fromStatus, toStatus, before: type === 'transfer-in' ? null : snapshot(before), after: snapshot(after) };
  });
}

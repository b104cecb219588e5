/** The facts the pure eligibility and tier rules take, gathered from a stored request. */
import type { Core } from '@strapi/strapi';
import { monthsBetween } from '../../../domain/calendar-months';
import type { EligibilityFacts } from '../../../domain/eligibility';
import type { TierFacts } from '../../../domain/tier';
import { personalDataCipher } from '../../../services/personal-data';
import { withoutScope } from '../../../services/scope/context';
import { approvedChangesOf, type Raw } from '../repositories/status-change-rows';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined || value === '' ? null : Number(value));

async function historyOf(strapi: Core.Strapi, raw: Raw): Promise<EligibilityFacts['history']> {
  if (!raw.student) return { suspensions: [], majorChanges: 0, lastSuspensionCause: null };
  const past = await approvedChangesOf(strapi, raw.student.id, raw.id);
  const suspensions = past
    .filter((c) => c.type === 'suspension')
    .map((c) => ({ cause: c.suspensionCause, months: c.suspensionStart && c.suspensionEnd ? monthsBetween(c.suspensionStart, c.suspensionEnd) : 0 }));
  return {
    suspensions,
    majorChanges: past.filter((c) => c.type === 'change-of-major').length,
    lastSuspensionCause: suspensions.length > 0 ? suspensions[suspensions.length - 1].cause : null,
  };
}

/** The transferring-in student's national ID in clear (stored encrypted beside a masked copy). */
export function incomingNationalId(raw: Raw): string | null {
  const sealed = raw.incomingNationalIdCipher;
  return typeof sealed === 'string' && sealed !== '' ? personalDataCipher().decrypt(sealed) : text(raw.incomingNationalId);
}

/** Whether a student already holds this national ID: the school's own check, by blind index. */
async function onRecord(strapi: Core.Strapi, nationalId: string | null): Promise<boolean> {
  if (!nationalId) return false;
  const index = personalDataCipher().blindIndex('nationalId', nationalId.trim().toUpperCase());
  return (await withoutScope(() => strapi.db.query('api::student.student').count({ where: { nationalIdIndex: index } }))) > 0;
}

export async function eligibilityFacts(strapi: Core.Strapi, raw: Raw, today: string): Promise<EligibilityFacts> {
  const incoming = raw.type === 'transfer-in' ? incomingNationalId(raw) : null;
  const student = raw.student
    ? {
        status: raw.student.status,
        enrollmentYear: raw.student.enrollmentYear,
        majorId: raw.student.major?.id ?? null,
        classEnrollmentYear: raw.student.schoolClass?.enrollmentYear ?? null,
      }
    : null;
  return {
    type: raw.type,
    today,
    student,
    history: await historyOf(strapi, raw),
    request: {
      reason: text(raw.reason),
      studentSigned: raw.studentSigned === true,
      guardianSigned: raw.guardianSigned === true,
      documentCount: Array.isArray(raw.documents) ? raw.documents.length : 0,
      targetMajor: raw.targetMajor ? { id: raw.targetMajor.id, popular: raw.targetMajor.popular === true, restricted: raw.targetMajor.restricted === true } : null,
      targetClass: raw.targetClass ? { id: raw.targetClass.id, majorId: raw.targetClass.major?.id ?? -1, enrollmentYear: raw.targetClass.enrollmentYear } : null,
      failedCourses: numberOrNull(raw.failedCourses),
      averageScore: numberOrNull(raw.averageScore),
      majorRankPercent: numberOrNull(raw.majorRankPercent),
      suspensionCause: raw.suspensionCause ?? null,
      suspensionStart: text(raw.suspensionStart),
      suspensionEnd: text(raw.suspensionEnd),
      receivingSchool: text(raw.receivingSchool),
      receivingProvince: text(raw.receivingProvince),
      provincialApproval: text(raw.provincialApproval),
      withdrawalKind: raw.withdrawalKind ?? null,
      investigationRecord: text(raw.investigationRecord),
      noticeRecord: text(raw.noticeRecord),
      hearingRecord: text(raw.hearingRecord),
      registeredMailNumber: text(raw.registeredMailNumber),
      incomingName: text(raw.incomingName),
      incomingNationalId: incomingNationalId(raw),
      incomingNationalIdOnRecord: await onRecord(strapi, incoming),
      incomingPreviousSchool: text(raw.incomingPreviousSchool),
    },
  };
}

export function tierFacts(raw: Raw): TierFacts {
  return {
    type: raw.type,
    targetMajorPopular: raw.targetMajor?.popular === true,
    suspensionCause: raw.suspensionCause ?? null,
    suspensionStart: text(raw.suspensionStart),
    suspensionEnd: text(raw.suspensionEnd),
    receivingProvince: text(raw.receivingProvince),
    withdrawalKind: raw.withdrawalKind ?? null,
  };
}

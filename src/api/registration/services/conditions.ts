/**
 * The facts a registration's conditions are judged on (src/domain/registration.ts), read on the
 * transaction's connection: finance's fee status for the semester, the student's standing bad
 * integrity records (the integrity archive's own rule), and the uploaded proofs.
 */
import type { Core } from '@strapi/strapi';
import { integrityClearance, STANDING_STATES, type SummaryRecord } from '../../../domain/integrity';
import { registrationConditions, type ConditionResult, type FeeStatus } from '../../../domain/registration';
import { ambientConnection } from '../../../services/transaction';
import { REGISTRATION, type RegistrationRow } from '../repositories/registration-rows';

/** What one registration's conditions are judged on besides the facts read here. */
export interface ConditionSubject {
  registrationId: number;
  studentId: number;
  semesterId: number;
  newStudent: boolean;
  healthChanged: boolean;
}

const PROOF_FIELDS = ['feeProof', 'healthCertificate'] as const;

/**
 * The conditions of many registrations at once, as checkDecision judges each: three queries
 * whatever their number (fee statuses, standing bad records by student, the proofs uploaded).
 */
export async function conditionsOfMany(strapi: Core.Strapi, subjects: readonly ConditionSubject[]): Promise<Map<number, ConditionResult[]>> {
  const results = new Map<number, ConditionResult[]>();
  if (subjects.length === 0) return results;
  const db = await ambientConnection(strapi);
  const studentIds = [...new Set(subjects.map((s) => s.studentId))];
  const fees = (await db('fee_statuses')
    .whereIn('student_key', studentIds)
    .whereIn('semester_key', [...new Set(subjects.map((s) => s.semesterId))])
    .select('student_key', 'semester_key', 'status')) as Array<{ student_key: number; semester_key: number; status: FeeStatus }>;
  const feeOf = new Map(fees.map((f) => [`${f.student_key}:${f.semester_key}`, f.status]));
  const { rows: records } = (await db.raw(
    `SELECT l.student_id, r.indicator, r.kind, r.state, count(*)::int AS count
       FROM integrity_records_student_lnk l JOIN integrity_records r ON r.id = l.integrity_record_id
      WHERE l.student_id = ANY(?::int[]) AND r.kind = 'bad' AND r.state = ANY(?::text[])
      GROUP BY l.student_id, r.indicator, r.kind, r.state`,
    [studentIds, [...STANDING_STATES]],
  )) as { rows: Array<SummaryRecord & { student_id: number }> };
  const { rows: proofs } = (await db.raw(
    `SELECT DISTINCT related_id, field FROM files_related_mph WHERE related_type = ? AND related_id = ANY(?::int[]) AND field = ANY(?::text[])`,
    [REGISTRATION, subjects.map((s) => s.registrationId), [...PROOF_FIELDS]],
  )) as { rows: Array<{ related_id: number; field: string }> };
  const uploaded = new Set(proofs.map((p) => `${p.related_id}:${p.field}`));
  for (const subject of subjects) {
    const own = records.filter((r) => r.student_id === subject.studentId);
    results.set(
      subject.registrationId,
      registrationConditions({
        fee: feeOf.get(`${subject.studentId}:${subject.semesterId}`) ?? null,
        feeProof: uploaded.has(`${subject.registrationId}:feeProof`),
        integrityReasons: integrityClearance(own).reasons,
        otherUnresolved: [],
        healthCheckRequired: subject.newStudent || subject.healthChanged,
        healthCertificate: uploaded.has(`${subject.registrationId}:healthCertificate`),
      }),
    );
  }
  return results;
}

/** One registration's conditions as they stand, on the transaction's connection. */
export async function conditionsOf(strapi: Core.Strapi, row: RegistrationRow): Promise<ConditionResult[]> {
  const subject = {
    registrationId: row.raw.id as number,
    studentId: row.raw.student?.id as number,
    semesterId: row.raw.semester?.id as number,
    newStudent: Boolean(row.raw.newStudent),
    healthChanged: Boolean(row.raw.healthChanged),
  };
  return (await conditionsOfMany(strapi, [subject])).get(subject.registrationId) as ConditionResult[];
}

/**
 * The facts a registration's conditions are judged on (src/domain/registration.ts), read on the
 * transaction's connection: finance's fee status for the semester, the student's standing bad
 * integrity records (the integrity archive's own rule), and the uploaded proofs.
 */
import type { Core } from '@strapi/strapi';
import { integrityClearance, STANDING_STATES, type SummaryRecord } from '../../../domain/integrity';
import { registrationConditions, type ConditionResult, type FeeStatus } from '../../../domain/registration';
import { ambientConnection } from '../../../services/transaction';
import type { RegistrationRow } from '../repositories/registration-rows';

export async function conditionsOf(strapi: Core.Strapi, row: RegistrationRow): Promise<ConditionResult[]> {
  const db = await ambientConnection(strapi);
  const studentId = row.raw.student?.id as number;
  const semesterId = row.raw.semester?.id as number;
  const fee = await db('fee_statuses').where({ student_key: studentId, semester_key: semesterId }).first('status');
  const { rows } = (await db.raw(
    `SELECT r.indicator, r.kind, r.state, count(*)::int AS count
       FROM integrity_records_student_lnk l JOIN integrity_records r ON r.id = l.integrity_record_id
      WHERE l.student_id = ? AND r.kind = 'bad' AND r.state = ANY(?::text[])
      GROUP BY r.indicator, r.kind, r.state`,
    [studentId, [...STANDING_STATES]],
  )) as { rows: SummaryRecord[] };
  const files = (field: string) => Array.isArray(row.raw[field]) && row.raw[field].length > 0;
  return registrationConditions({
    fee: (fee?.status ?? null) as FeeStatus | null,
    feeProof: files('feeProof'),
    integrityReasons: integrityClearance(rows).reasons,
    otherUnresolved: [],
    healthCheckRequired: Boolean(row.raw.newStudent || row.raw.healthChanged),
    healthCertificate: files('healthCertificate'),
  });
}

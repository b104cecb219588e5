/** Registrations as the engine and the services read them: the workflow columns, the student, the semester. */
import type { Core } from '@strapi/strapi';
import { storedRequestRow, type RawRequest, type StoredRequestRow } from '../../../services/approval/rows';
import { withoutScope } from '../../../services/scope/context';

export const REGISTRATION = 'api::registration.registration';
export const REGISTRATION_DEFERRAL = 'api::registration-deferral.registration-deferral';
export const FEE_STATUS = 'api::fee-status.fee-status';

export type RegistrationRow = StoredRequestRow;

const POPULATE = {
  student: { select: ['id', 'documentId', 'name', 'studentNumber', 'status'], populate: { user: { select: ['id'] } } },
  department: { select: ['id', 'documentId', 'name'] },
  semester: { select: ['id', 'documentId', 'code', 'startDate', 'endDate', 'registrationWorkingDays'] },
  schoolClass: { select: ['id', 'documentId', 'name'] },
  feeProof: { select: ['id'] },
  healthCertificate: { select: ['id'] },
  otherDocuments: { select: ['id'] },
};

/** The engine's view: its state is `workflowState` (the registration's own `state` says more). */
export function registrationRow(raw: RawRequest): RegistrationRow {
  return storedRequestRow({ ...raw, state: raw.workflowState });
}

/** The registration, read past the scope (inside a transaction that has checked who may act). */
export async function loadRegistration(strapi: Core.Strapi, documentId: string): Promise<RegistrationRow> {
  const raw = (await withoutScope(() => strapi.db.query(REGISTRATION as never).findOne({ where: { documentId }, populate: POPULATE }))) as RawRequest | null;
  if (!raw) throw new Error(`registration ${documentId} vanished inside its own transaction`);
  return registrationRow(raw);
}

/** The registration if the current caller's scope reaches it. */
export async function findVisibleRegistration(strapi: Core.Strapi, documentId: string): Promise<RegistrationRow | null> {
  const seen = (await strapi.db.query(REGISTRATION as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  return seen ? loadRegistration(strapi, documentId) : null;
}

/** Our Document Service middlewares, outermost first. */
import type { Core } from '@strapi/strapi';
import { approvalChainWrites } from './approval-chain-writes';
import { archiveReads } from './archive-reads';
import { auditTrail } from './audit';
import { databaseErrors } from './database-errors';
import { feeStatusWrites } from './fee-status-writes';
import { integrityWrites } from './integrity-writes';
import { integrityReads } from './integrity-reads';
import { localeOnLocalizedTypes } from './locale';
import { organisationIntegrity } from './organisation-integrity';
import { relationArity } from './relation-arity';
import { scopeWrites } from './scope-writes';
import { staffMembership } from './staff-membership';
import { statusChangeWrites } from './status-change-writes';
import { systemRecords } from './system-records';
import { studentCreate } from './student-create';
import { studentUpdate } from './student-update';

// relationArity first: every later middleware reads a to-one relation as one target.
const MIDDLEWARES = [relationArity, databaseErrors, localeOnLocalizedTypes, auditTrail, integrityReads, archiveReads, systemRecords, integrityWrites, feeStatusWrites, statusChangeWrites, approvalChainWrites, scopeWrites, organisationIntegrity, staffMembership, studentCreate, studentUpdate];

export function registerDocumentMiddlewares(strapi: Core.Strapi): void {
  for (const middleware of MIDDLEWARES) strapi.documents.use(middleware(strapi) as never);
}

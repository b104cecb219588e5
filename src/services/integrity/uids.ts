/** The integrity archive's content types (domain.md 5); those the permission table names come from it. */
import { INTEGRITY_AMENDMENT, INTEGRITY_APPEAL, INTEGRITY_ARCHIVE, INTEGRITY_RECORD, INTEGRITY_SELF_ENTRY, INTEGRITY_THIRD_PARTY, STUDENT } from '../../domain/permissions';

export { INTEGRITY_AMENDMENT, INTEGRITY_APPEAL, INTEGRITY_ARCHIVE, INTEGRITY_RECORD, INTEGRITY_SELF_ENTRY, INTEGRITY_THIRD_PARTY, STUDENT };
export const INTEGRITY_VERSION = 'api::integrity-record-version.integrity-record-version';
export const INTEGRITY_ENTRY_RULE = 'api::integrity-entry-rule.integrity-entry-rule';
export const NOTIFICATION = 'api::notification.notification';

/** Every type of the archive: none is ever deleted. */
export const INTEGRITY_TYPES: readonly string[] = [
  INTEGRITY_ARCHIVE, INTEGRITY_RECORD, INTEGRITY_VERSION, INTEGRITY_SELF_ENTRY, INTEGRITY_THIRD_PARTY, INTEGRITY_APPEAL, INTEGRITY_AMENDMENT,
];

/** The types holding another person's integrity data: a staff member's read of them is audited. */
export const SENSITIVE_INTEGRITY_TYPES: readonly string[] = INTEGRITY_TYPES;

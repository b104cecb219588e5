/** The integrity archive's content types (domain.md 5). */
export const INTEGRITY_ARCHIVE = 'api::integrity-archive.integrity-archive';
export const INTEGRITY_RECORD = 'api::integrity-record.integrity-record';
export const INTEGRITY_VERSION = 'api::integrity-record-version.integrity-record-version';
export const INTEGRITY_ENTRY_RULE = 'api::integrity-entry-rule.integrity-entry-rule';
export const INTEGRITY_SELF_ENTRY = 'api::integrity-self-entry.integrity-self-entry';
export const INTEGRITY_THIRD_PARTY = 'api::integrity-third-party-record.integrity-third-party-record';
export const INTEGRITY_APPEAL = 'api::integrity-appeal.integrity-appeal';
export const INTEGRITY_AMENDMENT = 'api::integrity-amendment.integrity-amendment';
export const STUDENT = 'api::student.student';
export const NOTIFICATION = 'api::notification.notification';

/** Every type of the archive: none is ever deleted. */
export const INTEGRITY_TYPES: readonly string[] = [
  INTEGRITY_ARCHIVE, INTEGRITY_RECORD, INTEGRITY_VERSION, INTEGRITY_SELF_ENTRY, INTEGRITY_THIRD_PARTY, INTEGRITY_APPEAL, INTEGRITY_AMENDMENT,
];

/** The types holding another person's integrity data: a staff member's read of them is audited. */
export const SENSITIVE_INTEGRITY_TYPES: readonly string[] = INTEGRITY_TYPES;

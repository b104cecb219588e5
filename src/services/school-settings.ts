/** The school's own rule parameters (学校设置), with the regulations' defaults for what is unset. */
import type { Core } from '@strapi/strapi';
import { settingsWithDefaults, type StatusChangeSettings } from '../domain/status-change-settings';
import { withoutScope } from './scope/context';
import { DEFAULT_SUMMARY_THRESHOLDS, type SummaryThresholds } from '../domain/integrity';
import { DEFAULT_REGISTRATION_SETTINGS, type RegistrationSettings } from '../domain/registration';
import { DEFAULT_ARCHIVE_MAX_FILE_MEGABYTES, DEFAULT_ARCHIVE_SETTINGS, type ArchiveSettings } from '../domain/student-archive';

export const SCHOOL_SETTING = 'api::school-setting.school-setting';

export async function loadStatusChangeSettings(strapi: Core.Strapi): Promise<StatusChangeSettings> {
  const stored = await withoutScope(() => strapi.db.query(SCHOOL_SETTING as never).findOne({}));
  return settingsWithDefaults(stored as Record<string, unknown> | null);
}

/** The integrity archive's settings: the summary's thresholds (第二十条) and the texts' current versions. */
export interface IntegritySettings {
  thresholds: SummaryThresholds;
  commitmentVersion: string;
  agreementVersion: string;
}

export async function loadIntegritySettings(strapi: Core.Strapi): Promise<IntegritySettings> {
  const stored = ((await withoutScope(() => strapi.db.query(SCHOOL_SETTING as never).findOne({}))) ?? {}) as Record<string, unknown>;
  const int = (value: unknown, fallback: number) => (Number.isInteger(value) ? (value as number) : fallback);
  return {
    thresholds: {
      goodForExcellent: int(stored.integrityGoodForExcellent, DEFAULT_SUMMARY_THRESHOLDS.goodForExcellent),
      badForPoor: int(stored.integrityBadForPoor, DEFAULT_SUMMARY_THRESHOLDS.badForPoor),
    },
    commitmentVersion: typeof stored.integrityCommitmentVersion === 'string' ? stored.integrityCommitmentVersion : '2024-1',
    agreementVersion: typeof stored.integrityAgreementVersion === 'string' ? stored.integrityAgreementVersion : '2024-1',
  };
}

/** Registration's numbers (domain.md 4): the deferral's longest run, the missed-semester rule, the confirmation's days. */
export async function loadRegistrationSettings(strapi: Core.Strapi): Promise<RegistrationSettings> {
  const stored = ((await withoutScope(() => strapi.db.query(SCHOOL_SETTING as never).findOne({}))) ?? {}) as Record<string, unknown>;
  const int = (value: unknown, fallback: number) => (Number.isInteger(value) && (value as number) > 0 ? (value as number) : fallback);
  const d = DEFAULT_REGISTRATION_SETTINGS;
  return {
    deferralMaxDays: int(stored.registrationDeferralMaxDays, d.deferralMaxDays),
    missedInRow: int(stored.registrationMissedInRow, d.missedInRow),
    missedTotal: int(stored.registrationMissedTotal, d.missedTotal),
    confirmWorkingDays: int(stored.registrationConfirmWorkingDays, d.confirmWorkingDays),
  };
}

/** The student archive's numbers (issue 17, seed 001 三): deadlines, retention, the receipt's follow-up and the file limit. */
export interface LoadedArchiveSettings extends ArchiveSettings {
  /** Each uploaded file's limit, in bytes. */
  maxFileBytes: number;
}

export async function loadArchiveSettings(strapi: Core.Strapi): Promise<LoadedArchiveSettings> {
  const stored = ((await withoutScope(() => strapi.db.query(SCHOOL_SETTING as never).findOne({}))) ?? {}) as Record<string, unknown>;
  const int = (value: unknown, fallback: number) => (Number.isInteger(value) && (value as number) > 0 ? (value as number) : fallback);
  const d = DEFAULT_ARCHIVE_SETTINGS;
  return {
    firstArchiveWorkingDays: int(stored.archiveFirstWorkingDays, d.firstArchiveWorkingDays),
    custodyMoveMonths: int(stored.archiveCustodyMoveMonths, d.custodyMoveMonths),
    retentionYears: int(stored.archiveRetentionYears, d.retentionYears),
    receiptOverdueDays: int(stored.archiveReceiptOverdueDays, d.receiptOverdueDays),
    maxFileBytes: int(stored.archiveMaxFileMegabytes, DEFAULT_ARCHIVE_MAX_FILE_MEGABYTES) * 1024 * 1024,
  };
}

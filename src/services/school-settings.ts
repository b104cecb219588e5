/** The school's own rule parameters (学校设置), with the regulations' defaults for what is unset. */
import type { Core } from '@strapi/strapi';
import { settingsWithDefaults, type StatusChangeSettings } from '../domain/status-change-settings';
import { withoutScope } from './scope/context';

export const SCHOOL_SETTING = 'api::school-setting.school-setting';

export async function loadStatusChangeSettings(strapi: Core.Strapi): Promise<StatusChangeSettings> {
  const stored = await withoutScope(() => strapi.db.query(SCHOOL_SETTING as never).findOne({}));
  return settingsWithDefaults(stored as Record<string, unknown> | null);
}

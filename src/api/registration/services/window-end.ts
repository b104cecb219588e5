/**
 * The window's end (domain.md 4), run daily by the scheduler and on demand by academic affairs:
 * every registration whose own deadline (the window's, or the deferral's) has passed without a
 * submission becomes `missed` (`overdue` when no deferral was granted), and each student so marked
 * is checked against the missed-semester rule, which may propose a cancellation. One transaction:
 * a failure marks nobody.
 */
import type { Core } from '@strapi/strapi';
import { now as clockNow, today as schoolToday } from '../../../services/clock';
import { loadRegistrationSettings } from '../../../services/school-settings';
import { withoutScope } from '../../../services/scope/context';
import { currentActor } from '../../../services/scope/actor';
import { recordAudit } from '../../../services/audit/record';
import { notifyDepartments } from './unregistered';
import { proposeCancellations } from './proposal';

export interface WindowEndResult {
  today: string;
  missed: number;
  proposals: string[];
}

export async function closeRegistrationWindows(strapi: Core.Strapi, semesterId: number | null = null): Promise<WindowEndResult> {
  const today = schoolToday();
  const now = clockNow();
  const settings = await loadRegistrationSettings(strapi);
  const actor = await currentActor(strapi);
  return withoutScope(() =>
    strapi.db.transaction(async ({ trx }) => {
      // One run at a time across every process sharing the database.
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('registration-window-end'))`);
      const { rows } = (await trx.raw(
        `UPDATE registrations SET state = 'missed', missed_at = ?, overdue = (deferred_until IS NULL), updated_at = ?
          WHERE workflow_state IN ('draft', 'returned') AND state <> 'missed' AND deadline < ?::date
            AND (?::int IS NULL OR semester_key = ?::int)
          RETURNING student_key, semester_key, department_scope`,
        // missed_at is the school's time; updated_at the machine's, as Strapi's own writes.
        [now, new Date(), today, semesterId, semesterId],
      )) as { rows: Array<{ student_key: number; semester_key: number; department_scope: number | null }> };
      const proposals = await proposeCancellations(strapi, [...new Set(rows.map((row) => row.student_key))], settings);
      await notifyDepartments(strapi, rows, now);
      if (rows.length > 0) await recordAudit(strapi, { action: 'close-window', targetType: 'api::registration.registration', targetDocumentId: null, fields: ['state'] }, actor);
      return { today, missed: rows.length, proposals };
    }),
  );
}

/**
 * Scheduled jobs, in the school's time zone. Each is safe to run in every process at once: it
 * serialises on a database lock and changes only what is still due.
 */
import type { Core } from '@strapi/strapi';
import { closeRegistrationWindows } from '../src/api/registration/services/window-end';
import { runFollowUp } from '../src/services/archive/follow-up';
import { schoolTimeZone } from '../src/services/clock';

export default {
  // The registration window's end (domain.md 4): missed registrations, proposed cancellations, departments told.
  registrationWindows: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      const result = await closeRegistrationWindows(strapi);
      if (result.missed > 0) strapi.log.info(`[registration] ${result.missed} registrations missed; ${result.proposals.length} cancellations proposed`);
    },
    options: { rule: '10 0 * * *', tz: schoolTimeZone() },
  },
  // The archive's transfers (issue 17): receipts missing past the school's days are marked and the archive office told, once each.
  archiveReceipts: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      const result = await runFollowUp(strapi);
      if (result.newlyOverdue > 0) strapi.log.info(`[archive] ${result.newlyOverdue} transfers' receipts newly overdue; the archive office notified`);
    },
    options: { rule: '20 0 * * *', tz: schoolTimeZone() },
  },
};

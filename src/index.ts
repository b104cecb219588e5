import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './document-middlewares';
import { runSqlMigrations } from './services/migrations';
import { registerStudentGraphql } from './api/student/graphql';
import { registerRevealAdminRoute } from './services/reveal/admin-route';
import { registerAdminActions } from './bootstrap/roles';
import { assertStatusMachine } from './domain/status-transitions';
import { registerStatusChangeGraphql } from './api/status-change/graphql';
import { registerIntegrityGraphql } from './services/integrity/graphql';
import { registerRegistrationGraphql } from './api/registration/graphql';
import { installIntegrityStudentLookup } from './services/integrity/student-lookup';
import { registerStatusChangeAdminRoutes } from './api/status-change/admin-routes';
import { registerPeopleAdminRoutes } from './services/people/admin-routes';
import { keepAuditLogReadOnlyInAdmin } from './services/audit/admin-read-only';
import { registerExcelAdminRoutes } from './services/excel/admin-routes';
import { statusChangeSubject } from './api/status-change/services/subject';
import { registerApprovalSubject } from './services/approval/registry';
import { integrityAmendmentSubject, integrityAppealSubject } from './services/integrity/requests';
import { recordMachineProblems } from './domain/integrity';
import { installAuthHooks } from './services/permissions/auth-hooks';
import { shareLoginRateLimits } from './services/login-guard/shared-rate-limit-store';
import { registerPrintAdminRoutes } from './services/print/admin-routes';
import { registerDashboard } from './services/dashboard/admin-route';
import { registerOpenApi } from './openapi/register';
import { registerIntegrityAdminRoutes } from './services/integrity/admin-routes';
import { registerRegistrationAdminRoutes } from './services/registration/admin-routes';
import { registrationSubject } from './api/registration/services/subject';
import { deferralSubject } from './api/registration-deferral/services/subject';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // A status machine with unreachable or dead states is a bug: refuse to start.
    assertStatusMachine();
    registerDocumentMiddlewares(strapi);
    // Every door authenticates and verifies through strapi.auth: who may do what, once.
    installAuthHooks(strapi);
    // Login rate limits counted in PostgreSQL, the same for every process.
    shareLoginRateLimits(strapi);
    strapi.hook('strapi::content-types.afterSync').register(() => runSqlMigrations(strapi));
    registerStudentGraphql(strapi);
    registerRevealAdminRoute(strapi);
    // The approval engine's subjects: the inbox lists the requests of each.
    registerApprovalSubject(strapi, statusChangeSubject(strapi));
    registerApprovalSubject(strapi, integrityAppealSubject(strapi));
    registerApprovalSubject(strapi, integrityAmendmentSubject(strapi));
    registerApprovalSubject(strapi, registrationSubject(strapi));
    registerApprovalSubject(strapi, deferralSubject(strapi));
    const integrityMachine = recordMachineProblems();
    if (integrityMachine.length > 0) throw new Error(`The integrity record's state machine is broken:\n  ${integrityMachine.join('\n  ')}`);
    registerStatusChangeGraphql(strapi);
    registerIntegrityGraphql(strapi);
    registerRegistrationGraphql(strapi);
    installIntegrityStudentLookup(strapi);
    registerStatusChangeAdminRoutes(strapi);
    registerPrintAdminRoutes(strapi);
    // The home page's charts: their datasets and route.
    registerDashboard(strapi);
    registerPeopleAdminRoutes(strapi);
    keepAuditLogReadOnlyInAdmin(strapi);
    registerExcelAdminRoutes(strapi);
    // The integrity archive's panels: a student's 诚信档案, a record's timeline, appeals' and amendments' 审批办理.
    registerIntegrityAdminRoutes(strapi);
    registerRegistrationAdminRoutes(strapi);
    // The custom routes' part of the OpenAPI document (docs/openapi.md).
    registerOpenApi(strapi);
    // Before the admin's bootstrap, which drops role permissions whose action is not registered.
    await registerAdminActions(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const { bootstrapApplication } = await import('./bootstrap');
    await bootstrapApplication(strapi);
  },
};

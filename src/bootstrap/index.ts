/** Start-up work after the database is ready. */
import type { Core } from '@strapi/strapi';
import { seedMaterialKinds } from '../services/archive/material-kinds';
import { configureAdminViews } from './admin-views';
import { ensureRoles } from './roles';
import { importConfigOnFirstStart, syncWithoutDocumentIds } from './config-sync';
import { installRoleScreenLabels } from '../services/role-screen/install';
import { ensureApprovalChains, ensureIntegrityChains, ensureRegistrationChains, ensureSchoolSettings } from './approval-chains';
import { seedEntryRules } from '../services/integrity/entry-rules';
import { ensureOffices } from './offices';
import { installDatabaseScope } from '../services/scope/database-scope';
import { assertDataKeyMatches } from '../services/data-key-check';
import { installGracefulShutdown } from '../services/graceful-shutdown';
import { assertAuthHooks } from '../services/permissions/auth-hooks';
import { installProtectedSearchGuard } from '../services/protected-search/database-guard';
import { registerAdminCondition } from '../services/scope/admin-condition';
import { DEFAULT_SEED_PASSWORD, seedDemoData } from '../seed';
import { closePublicRegistration } from './registration';
import { equaliseAdminLoginTiming } from '../services/login-guard/admin-credentials';
import { schoolTimeZone, today } from '../services/clock';
import { ensureSemesters, seedSchoolCalendar } from '../services/school-calendar';
import { ownedFieldProblems } from '../domain/owned-fields';
import { assertScopeInPlace } from '../services/self-check';
import { assertEnumerationsAgree } from '../services/enumeration-check';
import { schoolYearOf } from '../domain/calendar-months';
import { homeWidgetsFollowRules } from '../services/home-widgets';
import { apiTokensOnlyForAccessKeys, assertReadPath, readsWithoutTransaction } from '../services/read-path';
import { assertAuthEpochTriggers, assertUsersPermissionsCached, cacheUsersPermissions, installAuthEpochTriggers, jwtSecretAsKey } from '../services/permissions/auth-cache';

async function seedOnFirstStart(strapi: Core.Strapi) {
  if (strapi.config.get('environment') !== 'development' || process.env.SEED_ON_START === 'false') return;
  const password = process.env.SEED_ADMIN_PASSWORD || DEFAULT_SEED_PASSWORD;
  const empty = (await strapi.db.query('api::department.department').count()) === 0;
  if (empty) {
    strapi.log.info('[seed] empty database: loading demo data');
    const added = await seedDemoData(strapi, password);
    strapi.log.info(`[seed] added ${added.students} students in ${added.classes} classes, ${added.staff} staff accounts`);
  }
  // `strapi develop` hides log lines while it loads: say it once the server is up.
  const tell = () => strapi.log.info(`[seed] demo logins (development only): admin@example.com and the other demo accounts, password "${password}"`);
  if (strapi.server.httpServer.listening) tell();
  else strapi.server.httpServer.once('listening', () => setTimeout(tell, 500));
}

export async function bootstrapApplication(strapi: Core.Strapi): Promise<void> {
  // A field the rules own, renamed, deleted or unlocked in the Content-Type Builder: stop here.
  const problems = ownedFieldProblems(strapi.contentTypes as never);
  if (problems.length > 0) throw new Error(`The content types no longer have the fields the rules need:\n  ${problems.join('\n  ')}`);
  await assertEnumerationsAgree(strapi);
  // An unknown SCHOOL_TIME_ZONE stops the server here, naming the setting.
  strapi.log.info(`school clock: ${today()} in ${schoolTimeZone()}`);
  // Before anything reads or writes personal data: a wrong key must stop the server here.
  await assertDataKeyMatches(strapi);
  installDatabaseScope(strapi);
  await assertScopeInPlace(strapi);
  installGracefulShutdown(strapi);
  assertAuthHooks(strapi);
  // Per-login caches keyed by the auth epoch: its triggers first, then the wrapped lookups, each checked.
  await installAuthEpochTriggers(strapi);
  await assertAuthEpochTriggers(strapi);
  cacheUsersPermissions(strapi);
  assertUsersPermissionsCached(strapi);
  jwtSecretAsKey(strapi);
  apiTokensOnlyForAccessKeys(strapi);
  // Installed after the scope, so it wraps it: personal data is checked before the scope is added.
  installProtectedSearchGuard(strapi);
  await closePublicRegistration(strapi);
  await equaliseAdminLoginTiming(strapi);
  await registerAdminCondition(strapi);
  // A fresh database takes config/sync/ first; the code then adds only what the files lack.
  syncWithoutDocumentIds(strapi);
  await importConfigOnFirstStart(strapi);
  await ensureRoles(strapi);
  installRoleScreenLabels(strapi);
  homeWidgetsFollowRules(strapi);
  // The offices before the chains, whose steps name them.
  await ensureOffices(strapi);
  await ensureApprovalChains(strapi);
  await ensureIntegrityChains(strapi);
  await ensureRegistrationChains(strapi);
  await seedEntryRules(strapi);
  await seedMaterialKinds(strapi);
  await ensureSchoolSettings(strapi);
  // Holidays and make-up days from last year on (the package's years), and this and next school year's semesters.
  const date = today();
  await seedSchoolCalendar(strapi, Number(date.slice(0, 4)) - 1);
  await ensureSemesters(strapi, schoolYearOf(date));
  await configureAdminViews(strapi);
  await seedOnFirstStart(strapi);
  // Last: its Document Service middleware must be the innermost (src/services/read-path.ts).
  readsWithoutTransaction(strapi);
  assertReadPath(strapi);
}

/**
 * What strapi-plugin-config-sync keeps in config/sync/ (docs/config-sync.md): the Content
 * Manager's views, the admin roles and the users-permissions roles with their permissions, the
 * i18n locales, and the records of what the start-up code has applied to them (so that the code,
 * running after an import, adds only what is newer than the files). Nothing secret and nothing
 * that belongs to one server.
 */

/** Core-store rows that travel with the configuration (besides every Content Manager view). */
export const SYNCED_STORE_KEYS = [
  'core_student-records_granted-permissions',
  'core_student-records_granted-fields',
  'plugin_student-records_admin-views-applied',
  'plugin_student-records_admin-views-version',
  'plugin_i18n_default_locale',
] as const;

export const CONTENT_MANAGER_VIEW_PREFIX = 'plugin_content_manager_configuration_';

/**
 * Left out, by prefix of `<type>.<name>` (the plugin's own defaults are kept besides these):
 * the super admin holds every permission by definition and Strapi rebuilds them at each start;
 * SSO and OAuth settings hold secrets; the data key's check value comes from a secret; the
 * users-permissions advanced settings and e-mail templates hold this server's URLs and sender
 * (registration is closed by src/bootstrap/registration.ts); the upload plugin's settings and
 * metrics, the demo accounts' ids and the calendar's seeded years describe this database's data.
 */
export const EXCLUDED_CONFIG = [
  'admin-role.strapi-super-admin',
  'core-store.core_admin_',
  'core-store.core_student-records_calendar-seeded-years',
  'core-store.core_student-records_data-key-check',
  'core-store.plugin_student-records_seeded-accounts',
  'core-store.plugin_upload_',
  'core-store.plugin_users-permissions_',
  'core-store.strapi_',
  'core-store.ee_',
  // The OpenAPI plugin's settings hold its access password, and the plugin is loaded only where
  // the documentation UI is open (outside production): per server.
  'core-store.plugin_documentation_',
];

/** The plugin's configuration (config/plugins.ts). */
export function configSyncConfig() {
  return {
    // CONFIG_SYNC_DIR: another folder (the tests' own), relative to the project or absolute, ending in /.
    syncDir: process.env.CONFIG_SYNC_DIR || 'config/sync/',
    minify: false,
    // An import makes the database equal to the files: a row the files lack is deleted.
    soft: false,
    // Imported by the project's own start-up on a fresh database only (src/bootstrap/config-sync.ts):
    // the plugin's importOnBootstrap would overwrite, at every start, what an admin changed since the last export.
    importOnBootstrap: false,
    excludedTypes: [],
    excludedConfig: [
      // The plugin's defaults, which a list given here replaces.
      'core-store.plugin_users-permissions_grant',
      'core-store.plugin_upload_metrics',
      'core-store.plugin_upload_api-folder',
      'core-store.strapi_content_types_schema',
      'core-store.ee_information',
      ...EXCLUDED_CONFIG,
    ],
  };
}

/** Hands the description of our custom routes to the documentation plugin, when it is loaded. */
import type { Core } from '@strapi/strapi';
import { customPaths } from './paths';
import { rosterSchemas } from './roster-paths';
import { sharedSchemas } from './schemas';

export function registerOpenApi(strapi: Core.Strapi): void {
  const plugin = strapi.plugin('documentation');
  if (!plugin) return;
  plugin.service('override').registerOverride({ paths: customPaths(), components: { schemas: { ...sharedSchemas(), ...rosterSchemas() } } });
}

/**
 * Who computes each home-page dataset: a feature registers its provider once at start-up
 * (`register()`), for a name declared in DASHBOARD_DATASETS (src/domain/dashboard.ts). Every
 * declared dataset must have a provider by the time the database is up, or the server refuses to
 * start, naming it.
 */
import type { Core } from '@strapi/strapi';
import { DASHBOARD_DATASETS, datasetDeclaration, type DatasetBody } from '../../domain/dashboard';
import type { Actor } from '../scope/actor';

export interface DatasetContext {
  /** The caller: their scope limits every count (`scopeSql`). */
  actor: Actor;
  /** Today at the school (src/services/clock.ts). */
  today: string;
}

export interface DatasetProvider {
  name: string;
  load(strapi: Core.Strapi, context: DatasetContext): Promise<DatasetBody>;
}

const registries = new WeakMap<Core.Strapi, Map<string, DatasetProvider>>();

function registryOf(strapi: Core.Strapi): Map<string, DatasetProvider> {
  let registry = registries.get(strapi);
  if (!registry) registries.set(strapi, (registry = new Map()));
  return registry;
}

export function registerDashboardDataset(strapi: Core.Strapi, provider: DatasetProvider): void {
  if (!datasetDeclaration(provider.name)) throw new Error(`dashboard dataset '${provider.name}' is not declared in src/domain/dashboard.ts`);
  const registry = registryOf(strapi);
  if (registry.has(provider.name)) throw new Error(`dashboard dataset '${provider.name}' is registered twice`);
  registry.set(provider.name, provider);
}

export function dashboardProvider(strapi: Core.Strapi, name: string): DatasetProvider | undefined {
  return registryOf(strapi).get(name);
}

/** Declared datasets without a provider: a declaration a feature forgot to serve. */
export function assertDashboardProviders(strapi: Core.Strapi): void {
  const missing = DASHBOARD_DATASETS.filter((d) => !registryOf(strapi).has(d.name)).map((d) => d.name);
  if (missing.length > 0) throw new Error(`dashboard datasets declared without a provider: ${missing.join(', ')}`);
}

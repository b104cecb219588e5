/** The dataset registry: only declared datasets, each once, and every declaration served. */
import type { Core } from '@strapi/strapi';
import { DASHBOARD_DATASETS } from '../../src/domain/dashboard';
import { assertDashboardProviders, dashboardProvider, registerDashboardDataset, type DatasetProvider } from '../../src/services/dashboard/registry';

const provider = (name: string): DatasetProvider => ({ name, load: async () => ({ unit: '人', coverage: { kind: 'school' }, period: null, categoryHeading: '系部', categories: [], series: [], filters: [], cells: [] }) });
const fakeStrapi = () => ({}) as unknown as Core.Strapi;

test('a provider for a name that is not declared is refused', () => {
  expect(() => registerDashboardDataset(fakeStrapi(), provider('graduation-eligibility'))).toThrow(/not declared/);
});

test('a dataset registered twice is refused', () => {
  const strapi = fakeStrapi();
  registerDashboardDataset(strapi, provider(DASHBOARD_DATASETS[0].name));
  expect(() => registerDashboardDataset(strapi, provider(DASHBOARD_DATASETS[0].name))).toThrow(/twice/);
});

test('a declared dataset without a provider stops the start, naming it', () => {
  const strapi = fakeStrapi();
  registerDashboardDataset(strapi, provider(DASHBOARD_DATASETS[0].name));
  const missing = DASHBOARD_DATASETS.slice(1).map((d) => d.name);
  expect(() => assertDashboardProviders(strapi)).toThrow(new RegExp(missing.join('|')));
  for (const name of missing) registerDashboardDataset(strapi, provider(name));
  expect(() => assertDashboardProviders(strapi)).not.toThrow();
  expect(dashboardProvider(strapi, DASHBOARD_DATASETS[0].name)?.name).toBe(DASHBOARD_DATASETS[0].name);
});

/**
 * One home-page widget per declared dataset (src/domain/dashboard.ts), shown to roles holding the
 * permission the declaration names (the same STAFF_ACTIONS entry the server checks).
 */
import { ChartPie } from '@strapi/icons';
import { DASHBOARD_DATASETS } from '../../domain/dashboard';
import { STAFF_ACTIONS } from '../../domain/permissions';
import { dashboardDatasets, prefetch } from './home-data';

export const widgetTitleId = (name: string) => `student-records.dashboard.${name}`;

export function dashboardWidgets() {
  return DASHBOARD_DATASETS.map((dataset) => {
    const requirement = STAFF_ACTIONS[dataset.permission];
    return {
      id: `dashboard-${dataset.name}`,
      icon: ChartPie,
      title: { id: widgetTitleId(dataset.name), defaultMessage: dataset.title },
      // The numbers are asked for while the chart's code (ECharts) loads, not after.
      component: async () => {
        prefetch(dashboardDatasets);
        return (await import('./ChartWidget')).datasetWidget(dataset.name);
      },
      permissions: [{ action: requirement.action, subject: requirement.subject ?? undefined }],
    };
  });
}

/** The titles under their message ids, for the zh-Hans translations (no MISSING_TRANSLATION). */
export const DASHBOARD_MESSAGES: Record<string, string> = {
  'student-records.widget.inbox': '待办',
  'student-records.inbox': '待我审批',
  ...Object.fromEntries(DASHBOARD_DATASETS.map((dataset) => [widgetTitleId(dataset.name), dataset.title])),
};

/** Adds the Excel menu (export, template, import) to the Content Manager's list view. Called from the admin app's bootstrap. */
import type { StrapiApp } from '@strapi/strapi/admin';
import { ExcelActions } from './components/ExcelActions';

export function registerExcelActions(app: StrapiApp): void {
  const plugin = app.getPlugin('content-manager') as unknown as { injectComponent?: (view: string, zone: string, component: { name: string; Component: React.ComponentType }) => void };
  plugin.injectComponent?.('listView', 'actions', { name: 'student-records-excel', Component: ExcelActions });
}

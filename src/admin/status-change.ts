/**
 * Adds the status-change panels to the Content Manager's edit view: "审批办理" on status changes
 * and "变动内容" on status-history entries. Called from the admin app's bootstrap.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { StatusChangePanel } from './components/StatusChangePanel';
import { StatusHistoryPanel } from './components/StatusHistoryPanel';
import { ClassPrintPanel } from './components/ClassPrintPanel';

export function registerStatusChangePanels(app: StrapiApp): void {
  const apis = app.getPlugin('content-manager').apis as { addEditViewSidePanel?: (panels: PanelComponent[]) => void };
  // A class's roster is printed from its edit view.
  apis.addEditViewSidePanel?.([StatusChangePanel, StatusHistoryPanel, ClassPrintPanel]);
}

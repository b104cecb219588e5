/**
 * Adds the integrity archive's panels to the Content Manager's edit view: "诚信档案" on students
 * "审批办理" on appeals and amendments, "记录状态与版本" on records. Called from the admin app's bootstrap.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { IntegrityPanel } from './components/IntegrityPanel';
import { IntegrityRequestPanel } from './components/IntegrityRequestPanel';
import { IntegrityRecordPanel } from './components/IntegrityRecordPanel';

export function registerIntegrityPanels(app: StrapiApp): void {
  const apis = app.getPlugin('content-manager').apis as { addEditViewSidePanel?: (panels: PanelComponent[]) => void };
  apis.addEditViewSidePanel?.([IntegrityPanel, IntegrityRequestPanel, IntegrityRecordPanel]);
}

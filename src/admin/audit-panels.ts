/**
 * Adds the readable side panels of issue 14 to the Content Manager's edit view: "日志详情" on audit
 * entries and "学籍异动与变动记录" on students. Called from the admin app's bootstrap.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { AuditEntryPanel } from './components/AuditEntryPanel';
import { StudentRecordsPanel } from './components/StudentRecordsPanel';

export function registerAuditPanels(app: StrapiApp): void {
  const apis = app.getPlugin('content-manager').apis as { addEditViewSidePanel?: (panels: PanelComponent[]) => void };
  apis.addEditViewSidePanel?.([AuditEntryPanel, StudentRecordsPanel]);
}

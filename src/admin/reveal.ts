/**
 * Adds the "查看完整个人信息" panel to the Content Manager's edit view (students only, for roles
 * that may reveal). Called from the admin app's bootstrap.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { RevealPanel } from './components/RevealPanel';

export function registerRevealPanel(app: StrapiApp): void {
  const apis = app.getPlugin('content-manager').apis as { addEditViewSidePanel?: (panels: PanelComponent[]) => void };
  apis.addEditViewSidePanel?.([RevealPanel]);
}

/** Adds the 审批办理 panel to the edit view of registrations and deferral applications (admin bootstrap). */
import type { StrapiApp } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { RegistrationPanel } from './components/RegistrationPanel';

export function registerRegistrationPanels(app: StrapiApp): void {
  const apis = app.getPlugin('content-manager').apis as { addEditViewSidePanel?: (panels: PanelComponent[]) => void };
  apis.addEditViewSidePanel?.([RegistrationPanel]);
}

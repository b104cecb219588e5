/**
 * Adds the readable side panels of issue 14 to the Content Manager's edit view: "日志详情" on audit
 * entries and "学籍异动与变动记录" on students; and takes 删除记录 out of an audit entry's menu, where
 * nobody holds the permission (src/services/audit/admin-read-only.ts) and it would only show disabled.
 * Called from the admin app's bootstrap.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import type { DocumentActionComponent, PanelComponent } from '@strapi/content-manager/strapi-admin';
import { AUDIT_LOG } from './audit-view';
import { AuditEntryPanel } from './components/AuditEntryPanel';
import { StudentRecordsPanel } from './components/StudentRecordsPanel';

type Apis = {
  addEditViewSidePanel?: (panels: PanelComponent[]) => void;
  addDocumentAction?: (reduce: (actions: DocumentActionComponent[]) => DocumentActionComponent[]) => void;
};

/** The action, except on audit entries (a given edit view's model never changes, so its hooks keep their order). */
function notOnAuditLog(action: DocumentActionComponent): DocumentActionComponent {
  const wrapped: DocumentActionComponent = (props) => (props.model === AUDIT_LOG ? null : action(props));
  wrapped.type = action.type;
  wrapped.position = action.position;
  return wrapped;
}

export function registerAuditPanels(app: StrapiApp): void {
  const apis = app.getPlugin('content-manager').apis as Apis;
  apis.addEditViewSidePanel?.([AuditEntryPanel, StudentRecordsPanel]);
  apis.addDocumentAction?.((actions) => actions.map((action) => (action.type === 'delete' ? notOnAuditLog(action) : action)));
}

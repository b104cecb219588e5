/** Registers the rules of content-manager-rules.ts with the Content Manager (admin bootstrap). */
import type { StrapiApp } from '@strapi/strapi/admin';
import { actionOffered, createFormLayout, saveAllowed } from './content-manager-rules';

type Props = { model?: string; document?: { state?: unknown } | null };
type Description = { disabled?: boolean; label?: unknown } & Record<string, unknown>;
type Action = ((props: Props) => Description | null) & { type?: string; position?: unknown };
type ActionList = (actions: Action[]) => Action[];

/** The action, called as before (it uses hooks: always called), answered only where it is offered. */
function ruled(action: Action): Action {
  const wrapped = ((props: Props) => {
    const description = action(props);
    if (!actionOffered(action.type, props.model)) return null;
    if (action.type === 'update' && description && !saveAllowed(props.model, props.document)) {
      return { ...description, disabled: true, label: '审批中，不能修改' };
    }
    return description;
  }) as Action;
  for (const key of Object.keys(action)) (wrapped as unknown as Record<string, unknown>)[key] = (action as unknown as Record<string, unknown>)[key];
  Object.defineProperty(wrapped, 'name', { value: action.name });
  wrapped.type = action.type;
  wrapped.position = action.position;
  return wrapped;
}

export function registerContentManagerRules(app: StrapiApp): void {
  const apis = app.getPlugin('content-manager').apis as {
    addDocumentAction?: (list: ActionList) => void;
    addDocumentHeaderAction?: (list: ActionList) => void;
    addBulkAction?: (list: ActionList) => void;
  };
  apis.addDocumentAction?.((actions) => actions.map(ruled));
  apis.addDocumentHeaderAction?.((actions) => actions.map(ruled));
  apis.addBulkAction?.((actions) => actions.map(ruled));
  app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', ({ layout, query }: { layout: { layout: unknown }; query: unknown }) => ({
    layout: createFormLayout(layout, window.location.pathname),
    query,
  }));
}

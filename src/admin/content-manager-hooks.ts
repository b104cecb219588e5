/** Registers the rules of content-manager-rules.ts with the Content Manager (admin bootstrap). */
import * as React from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { adminApi, useQueryParams, type StrapiApp } from '@strapi/strapi/admin';
import { buildValidParams } from '@strapi/content-manager/strapi-admin';
import { AUDIT_FORM_HIDDEN, AUDIT_LOG, ENTRY_TITLE_FIELD } from './audit-view';
import { actionOffered, createFormLayout, documentTag, formOf, FLOW_ONLY_SAVE_LABEL, flowOnly, lockedFormLayout, lockedSaveLabel, saveAllowed, TITLED_BY_PANEL, withLock, withoutFields } from './content-manager-rules';

type EditLayout = { layout: unknown; settings?: Record<string, unknown> };
type Props = { model?: string; document?: { state?: unknown } | null };
type Description = { disabled?: boolean; label?: unknown } & Record<string, unknown>;
type Action = ((props: Props) => Description | null) & { type?: string; position?: unknown };
type ActionList = (actions: Action[]) => Action[];

/** The action, called as before (it uses hooks: always called), answered only where it is offered. */
function ruled(action: Action): Action {
  const wrapped = ((props: Props) => {
    const description = action(props);
    if (!actionOffered(action.type, props.model)) return null;
    // Written by their flow only (registrations, deferrals): the form has nothing to save.
    if (action.type === 'update' && description && flowOnly(props.model)) return { ...description, disabled: true, label: FLOW_ONLY_SAVE_LABEL };
    if (action.type === 'update' && description && !saveAllowed(props.model, props.document)) {
      return { ...description, disabled: true, label: lockedSaveLabel(props.document?.state) };
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
  app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', ({ layout, query }: { layout: EditLayout; query: unknown }) => {
    const path = window.location.pathname;
    const edit = lockedFormLayout(createFormLayout(layout, path), path);
    const { model } = formOf(path);
    // A registration has no name of its own: its heading is the title its panel computes (useDocumentTitle).
    if (model && TITLED_BY_PANEL.has(model)) return { layout: { ...edit, settings: { ...edit.settings, mainField: ENTRY_TITLE_FIELD } }, query };
    if (model !== AUDIT_LOG) return { layout: edit, query };
    // An audit entry's heading: the title its panel computes (useDocumentTitle), not its reason; its time is in the panel.
    return { layout: { ...withoutFields(edit, AUDIT_FORM_HIDDEN), settings: { ...edit.settings, mainField: ENTRY_TITLE_FIELD } }, query };
  });
}

type Thunk = Parameters<ReturnType<typeof useDispatch>>[0];
type Configuration = { contentType?: { settings?: Record<string, unknown> } };
// The Content Manager's endpoints are injected into the admin's API at run time; its typings do not list them.
const invalidateTags = adminApi.util.invalidateTags as unknown as (tags: Array<{ type: string; id: string }>) => Thunk;
const updateDocument = adminApi.util.updateQueryData as unknown as (endpoint: 'getDocument', args: Record<string, unknown>, update: (draft: { data?: Record<string, unknown> }) => void) => Thunk;
const updateConfiguration = adminApi.util.updateQueryData as unknown as (endpoint: 'getContentTypeConfiguration', uid: string, update: (draft: Configuration) => void) => Thunk;
type DocumentSelector = (state: unknown) => { data?: { data?: Record<string, unknown> } };
const documentEndpoint = () => (adminApi.endpoints as unknown as { getDocument?: { select(args: Record<string, unknown>): DocumentSelector } }).getDocument;

/**
 * What a workflow action changed on the server, shown everywhere in the edit view: the Content
 * Manager keeps the document in RTK Query under its Document tag; invalidating it refetches the
 * form, the document actions (the save button) and the side panels (the 信息 box).
 */
export function useRefreshDocument(model: string, documentId: string): () => void {
  const dispatch = useDispatch();
  return React.useCallback(() => {
    dispatch(invalidateTags([documentTag(model, documentId)]));
  }, [dispatch, model, documentId]);
}

/**
 * The form's fields read-only while `locked`: the lock goes into the type's cached edit
 * configuration, which the layout hook above reads (lockedFormLayout), and leaves with the view.
 */
export function useFormLock(model: string, documentId: string, locked: boolean): void {
  const dispatch = useDispatch();
  React.useEffect(() => {
    const set = (on: boolean) =>
      dispatch(
        updateConfiguration('getContentTypeConfiguration', model, (draft) => {
          if (draft.contentType) draft.contentType.settings = withLock(draft.contentType.settings ?? {}, documentId, on);
        }),
      );
    set(locked);
    return () => {
      set(false);
    };
  }, [dispatch, model, documentId, locked]);
}

/**
 * Gives the edit view's heading a title the document has no field for: written into the cached
 * document under ENTRY_TITLE_FIELD, which the layout hook makes the main field (audit entries).
 * Written again whenever the cached document lacks it: a refetch (useRefreshDocument, after a
 * panel's action) brings the document without it, and the heading would read 未命名.
 */
export function useDocumentTitle(model: string, collectionType: string, documentId: string, title: string): void {
  const dispatch = useDispatch();
  const [{ query }] = useQueryParams();
  const args = React.useMemo(() => ({ collectionType, model, documentId, params: buildValidParams(query) }), [collectionType, model, documentId, query]);
  const select = React.useMemo(() => documentEndpoint()?.select(args), [args]);
  // undefined until the document is loaded; then its title as cached (null: none).
  const cached = useSelector((state: unknown) => {
    const data = select?.(state).data?.data;
    return data ? (data[ENTRY_TITLE_FIELD] ?? null) : undefined;
  });
  React.useEffect(() => {
    if (cached === title) return;
    dispatch(
      updateDocument('getDocument', args, (draft) => {
        if (draft.data) draft.data[ENTRY_TITLE_FIELD] = title;
      }),
    );
  }, [dispatch, args, title, cached]);
}

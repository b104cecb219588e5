/**
 * Applies VIEW_SETTINGS to the Content Manager once per settings version, so that an admin's
 * later changes in "Configure the view" are kept across restarts. A new version is merged, not
 * imposed: what the admin changed since the last version was applied (a label, the list columns,
 * the sort, a field the admin added to the type and placed in the form) stays as the admin left
 * it; only what the admin did not touch takes the new settings. Keys are content types
 * (`api::...`) or components (`category.name`).
 */
import type { Core } from '@strapi/strapi';
import { VIEW_SETTINGS, VIEW_SETTINGS_VERSION, type ViewSettings } from './admin-view-settings';

type Metadata = { edit: Record<string, unknown>; list: Record<string, unknown> };
export interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
}

function applySettings(configuration: Configuration, view: ViewSettings): Configuration {
  const metadatas = { ...configuration.metadatas };
  const shown = new Set(view.edit.flat().map(([name]) => name));
  for (const [field, metadata] of Object.entries(metadatas)) {
    const label = view.labels[field];
    const description = view.descriptions?.[field];
    const mainField = view.relationMainFields?.[field];
    metadatas[field] = {
      edit: {
        ...metadata.edit,
        ...(label ? { label } : {}),
        ...(description ? { description } : {}),
        ...(mainField ? { mainField } : {}),
        visible: shown.has(field) || field === 'id',
        editable: !view.readOnly?.includes(field),
      },
      list: { ...metadata.list, ...(label ? { label } : {}), ...(mainField ? { mainField } : {}) },
    };
  }
  return {
    settings: { ...configuration.settings, mainField: view.mainField, defaultSortBy: view.defaultSortBy, defaultSortOrder: view.defaultSortOrder ?? 'ASC' },
    metadatas,
    layouts: {
      list: view.list,
      edit: view.edit.map((row) => row.filter(([name]) => name in metadatas).map(([name, size]) => ({ name, size }))),
    },
  };
}

/** A field of the configuration the settings do not know: the admin added it to the type. */
function adminAdded(field: string, view: ViewSettings, base: ViewSettings | null): boolean {
  const known = (v: ViewSettings | null) => Boolean(v && (field in v.labels || v.list.includes(field) || v.edit.some((row) => row.some(([name]) => name === field))));
  return field !== 'id' && !known(view) && !known(base);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The new settings over the admin's configuration: `base` is what the previous version applied
 * (null before this merge existed: then only the admin's added fields are recognised).
 */
export function mergeSettings(current: Configuration, view: ViewSettings, base: ViewSettings | null): Configuration {
  const next = applySettings(current, view);
  const applied = base ? applySettings(current, base) : null;
  // Labels the admin changed since `base` was applied.
  for (const [field, metadata] of Object.entries(current.metadatas)) {
    const before = applied?.metadatas[field];
    if (!before || !next.metadatas[field]) continue;
    for (const part of ['edit', 'list'] as const) {
      const label = metadata[part].label;
      if (label !== undefined && label !== before[part].label) next.metadatas[field][part] = { ...next.metadatas[field][part], label };
    }
  }
  // The list columns and the sort, when the admin changed them.
  if (applied && !same(current.layouts.list, applied.layouts.list)) next.layouts.list = current.layouts.list;
  for (const key of ['mainField', 'defaultSortBy', 'defaultSortOrder']) {
    if (applied && current.settings[key] !== applied.settings[key]) next.settings[key] = current.settings[key];
  }
  // Fields the admin added keep their place in the form and the list, and stay visible.
  const added = Object.keys(current.metadatas).filter((field) => adminAdded(field, view, base));
  for (const field of added) {
    const rows = current.layouts.edit.filter((row) => row.some((cell) => cell.name === field));
    for (const row of rows) next.layouts.edit.push(row.filter((cell) => cell.name === field));
    next.metadatas[field].edit = { ...current.metadatas[field].edit };
    if (current.layouts.list.includes(field) && !next.layouts.list.includes(field)) next.layouts.list.push(field);
  }
  return next;
}

export async function configureAdminViews(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'student-records' });
  if (((await store.get({ key: 'admin-views-version' })) as number | null) === VIEW_SETTINGS_VERSION) return;
  // What the previous version applied, to tell the admin's changes from the settings' own.
  const applied = ((await store.get({ key: 'admin-views-applied' })) as Record<string, ViewSettings> | null) ?? {};
  const firstTime = ((await store.get({ key: 'admin-views-version' })) as number | null) === null;
  const contentManager = strapi.plugin('content-manager');
  for (const [uid, view] of Object.entries(VIEW_SETTINGS)) {
    const component = strapi.components[uid as keyof typeof strapi.components];
    // Components are configured by their own service, with the same shape of configuration.
    const service = contentManager.service(component ? 'components' : 'content-types');
    const model = component ?? strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
    if (!model) throw new Error(`VIEW_SETTINGS names ${uid}, which is neither a content type nor a component`);
    const configuration = (await service.findConfiguration(model)) as Configuration;
    await service.updateConfiguration(model, firstTime ? applySettings(configuration, view) : mergeSettings(configuration, view, applied[uid] ?? null));
  }
  await store.set({ key: 'admin-views-applied', value: VIEW_SETTINGS });
  await store.set({ key: 'admin-views-version', value: VIEW_SETTINGS_VERSION });
}

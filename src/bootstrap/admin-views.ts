/**
 * Applies VIEW_SETTINGS to the Content Manager once per settings version, so that an admin's
 * later changes in "Configure the view" are kept across restarts. Keys are content types
 * (`api::...`) or components (`category.name`).
 */
import type { Core } from '@strapi/strapi';
import { VIEW_SETTINGS, VIEW_SETTINGS_VERSION, type ViewSettings } from './admin-view-settings';

type Metadata = { edit: Record<string, unknown>; list: Record<string, unknown> };
interface Configuration {
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

export async function configureAdminViews(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'student-records' });
  if (((await store.get({ key: 'admin-views-version' })) as number | null) === VIEW_SETTINGS_VERSION) return;
  const contentManager = strapi.plugin('content-manager');
  for (const [uid, view] of Object.entries(VIEW_SETTINGS)) {
    const component = strapi.components[uid as keyof typeof strapi.components];
    // Components are configured by their own service, with the same shape of configuration.
    const service = contentManager.service(component ? 'components' : 'content-types');
    const model = component ?? strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
    if (!model) throw new Error(`VIEW_SETTINGS names ${uid}, which is neither a content type nor a component`);
    const configuration = (await service.findConfiguration(model)) as Configuration;
    await service.updateConfiguration(model, applySettings(configuration, view));
  }
  await store.set({ key: 'admin-views-version', value: VIEW_SETTINGS_VERSION });
}

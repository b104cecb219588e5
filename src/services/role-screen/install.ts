/**
 * The role screen (Settings > 角色 > a role) in Chinese. Strapi's sections builder names a
 * content type by its singularName (`student`), a field by its attribute name (`studentNumber`)
 * and the plugin and settings permissions in English; handlers added through its supported
 * `addHandler` run after Strapi's own for each action and give the type's displayName, the
 * field's label from the Content Manager's view (what the admin reads in the forms) and
 * ROLE_SCREEN_TEXT. Only labels change: the values the screen saves (actions, subjects, field
 * paths) stay as they are.
 */
import type { Core } from '@strapi/strapi';
import { FIELDS_WITHOUT_LABEL, ROLE_SCREEN_TEXT } from './labels';

interface FieldNode { label: string; value: string; children?: FieldNode[] }
interface Subject { uid: string; label: string; properties: FieldNode[] }
/** The actions' own labels are left: the screen looks them up as `Settings.roles.form.permissions.<label>`, which zh-Hans has. */
interface ContentTypesSection { subjects: Subject[] }
interface PluginOrSetting { displayName: string; plugin?: string; category?: string; subCategory?: string }
type Metadatas = Record<string, { edit?: { label?: string } }>;
type Model = { uid: string; info: { displayName?: string }; attributes: Record<string, { type: string; component?: string }> };

const PROPERTY_LABELS: Readonly<Record<string, string>> = { fields: '字段', locales: '语言' };

/** Strapi's text in Chinese, or as it was. */
export function translated(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return ROLE_SCREEN_TEXT[text] ?? ROLE_SCREEN_TEXT[text.toLowerCase()] ?? text;
}

async function viewLabels(strapi: Core.Strapi, model: Model, component: boolean): Promise<Metadatas> {
  const service = strapi.plugin('content-manager').service(component ? 'components' : 'content-types') as unknown as { findConfiguration(model: Model): Promise<{ metadatas?: Metadatas }> };
  return (await service.findConfiguration(model)).metadatas ?? {};
}

async function relabelFields(strapi: Core.Strapi, nodes: FieldNode[], model: Model, component: boolean): Promise<void> {
  const metadatas = await viewLabels(strapi, model, component);
  for (const node of nodes) {
    const viewLabel = metadatas[node.value]?.edit?.label;
    node.label = viewLabel && viewLabel !== node.value ? viewLabel : FIELDS_WITHOUT_LABEL[node.value] ?? node.label;
    const attribute = model.attributes[node.value];
    const nested = attribute?.type === 'component' && attribute.component ? (strapi.components[attribute.component as never] as unknown as Model) : null;
    if (node.children && nested) await relabelFields(strapi, node.children, nested, true);
  }
}

function contentTypesHandler(strapi: Core.Strapi) {
  const done = new WeakSet<object>();
  return async ({ section }: { section: ContentTypesSection }) => {
    for (const subject of section.subjects) {
      const model = strapi.contentTypes[subject.uid as never] as unknown as Model | undefined;
      if (!model) continue;
      subject.label = translated(model.info.displayName) || subject.label;
      for (const property of subject.properties) {
        if (done.has(property)) continue;
        done.add(property);
        property.label = PROPERTY_LABELS[property.value] ?? property.label;
        if (property.value === 'fields' && property.children) await relabelFields(strapi, property.children, model, false);
      }
    }
  };
}

function pluginsAndSettingsHandler() {
  const done = new WeakSet<object>();
  return async ({ section }: { section: PluginOrSetting[] }) => {
    for (const item of section) {
      if (done.has(item)) continue;
      done.add(item);
      item.displayName = translated(item.displayName) ?? item.displayName;
      item.subCategory = translated(item.subCategory);
      item.category = translated(item.category);
      // The screen prints the plugin's name after its last `::`, capitalised.
      if (item.plugin) item.plugin = translated(item.plugin.split('::').pop());
    }
  };
}

type SectionsBuilder = { addHandler(section: string, handler: (options: never) => Promise<void>): unknown };

export function installRoleScreenLabels(strapi: Core.Strapi): void {
  const builder = (strapi.service('admin::permission') as unknown as { sectionsBuilder: SectionsBuilder }).sectionsBuilder;
  builder.addHandler('collectionTypes', contentTypesHandler(strapi));
  builder.addHandler('singleTypes', contentTypesHandler(strapi));
  builder.addHandler('plugins', pluginsAndSettingsHandler());
  builder.addHandler('settings', pluginsAndSettingsHandler());
}

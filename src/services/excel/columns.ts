/**
 * One column definition per content type, for the export and the admission template alike (issue
 * 14): read at run time from the type's schema and its Content Manager configuration, so a field
 * an admin adds in the Content-Type Builder (and labels in "Configure the view") shows up in both.
 * Headers are the Content Manager's labels (src/bootstrap/admin-view-settings.ts puts them there);
 * enumeration values are shown by their Chinese names (src/domain/enum-labels.ts).
 */
import type { Core } from '@strapi/strapi';
import { VIEW_SETTINGS } from '../../bootstrap/admin-view-settings';
import { ENUM_LABELS, STATE_LABELS, ARCHIVE_FIELD_LABELS } from '../../domain/enum-labels';
import { INTEGRITY_FIELD_LABELS } from '../../domain/integrity-field-labels';

export type ColumnKind = 'text' | 'number' | 'boolean' | 'enumeration' | 'date' | 'datetime' | 'relation' | 'list';

export interface Column {
  field: string;
  header: string;
  kind: ColumnKind;
  /** Enumeration values and their Chinese names, in schema order. */
  options?: Array<{ value: string; label: string }>;
  /** For a relation: the target and the field of it that names the record. */
  target?: string;
  mainField?: string;
  /** Stored masked, with the clear value in `<field>Cipher` (src/services/personal-data.ts). */
  protected: boolean;
  required: boolean;
  maxLength?: number;
  /** False for the system's own fields; true for fields an admin may change or added. */
  configurable: boolean;
}

interface Attribute {
  type: string;
  enum?: string[];
  relation?: string;
  target?: string;
  private?: boolean;
  required?: boolean;
  maxLength?: number;
  configurable?: boolean;
}

/** Columns the system keeps for itself: never exported, whatever the schema says. */
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'departmentScope']);
/** Accounts are logins, not data about the record. */
const ACCOUNT_TYPES = new Set(['admin::user', 'plugin::users-permissions.user']);
const TO_ONE = new Set(['oneToOne', 'manyToOne']);
const KINDS: Record<string, ColumnKind> = {
  string: 'text', text: 'text', email: 'text', uid: 'text', richtext: 'text', blocks: 'text',
  integer: 'number', biginteger: 'number', decimal: 'number', float: 'number',
  boolean: 'boolean', enumeration: 'enumeration', date: 'date', datetime: 'datetime', time: 'text', json: 'list',
};

/** Values whose name differs for one type's field from ENUM_LABELS (a request's `withdrawn` is 已撤回). */
const OWN_LABELS: Record<string, Record<string, Record<string, string>>> = {
  'api::status-change.status-change': { state: STATE_LABELS },
  ...INTEGRITY_FIELD_LABELS,
  ...ARCHIVE_FIELD_LABELS,
};

type Metadata = { edit?: { label?: string; mainField?: unknown }; list?: { label?: string; mainField?: unknown } };
interface Configuration {
  settings?: { mainField?: string };
  metadatas?: Record<string, Metadata>;
}

function kindOf(name: string, attribute: Attribute, attributes: Record<string, Attribute>): ColumnKind | null {
  if (SYSTEM_FIELDS.has(name) || attribute.private || attribute.type === 'password') return null;
  // Ciphers and blind indexes are private; the check also covers a schema that forgot to say so.
  if (/(Cipher|Index)$/.test(name) && attributes[name.replace(/(Cipher|Index)$/, '')]) return null;
  if (attribute.type === 'relation') {
    const single = TO_ONE.has(attribute.relation ?? '') && attribute.target && !ACCOUNT_TYPES.has(attribute.target);
    return single ? 'relation' : null;
  }
  return KINDS[attribute.type] ?? null;
}

const nameOfField = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value && typeof value === 'object' && 'name' in value ? String((value as { name: unknown }).name) : undefined;

async function configurationOf(strapi: Core.Strapi, uid: string): Promise<Configuration> {
  const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  return (await strapi.plugin('content-manager').service('content-types').findConfiguration(model)) as Configuration;
}

/** The field of a related type that names its records: the Content Manager's choice, else the first text. */
async function mainFieldOf(strapi: Core.Strapi, target: string, metadata: Metadata | undefined): Promise<string> {
  const chosen = nameOfField(metadata?.list?.mainField) ?? nameOfField(metadata?.edit?.mainField);
  if (chosen && chosen !== 'id' && chosen !== 'documentId') return chosen;
  const own = (await configurationOf(strapi, target)).settings?.mainField;
  if (own && own !== 'id' && own !== 'documentId') return own;
  const attributes = (strapi.getModel(target as never) as unknown as { attributes: Record<string, Attribute> }).attributes;
  return Object.keys(attributes).find((name) => attributes[name].type === 'string' && !attributes[name].private) ?? 'documentId';
}

function optionsOf(uid: string, field: string, values: readonly string[]) {
  const own = OWN_LABELS[uid]?.[field] ?? {};
  return values.map((value) => ({ value, label: own[value] ?? ENUM_LABELS[value] ?? value }));
}

/** Every exportable column of a type, in schema order, with its Chinese header. */
export async function columnsOf(strapi: Core.Strapi, uid: string): Promise<Column[]> {
  const attributes = (strapi.getModel(uid as never) as unknown as { attributes: Record<string, Attribute> }).attributes;
  const metadatas = (await configurationOf(strapi, uid)).metadatas ?? {};
  const labels = VIEW_SETTINGS[uid]?.labels ?? {};
  const columns: Column[] = [];
  for (const [field, attribute] of Object.entries(attributes)) {
    const kind = kindOf(field, attribute, attributes);
    if (!kind) continue;
    const metadata = metadatas[field];
    const header = metadata?.list?.label || metadata?.edit?.label || labels[field] || field;
    columns.push({
      field,
      header,
      kind,
      protected: Boolean(attributes[`${field}Cipher`]),
      required: Boolean(attribute.required),
      configurable: attribute.configurable !== false,
      ...(attribute.maxLength ? { maxLength: attribute.maxLength } : {}),
      ...(kind === 'enumeration' ? { options: optionsOf(uid, field, attribute.enum ?? []) } : {}),
      ...(kind === 'relation' ? { target: attribute.target, mainField: await mainFieldOf(strapi, attribute.target as string, metadata) } : {}),
    });
  }
  return columns;
}

/** Collection types that can be exported: the project's own (`api::`). */
export function exportableTypes(strapi: Core.Strapi): string[] {
  return Object.entries(strapi.contentTypes as unknown as Record<string, { kind: string }>)
    .filter(([uid, type]) => uid.startsWith('api::') && type.kind === 'collectionType')
    .map(([uid]) => uid);
}

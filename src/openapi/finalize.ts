/**
 * The last step of the plugin's generation (its `mutateDocumentation`). The plugin describes
 * Strapi 4's answers and every column; this makes the document say what Strapi 5 and this project
 * answer: a create is 201 and a delete 204 without a body, a 400 names its field, an optional
 * field comes back as null, relations and components come only with `populate`, and private
 * columns (ciphers, blind indexes, the scope column, createdBy) never appear. It leaves out the
 * routes ./not-documented names, and is the same byte for byte whenever and wherever it is
 * generated, so the copy in docs/openapi.json can be compared with what the server describes.
 */
import { isNotDocumented } from './not-documented';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };
type Operation = { operationId?: string; tags?: string[]; responses: Record<string, unknown> };

interface Draft {
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
  tags?: Array<{ name: string }>;
  components: { schemas?: Record<string, Schema> } & Record<string, unknown>;
  [key: string]: unknown;
}

/** Per generated schema name (`Student`, `ApprovalChain`), the attributes never sent. */
export type HiddenFields = Record<string, readonly string[]>;
/** The plugin's tag of a content type (`Approval-chain`) and the one shown (`审批流程 (approval-chain)`). */
export type TagLabels = Record<string, string>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const ALWAYS_HIDDEN = ['createdBy', 'updatedBy'];
const SCALARS = ['string', 'number', 'integer', 'boolean'];

export const schemaName = (singularName: string) => singularName.split(/[-_]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}

/** Core routes, as the plugin generated them (only those carry an operationId). */
function correctGenerated(method: string, operation: Operation): void {
  const { responses } = operation;
  if (method === 'post' && responses['200']) {
    responses['201'] = { ...(responses['200'] as object), description: 'Created' };
    delete responses['200'];
  }
  if (method === 'delete' && responses['200']) {
    responses['204'] = { description: 'No Content' };
    delete responses['200'];
  }
  if (responses['400']) responses['400'] = { description: 'Bad Request: error.details.errors[].path 指出字段', content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationError' } } } };
}

/**
 * An entity as REST sends it, and the related entities inside it: no hidden columns; optional
 * fields may be null; only scalar fields are always present.
 */
function correctEntity(schema: Schema, hidden: readonly string[], hiddenAnywhere: readonly string[]): void {
  if (schema.items) correctEntity(schema.items as Schema, hiddenAnywhere, hiddenAnywhere);
  if (!schema.properties) return;
  for (const name of [...ALWAYS_HIDDEN, ...hidden]) delete schema.properties[name];
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties)) {
    if (!required.has(name)) property.nullable = true;
    correctEntity(property, hiddenAnywhere, hiddenAnywhere);
  }
  const present = [...required].filter((name) => SCALARS.includes(String(schema.properties?.[name]?.type)));
  if (present.length > 0) schema.required = present;
  else delete schema.required;
}

export function finalizeDocument(draft: Draft, hidden: HiddenFields, shared: readonly string[], tags: TagLabels): void {
  for (const [path, item] of Object.entries(draft.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      if (isNotDocumented(method, path)) delete item[method];
      else if (item[method].operationId) correctGenerated(method, item[method]);
      if (item[method]?.tags) item[method].tags = item[method].tags?.map((tag) => tags[tag] ?? tag);
    }
    if (!METHODS.some((m) => item[m])) delete draft.paths[path];
  }
  const hiddenAnywhere = [...new Set(Object.values(hidden).flat())];
  for (const [name, schema] of Object.entries(draft.components.schemas ?? {})) {
    if (shared.includes(name) || name.endsWith('Response')) continue;
    if (name.endsWith('Request')) {
      const data = schema.properties?.data;
      for (const field of [...ALWAYS_HIDDEN, ...(hidden[name.slice(0, -'Request'.length)] ?? [])]) delete data?.properties?.[field];
      if (data?.required) data.required = data.required.filter((field) => !(hidden[name.slice(0, -'Request'.length)] ?? []).includes(field));
    } else {
      correctEntity(schema, hidden[name] ?? [], hiddenAnywhere);
    }
  }
  // The generation time (and the plugin's placeholder terms and contact) would change or mislead every copy.
  delete draft.info['x-generation-date'];
  delete draft.info.termsOfService;
  delete draft.info.contact;
  delete draft['x-strapi-config'];
  draft.paths = sortedKeys(draft.paths);
  if (draft.components.schemas) draft.components.schemas = sortedKeys(draft.components.schemas);
  if (draft.tags) draft.tags = [...draft.tags].sort((a, b) => a.name.localeCompare(b.name));
}

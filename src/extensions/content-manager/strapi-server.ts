/**
 * The Content Manager treats `status` as the draft/published state of every document: its list
 * overwrites a `status` attribute with "published", its edit view with nothing, and a save that
 * sends the form's `status` back fails with "Invalid status". On a content type without draft
 * and publish, `status` is an ordinary attribute (the student's 学籍状态, a contract of the API),
 * so it is put back on the way out, for the fields the admin may read, and taken out of the
 * request on the way in. The status itself only moves through approved status changes,
 * registration and graduation (domain.md 2): a save that tries to change it is a 400.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';
import { fieldError } from '../../services/field-error';
import { Forbidden } from '../../services/forbidden';

type Document = Record<string, unknown> & { id?: number };
type Controller = (ctx: any) => Promise<void>;
type Plugin = {
  controllers: Record<string, Record<string, Controller>>;
  services: Record<string, (deps: { strapi: Core.Strapi }) => Record<string, any>>;
};

const STATUS = 'status';
/**
 * Types whose `status` moves only through workflows (the student's 学籍状态). On any other type
 * (a fee status: paid, aid, owing) it is an ordinary field the form writes: it goes to the
 * Document Service beside the draft/published `status` the Content Manager reads from the body.
 */
const WORKFLOW_STATUS_TYPES = new Set(['api::student.student']);
const formStatus = new AsyncLocalStorage<{ uid: string; status: unknown }>();

/** Whether `status` is one of the model's own attributes rather than the draft/publish state. */
export function ownsStatusAttribute(strapi: Core.Strapi, uid: string): boolean {
  const model = strapi.getModel(uid as never) as any;
  return Boolean(model?.attributes?.[STATUS]) && !contentTypes.hasDraftAndPublish(model);
}

export default (plugin: Plugin) => {
  const createMetadata = plugin.services['document-metadata'];
  plugin.services['document-metadata'] = (deps) => {
    const service = createMetadata(deps);
    const format = service.formatDocumentWithMetadata;
    service.formatDocumentWithMetadata = async function (uid: string, document: Document | null, opts?: unknown) {
      const result = await format.call(this, uid, document, opts);
      // `document` is already sanitised for the admin's field permissions.
      if (document && STATUS in document && ownsStatusAttribute(deps.strapi, uid)) result.data[STATUS] = document[STATUS];
      return result;
    };
    return service;
  };

  const createDocumentManager = plugin.services['document-manager'];
  plugin.services['document-manager'] = (deps) => {
    const service = createDocumentManager(deps);
    // create(uid, opts) and update(id, uid, opts): the form's own `status` joins the data written.
    for (const [method, at] of [['create', 0], ['update', 1]] as const) {
      const write = service[method];
      service[method] = function (this: unknown, ...args: any[]) {
        const carried = formStatus.getStore();
        const opts = args[at + 1];
        if (carried && args[at] === carried.uid && opts && typeof opts === 'object') args[at + 1] = { ...opts, data: { ...(opts.data ?? {}), [STATUS]: carried.status } };
        return write.apply(this, args);
      };
    }
    return service;
  };

  const collectionTypes = plugin.controllers['collection-types'];
  const find = collectionTypes.find;
  collectionTypes.find = async function (this: unknown, ctx: any) {
    assertSortOnVisibleFields(ctx.params.model, ctx.query?.sort);
    assertFiltersOnReadableTypes(ctx.state.userAbility, ctx.params.model, ctx.query?.filters);
    await find.call(this, ctx);
    const uid: string = ctx.params.model;
    const results: Document[] | undefined = ctx.body?.results;
    if (!results?.length || !ownsStatusAttribute(strapi, uid)) return;
    const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
    // The stored rows carry the columns a role's conditions read (the 本系部 condition reads
    // `departmentScope`, which the list's rows leave out), so the check is made on them.
    const rows = (await strapi.db.query(uid as never).findMany({ where: { id: { $in: results.map((row) => row.id) } } })) as Document[];
    const storedById = new Map(rows.map((row) => [row.id, row]));
    for (const row of results) {
      const stored = storedById.get(row.id);
      if (stored && checker.can.read(stored, STATUS)) row[STATUS] = stored[STATUS];
      else delete row[STATUS];
    }
  };

  for (const action of ['create', 'update', 'clone'] as const) {
    const original = collectionTypes[action];
    collectionTypes[action] = async function (this: unknown, ctx: any) {
      const uid: string = ctx.params.model;
      const body = ctx.request.body;
      assertOnlyPermittedChanges(ctx, uid, action === 'update' ? 'update' : 'create');
      if (body && typeof body === 'object' && STATUS in body && ownsStatusAttribute(strapi, uid) && !WORKFLOW_STATUS_TYPES.has(uid)) {
        const { [STATUS]: sent, ...rest } = body;
        const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
        if (sent !== undefined && checker.cannot[action === 'update' ? 'update' : 'create'](null, STATUS)) throw new Forbidden(`不能修改字段 ${STATUS} (you may not set ${STATUS})`);
        ctx.request.body = rest;
        return sent === undefined ? original.call(this, ctx) : formStatus.run({ uid, status: sent }, () => original.call(this, ctx));
      }
      if (body && typeof body === 'object' && STATUS in body && ownsStatusAttribute(strapi, uid)) {
        const { [STATUS]: sent, ...rest } = body;
        const kept = action === 'update' ? await storedStatus(uid, ctx.params.id) : defaultStatus(uid);
        if (sent !== undefined && sent !== null && sent !== kept) {
          throw fieldError(STATUS, '学籍状态只能通过学籍异动、注册和毕业变更，不能直接修改 (status changes only through approved workflows)');
        }
        ctx.request.body = rest;
      }
      return original.call(this, ctx);
    };
  }

  refuseDraftActionsWithoutDraftAndPublish(plugin);
  guardRelationPickers(plugin);
  return plugin;
};

/** The Content Manager's draft and publish actions, per controller. */
const DRAFT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'collection-types': ['publish', 'unpublish', 'discard', 'bulkPublish', 'bulkUnpublish'],
  'single-types': ['publish', 'unpublish', 'discard'],
};

/**
 * None of our types has draft and publish, so the Document Service gives them no publish,
 * unpublish or discardDraft (Strapi leaves those methods undefined); the Content Manager's
 * permission check passes anyway (its Publish action is registered for every content type, so a
 * super admin holds it), and the call would be a TypeError, a 500. Refused first, writing nothing.
 */
function refuseDraftActionsWithoutDraftAndPublish(plugin: Plugin): void {
  for (const [controller, actions] of Object.entries(DRAFT_ACTIONS)) {
    for (const action of actions) {
      const original = plugin.controllers[controller]?.[action];
      if (!original) continue;
      plugin.controllers[controller][action] = async function (this: unknown, ctx: any) {
        const model = strapi.getModel(ctx.params.model as never);
        if (model && !contentTypes.hasDraftAndPublish(model as never)) {
          throw new Forbidden('此类内容没有草稿与发布，不能发布、取消发布或丢弃草稿');
        }
        return original.call(this, ctx);
      };
    }
  }
}

/** Fields Strapi itself manages on every entry; the Content Manager handles them. */
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

/** A relation value that changes nothing: absent, or `{ connect: [], disconnect: [] }`. */
function leavesRelationAlone(value: unknown): boolean {
  if (value === undefined) return true;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { connect = [], disconnect = [], set } = value as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown };
  return set === undefined && Array.isArray(connect) && connect.length === 0 && Array.isArray(disconnect) && disconnect.length === 0;
}

/**
 * The Content Manager silently drops fields a role may not write; a body that tries anyway is a
 * crafted request (mass assignment) and gets a 403 instead.
 */
function assertOnlyPermittedChanges(ctx: any, uid: string, verb: 'create' | 'update') {
  const body = ctx.request.body;
  if (!body || typeof body !== 'object') return;
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
  for (const path of writtenPaths(uid, body, '')) {
    if (checker.cannot[verb](null, path)) throw new Forbidden(`不能修改字段 ${path} (you may not set ${path})`);
  }
}

/** Keys of a component entry the Content Manager sends besides its fields. */
const COMPONENT_KEYS = new Set(['id', '__temp_key__', '__component']);

/**
 * The field paths a body writes, as RBAC names them: a component's fields by their paths
 * (`steps.unit`), since a role is given those and not the component's name.
 */
function writtenPaths(uid: string, body: Record<string, unknown>, prefix: string): string[] {
  const attributes = ((strapi.getModel(uid as never) as any)?.attributes ?? {}) as Record<string, { type: string; relation?: string; component?: string }>;
  const paths: string[] = [];
  for (const [field, value] of Object.entries(body)) {
    const attribute = attributes[field];
    if (!attribute || (prefix === '' && (field === STATUS || SYSTEM_FIELDS.has(field))) || (prefix !== '' && COMPONENT_KEYS.has(field))) continue;
    const path = prefix ? `${prefix}.${field}` : field;
    // A to-one relation's single target is checked for every door by the relation-arity middleware.
    if (attribute.type === 'relation' && leavesRelationAlone(value)) continue;
    if (attribute.type === 'component' && attribute.component && value && typeof value === 'object') {
      const entries = (Array.isArray(value) ? value : [value]).filter((entry) => entry && typeof entry === 'object');
      const nested = entries.flatMap((entry) => writtenPaths(attribute.component as string, entry as Record<string, unknown>, path));
      // An empty list still writes the component (it removes every entry): all its fields.
      const whole = Object.keys(((strapi.components as any)[attribute.component]?.attributes ?? {}) as object).map((name) => `${path}.${name}`);
      paths.push(...(nested.length > 0 ? new Set(nested) : whole));
      continue;
    }
    paths.push(path);
  }
  return paths;
}

/**
 * Relation pickers (available targets, and the targets already linked): the admin must be allowed
 * to read the field and the target type, and may sort only on visible fields. Strapi 5.54 answers
 * an unreadable field with a 500 (its `ctx.forbidden()` returns nothing and the code goes on).
 */
function guardRelationPickers(plugin: Plugin) {
  const relations = plugin.controllers.relations;
  for (const action of ['findAvailable', 'findExisting']) {
    const original = relations[action];
    relations[action] = async function (this: unknown, ctx: any) {
      const { model, targetField } = ctx.params;
      const source = strapi.getModel(model) as any;
      const attribute = source?.attributes?.[targetField];
      if (attribute?.type === 'relation' && source.modelType !== 'component') {
        const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model });
        if (checker.cannot.read(null, targetField) || !canReadType(ctx.state.userAbility, attribute.target)) {
          throw new Forbidden('没有查看此关联的权限 (you may not read this relation)');
        }
        assertSortOnVisibleFields(attribute.target, ctx.query?.sort);
      }
      return original.call(this, ctx);
    };
  }
}

/** Whether the admin may read entries of a type at all (admin users through the Users settings). */
function canReadType(ability: { can(action: string, subject?: string): boolean }, uid: string): boolean {
  if (uid === 'admin::user') return ability.can('admin::users.read');
  return ability.can('plugin::content-manager.explorer.read', uid);
}

/**
 * Filters that walk through a relation into a type the admin may not read are an oracle on that
 * type's rows (e.g. `user.role.users.username`: does this login exist anywhere?): a 400.
 */
function assertFiltersOnReadableTypes(ability: { can(action: string, subject?: string): boolean }, uid: string, filters: unknown, path = ''): void {
  if (Array.isArray(filters)) {
    for (const item of filters) assertFiltersOnReadableTypes(ability, uid, item, path);
    return;
  }
  if (!filters || typeof filters !== 'object') return;
  const attributes = ((strapi.getModel(uid as never) as any)?.attributes ?? {}) as Record<string, { type: string; target?: string }>;
  for (const [key, value] of Object.entries(filters)) {
    if (key.startsWith('$')) {
      assertFiltersOnReadableTypes(ability, uid, value, path);
      continue;
    }
    const attribute = attributes[key];
    if (attribute?.type !== 'relation' || !attribute.target) continue;
    const here = path ? `${path}.${key}` : key;
    if (!canReadType(ability, attribute.target)) {
      throw fieldError('filters', `不能按关联 ${here} 筛选 (filtering through ${here} is not allowed)`);
    }
    assertFiltersOnReadableTypes(ability, attribute.target, value, here);
  }
}

/** The attribute paths a sort parameter names, in any of the shapes Strapi accepts. */
function sortPaths(sort: unknown): string[] {
  if (typeof sort === 'string') return sort.split(',').map((part) => part.trim().split(':')[0]).filter(Boolean);
  if (Array.isArray(sort)) return sort.flatMap(sortPaths);
  if (sort && typeof sort === 'object') {
    return Object.entries(sort).flatMap(([key, value]) => (value && typeof value === 'object' ? sortPaths(value).map((p) => `${key}.${p}`) : [key]));
  }
  return [];
}

/**
 * The Content Manager sorts by whatever path it is given, private fields included (a cipher
 * text, a blind index, a related user's password hash): an ordering oracle. Such a sort is a 400.
 */
function assertSortOnVisibleFields(uid: string, sort: unknown) {
  for (const path of sortPaths(sort)) {
    let model = strapi.getModel(uid as never) as any;
    for (const segment of path.split('.')) {
      const attribute = model?.attributes?.[segment];
      if (!attribute) break;
      if (attribute.private || attribute.type === 'password') {
        throw fieldError('sort', `不能按字段 ${path} 排序 (sorting by ${path} is not allowed)`);
      }
      model = attribute.target ? strapi.getModel(attribute.target) : undefined;
    }
  }
}

async function storedStatus(uid: string, documentId: string): Promise<unknown> {
  const row = (await strapi.db.query(uid as never).findOne({ select: [STATUS], where: { documentId } })) as Document | null;
  return row?.[STATUS];
}

function defaultStatus(uid: string): unknown {
  return (strapi.getModel(uid as never) as any).attributes[STATUS].default;
}

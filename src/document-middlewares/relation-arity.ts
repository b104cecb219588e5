/**
 * A to-one relation takes one target. Strapi accepts several (`connect` with two entries, an
 * array, `set` beside `connect`) and resolves them its own way, while our checks read one: a
 * write naming more than one target, or a malformed one, is a 400 naming the field, before any
 * other middleware reads it. Walks every content type's data from its model, components included.
 */
import type { Core } from '@strapi/strapi';
import type { FieldPath } from '../services/field-error';
import { isToOne, relationTarget } from '../services/relations';
import type { DocumentMiddlewareFactory } from './types';

type Attribute = { type: string; relation?: string; multiple?: boolean; component?: string; repeatable?: boolean };
type Model = { attributes: Record<string, Attribute> };
type Path = ReadonlyArray<string | number>;

const WRITES = new Set(['create', 'update', 'clone']);

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

const fieldPath = (path: Path): FieldPath => (path.length === 1 ? String(path[0]) : path);

/** Checks the to-one relations of `data` against `model`, descending into components. */
function assertSingleTargets(strapi: Core.Strapi, model: Model | undefined, data: unknown, path: Path): void {
  if (!model || !isRecord(data)) return;
  for (const [field, value] of Object.entries(data)) {
    const attribute = model.attributes[field];
    const here = [...path, field];
    if (isToOne(attribute)) relationTarget(value, fieldPath(here));
    else if (attribute?.type === 'component') eachComponent(strapi, attribute.component, value, here);
    else if (attribute?.type === 'dynamiczone' && Array.isArray(value)) {
      value.forEach((item, index) => isRecord(item) && assertSingleTargets(strapi, componentModel(strapi, item.__component), item, [...here, index]));
    }
  }
}

function eachComponent(strapi: Core.Strapi, uid: string | undefined, value: unknown, path: Path): void {
  const model = componentModel(strapi, uid);
  if (Array.isArray(value)) value.forEach((item, index) => assertSingleTargets(strapi, model, item, [...path, index]));
  else assertSingleTargets(strapi, model, value, path);
}

function componentModel(strapi: Core.Strapi, uid: unknown): Model | undefined {
  return typeof uid === 'string' ? (strapi.components[uid as never] as unknown as Model | undefined) : undefined;
}

export const relationArity: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (!WRITES.has(context.action) || !context.params.data) return next();
  assertSingleTargets(strapi, strapi.getModel(context.uid as never) as unknown as Model, context.params.data, []);
  return next();
};

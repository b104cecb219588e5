/**
 * Fields a content type shows only under a condition (the schema's `conditions.visible`, JSON
 * Logic, as the Content Manager uses it). Strapi skips all validation of a field whose condition
 * is false, so a value sent for it would reach the database unchecked: such values are refused.
 */
import type { Core } from '@strapi/strapi';
import { fieldError } from './field-error';

// json-logic-js is what Strapi evaluates these conditions with; it ships no types.
const jsonLogic = require('json-logic-js') as { apply(rule: unknown, data: unknown): unknown };

type Attributes = Record<string, { conditions?: { visible?: unknown } }>;

const blank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || isEmptyRelation(value);

function isEmptyRelation(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const lists = ['connect', 'disconnect', 'set'].filter((key) => key in v);
  return lists.length > 0 && lists.every((key) => Array.isArray(v[key]) && (v[key] as unknown[]).length === 0) && Object.keys(v).every((key) => lists.includes(key));
}

/** 400 naming the first field sent with a value that its condition hides for this record. */
export function assertOnlyVisibleFields(strapi: Core.Strapi, uid: string, data: Record<string, unknown>, record: Record<string, unknown>, label: (field: string) => string): void {
  const attributes = (strapi.getModel(uid as never) as unknown as { attributes: Attributes }).attributes;
  for (const [field, value] of Object.entries(data)) {
    const condition = attributes[field]?.conditions?.visible;
    if (!condition || blank(value)) continue;
    if (!jsonLogic.apply(condition, record)) throw fieldError(field, `${label(field)} (${field} does not apply to this request)`);
  }
}

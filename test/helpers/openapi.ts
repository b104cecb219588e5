/**
 * Reading the OpenAPI document in tests: its operations, the routes the router registered in the
 * document's spelling, and a small JSON-schema check of a response body against a documented
 * schema (types, `required`, `nullable`, `enum`, `oneOf`/`allOf`, `$ref`) to a given depth.
 */
import type { Core } from '@strapi/strapi';

export type Schema = Record<string, unknown>;
export interface OpenApiDocument {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> } & { servers?: Array<{ url: string }> }>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

/** `METHOD /path` of every documented operation. */
export function documentedOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
}

/** The router's content-API routes (under /api, and the GraphQL door), as `METHOD /path` with `{param}`. */
export function registeredContentRoutes(strapi: Core.Strapi): string[] {
  const layers = strapi.server.listRoutes() as Array<{ path: string; methods: string[] }>;
  const routes = new Set<string>();
  for (const layer of layers) {
    if (layer.path === '/graphql') routes.add('POST /graphql');
    if (!layer.path.startsWith('/api/')) continue;
    const path = layer.path.slice('/api'.length).replace(/:([A-Za-z]+)/g, '{$1}');
    for (const method of layer.methods.filter((m) => METHODS.includes(m.toLowerCase()))) routes.add(`${method} ${path}`);
  }
  return [...routes].sort();
}

/** The URL of a documented path: its own server (GraphQL's `/`) or the document's (`/api`). */
export function urlOf(doc: OpenApiDocument, path: string, params: Record<string, string | number> = {}): string {
  const server = (doc.paths[path].servers ?? doc.servers)[0].url.replace(/\/$/, '');
  return server + path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(String(params[name]));
  });
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  while (typeof current.$ref === 'string') {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc) as Schema;
    if (!current) throw new Error(`unresolved $ref ${String(schema.$ref)}`);
  }
  return current;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Where `value` departs from `schema` (empty when it matches), down to `depth` levels of nesting. */
export function schemaProblems(doc: OpenApiDocument, schema: Schema, value: unknown, depth = 3, at = 'body'): string[] {
  const s = resolve(doc, schema);
  if (value === null) return s.nullable || s.type === undefined ? [] : [`${at} is null`];
  if (Array.isArray(s.allOf)) return (s.allOf as Schema[]).flatMap((part) => schemaProblems(doc, part, value, depth, at));
  const alternatives = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (alternatives && !alternatives.some((part) => schemaProblems(doc, part, value, depth, at).length === 0)) return [`${at} matches none of its alternatives`];
  const actual = typeOf(value);
  const type = s.type as string | undefined;
  if (type && !(actual === type || (type === 'number' && actual === 'integer'))) return [`${at} is ${actual}, documented ${type}`];
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return [`${at} is ${JSON.stringify(value)}, not one of ${JSON.stringify(s.enum)}`];
  if (depth === 0) return [];
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const missing = ((s.required as string[] | undefined) ?? []).filter((key) => !(key in object)).map((key) => `${at}.${key} is missing`);
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    return [...missing, ...Object.entries(properties).filter(([key]) => object[key] !== undefined).flatMap(([key, sub]) => schemaProblems(doc, sub, object[key], depth - 1, `${at}.${key}`))];
  }
  if (actual === 'array' && s.items) return (value as unknown[]).slice(0, 5).flatMap((item, i) => schemaProblems(doc, s.items as Schema, item, depth - 1, `${at}[${i}]`));
  return [];
}

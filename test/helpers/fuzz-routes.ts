/**
 * The routes Strapi registered, and the bad shapes of input to send to each: a NUL byte or an
 * unknown id in every path parameter, a value of the wrong type in a filter on every numeric,
 * date, boolean and relation field of the route's type, a NUL byte and a 5,000-deep array in
 * the body. Each shape says what the 400 must name, where that is known.
 */
import type { Core } from '@strapi/strapi';

export type Method = 'get' | 'post' | 'put' | 'delete';
export type Door = 'token' | 'admin';

export interface Route {
  method: Method;
  path: string;
  uid: string | null;
  door: Door;
  /** The list of one of our collection types, where every filter is applied. */
  list: boolean;
}

export interface Shape {
  name: string;
  url: string;
  body?: string;
  /** Text the 400's error must contain; without it any status below 500 will do. */
  names?: string;
}

/**
 * Login, registration and provider flows: rate-limited per address, and they send mail. The email
 * plugin's send route mails anything a full-access token asks for, and answers 500 to a body
 * without `options`: reported, not ours to fix here.
 */
const SKIPPED = /^\/api\/(auth\/|connect\/|email$)/;
const CM_ROUTE = /^\/content-manager\/collection-types\/:model/;
const METHODS: Method[] = ['get', 'post', 'put', 'delete'];
const BAD_VALUE: Record<string, string> = {
  integer: 'abc',
  biginteger: 'abc',
  decimal: 'abc',
  float: 'abc',
  date: 'notadate',
  datetime: 'notadate',
  time: 'notatime',
  boolean: 'maybe',
};
export const DEEP_BODY = `{"data":${'['.repeat(5000)}1${']'.repeat(5000)}}`;
const NUL_BODY = JSON.stringify({ data: { name: 'a\u0000b' }, comment: '\u0000', name: '\u0000' });

/** The content type a content-API path serves: `/api/<plural or singular name>`, `/api/me` the student's. */
function uidOfPath(strapi: Core.Strapi, path: string): string | null {
  const segment = path.split('/')[2];
  if (segment === 'me') return 'api::student.student';
  if (segment === 'upload') return 'plugin::upload.file';
  const match = Object.entries(strapi.contentTypes).find(([, type]) => {
    const info = (type as { info: { pluralName: string; singularName: string } }).info;
    return info.pluralName === segment || info.singularName === segment;
  });
  return match ? match[0] : null;
}

/** Our collection types, as the Content Manager serves them. */
export function ourCollectionTypes(strapi: Core.Strapi): string[] {
  return Object.entries(strapi.contentTypes)
    .filter(([uid, type]) => uid.startsWith('api::') && (type as { kind: string }).kind === 'collectionType')
    .map(([uid]) => uid);
}

function pluralName(strapi: Core.Strapi, uid: string): string {
  return (strapi.contentTypes[uid as never] as { info: { pluralName: string } }).info.pluralName;
}

export function registeredRoutes(strapi: Core.Strapi): Route[] {
  const layers = strapi.server.listRoutes() as Array<{ path: string; methods: string[] }>;
  const ours = ourCollectionTypes(strapi);
  const routes: Route[] = [];
  for (const layer of layers) {
    for (const method of METHODS.filter((m) => layer.methods.includes(m.toUpperCase()))) {
      if (layer.path.startsWith('/api/') && !SKIPPED.test(layer.path)) {
        const uid = uidOfPath(strapi, layer.path);
        const list = method === 'get' && uid !== null && ours.includes(uid) && layer.path === `/api/${pluralName(strapi, uid)}`;
        routes.push({ method, path: layer.path, uid, door: 'token', list });
      }
      if (CM_ROUTE.test(layer.path)) {
        for (const uid of ours) routes.push({ method, path: layer.path.replace(':model', uid), uid, door: 'admin', list: method === 'get' && layer.path === '/content-manager/collection-types/:model' });
      }
    }
  }
  return routes;
}

/** Whether `text` names `name` as a word of its own (`filters.id`, not the "id" in "ValidationError"). */
export function names(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z])${escaped}([^A-Za-z]|$)`).test(text);
}

/** Path parameters (`/:id`, `/(.*)`); the `api::` in a model uid is not one. */
const PARAM = /(?<=\/):[A-Za-z]+|\(\.\*\)/g;

function fill(path: string, value: string): string {
  return path.replace(PARAM, value);
}

/** `filters[field][$gt]=bad` for every typed field of `uid`, and `filters[relation][id][$eq]=abc` for every relation. */
function badFilters(strapi: Core.Strapi, uid: string | null, door: Door): Array<{ field: string; query: string }> {
  const attributes: Record<string, { type: string; target?: string }> = uid ? { id: { type: 'integer' }, ...strapi.contentType(uid as never).attributes } : { id: { type: 'integer' } };
  const prefix = door === 'admin' ? 'filters[$and][0]' : 'filters';
  const filters: Array<{ field: string; query: string }> = [];
  for (const [field, attribute] of Object.entries(attributes)) {
    // i18n's relation, which the Content Manager drops from filters of types that are not localised.
    if (field === 'localizations') continue;
    if (BAD_VALUE[attribute.type]) filters.push({ field, query: `${prefix}[${field}][$gt]=${BAD_VALUE[attribute.type]}` });
    if (attribute.type === 'relation' && attribute.target) filters.push({ field, query: `${prefix}[${field}][id][$eq]=abc` });
  }
  filters.push({ field: 'id', query: `${prefix}[id][$in][0]=x` });
  return filters;
}

export function shapesOf(strapi: Core.Strapi, route: Route): Shape[] {
  const hasParams = new RegExp(PARAM.source).test(route.path);
  // The admin's messages are Chinese only; the content API's carry the English gloss (src/domain/admin-messages.ts).
  const said = (english: string, chinese: string) => (route.door === 'admin' ? chinese : english);
  const base = fill(route.path, 'nosuchdocument0000000000');
  const shapes: Shape[] = [];
  if (hasParams) {
    shapes.push({ name: 'NUL in the path', url: fill(route.path, '%00'), names: said('NUL byte in the URL path', '请求路径中含有空字符') });
    shapes.push({ name: 'an unknown id in the path', url: fill(route.path, 'abc') });
  }
  // Every typed field on the lists, where filters apply; one on the other routes, which must still answer 4xx.
  const filters = badFilters(strapi, route.uid, route.door);
  for (const { field, query } of route.list ? filters : filters.slice(-1)) {
    shapes.push({ name: query, url: `${base}?${query}`, names: route.list ? field : undefined });
  }
  shapes.push({ name: 'NUL in a filter', url: `${base}?${route.door === 'admin' ? 'filters[$and][0]' : 'filters'}[documentId][$eq]=%00`, names: 'documentId' });
  if (route.method === 'post' || route.method === 'put') {
    shapes.push({ name: 'NUL in a body string', url: base, body: NUL_BODY, names: said('NUL byte in body field', '中含有空字符') });
    shapes.push({ name: 'a 5,000-deep body', url: base, body: DEEP_BODY, names: said('deeper than 32 levels', '嵌套超过 32 层') });
  }
  return shapes;
}

/**
 * Refuses input no handler should have to survive, each with a 400 naming where: a NUL byte in the
 * path, the query string or any string of a body (PostgreSQL can neither store nor compare it), and
 * a body nested deeper than 32 levels (`maxBodyDepth`; recursive walks further in would overflow the stack).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { findInBody, findInQuery, hasNul } from '../services/input-shape';
import { readJsonBody } from '../services/json-body';

interface GuardedContext {
  method: string;
  path: string;
  querystring: string;
  query: unknown;
  is(type: string): string | false | null;
  req: AsyncIterable<Buffer>;
  request: { body?: unknown };
}

function pathError(): errors.ValidationError {
  return new errors.ValidationError('请求路径中含有空字符 (NUL byte in the URL path)', { source: 'path', param: 'path' });
}

function queryError(param: string): errors.ValidationError {
  return new errors.ValidationError(`查询参数 ${param} 中含有空字符 (NUL byte in query parameter ${param})`, { source: 'query', param });
}

/** Names the field by its first few keys: a path 33 levels deep says no more than its start. */
function bodyError(problem: { kind: 'nul' | 'depth'; key: string }, maxDepth: number): errors.ValidationError {
  const keys = problem.key === '' ? ['(root)'] : problem.key.split('.');
  const where = keys.length > 4 ? `${keys.slice(0, 4).join('.')}...` : keys.join('.');
  const message =
    problem.kind === 'nul'
      ? `请求体 ${where} 中含有空字符 (NUL byte in body field ${where})`
      : `请求体嵌套超过 ${maxDepth} 层 (body nested deeper than ${maxDepth} levels at ${where})`;
  return new errors.ValidationError(message, { source: 'body', key: where });
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * GraphQL requests skip `strapi::body` and are parsed by the plugin later: parse them here so they
 * are checked too. Any other write sent without a body gets an empty one, which handlers validate
 * (users-permissions' user routes destructure it and would throw a 500).
 */
async function ensureBody(ctx: GuardedContext, graphqlEndpoint: string | undefined): Promise<void> {
  if (ctx.request.body !== undefined || !WRITES.has(ctx.method)) return;
  if (ctx.path !== graphqlEndpoint) ctx.request.body = {};
  else if (ctx.is('application/json')) ctx.request.body = await readJsonBody(ctx.req);
}

export default (config: { maxBodyDepth?: number }, { strapi }: { strapi: Core.Strapi }) => {
  const maxDepth = config.maxBodyDepth ?? 32;
  const graphqlEndpoint = strapi.plugin('graphql') ? (strapi.plugin('graphql').config('endpoint') as string) : undefined;
  return async (ctx: GuardedContext, next: () => Promise<void>) => {
    if (hasNul(ctx.path)) throw pathError();
    if (hasNul(ctx.querystring)) throw queryError(findInQuery(ctx.query) ?? 'query');
    await ensureBody(ctx, graphqlEndpoint);
    const problem = findInBody(ctx.request.body, maxDepth);
    if (problem) throw bodyError(problem, maxDepth);
    await next();
  };
};

import type { Core } from '@strapi/strapi';

/**
 * Errors that mean the database cannot be reached (refused or dropped connections, a pool that
 * cannot hand out a connection, a server shutting down), as opposed to a query it refused.
 */

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03']);
/** SQLSTATE class 08: connection exceptions. */
const CONNECTION_CLASS = /^08[0-9A-Z]{3}$/;
const CONNECTION_MESSAGES = /Connection terminated|Timeout acquiring a connection|Client has encountered a connection error|connect ECONNREFUSED/i;

/** Seconds a client should wait before trying again during an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
export const OUTAGE_MESSAGE = '数据库暂时不可用，请稍后再试 (the database is unavailable; retry later)';

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || CONNECTION_CLASS.test(e.code))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  return typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message);
}

/** Throws the connection error when the database does not answer (one `SELECT 1`). */
export async function assertDatabaseReachable(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.raw('SELECT 1');
}

type Answerable = { status: number; body: unknown; set(field: string, value: string): void };

/** Answers 503 with Retry-After in Strapi's error shape (an outage, or a server shutting down). */
export function answerUnavailable(ctx: Answerable, message: string): void {
  ctx.status = 503;
  ctx.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
  ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message, details: {} } };
}

interface GraphqlRequestContext {
  request: { operationName?: string | null };
  errors?: ReadonlyArray<{ originalError?: unknown; extensions?: Record<string, unknown> }>;
  response: {
    http: { status?: number; headers: { set(name: string, value: string): void } };
    body: { kind: string; singleResult?: { errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> } };
  };
}

/**
 * The same for GraphQL (an Apollo server plugin): a resolver that failed for lack of the database
 * would be a 200 with INTERNAL_SERVER_ERROR; it is a 503 with Retry-After and the outage message,
 * logged once per request. `log` is Strapi's logger (the plugin is built in config/plugins.ts).
 */
export function graphqlOutagePlugin(log: () => { error(message: string): void }) {
  return {
    async requestDidStart() {
      let unavailable: Error | null = null;
      return {
        async didEncounterErrors({ errors }: Pick<GraphqlRequestContext, 'errors'>) {
          const cause = (errors ?? []).map((e) => e.originalError).find(isDatabaseUnavailable);
          if (cause) unavailable = cause as Error;
        },
        async willSendResponse({ request, response }: GraphqlRequestContext) {
          if (!unavailable) return;
          log().error(`database unavailable: GraphQL ${request.operationName ?? '(anonymous operation)'} answered 503 (${unavailable.message})`);
          response.http.status = 503;
          response.http.headers.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
          for (const error of response.body.singleResult?.errors ?? []) {
            error.message = OUTAGE_MESSAGE;
            error.extensions = { code: 'SERVICE_UNAVAILABLE', error: { name: 'ServiceUnavailableError', message: OUTAGE_MESSAGE, details: {} } };
          }
        },
      };
    },
  };
}

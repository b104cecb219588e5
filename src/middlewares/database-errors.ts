/**
 * The last net for REST and admin requests: a database refusal the client caused (a constraint, a
 * value of the wrong type; see toClientError) is a 400, not a 500, whichever query raised it; a
 * database that cannot be reached is a 503 with Retry-After, logged, so clients wait and retry.
 * Anything else is a 500: one error line names the request and carries the stack (Strapi's own
 * errors middleware would log the error without saying which request failed).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { toClientError } from '../services/database-errors';
import { answerUnavailable, isDatabaseUnavailable, OUTAGE_MESSAGE } from '../services/database-outage';

type Ctx = { method: string; path: string; status: number; body: unknown; set(field: string, value: string): void };

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Ctx, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        strapi.log.error(`database unavailable: ${ctx.method} ${ctx.path} answered 503 (${(error as Error).message})`);
        answerUnavailable(ctx, OUTAGE_MESSAGE);
        return;
      }
      const answer = toClientError(error);
      // What Strapi answers with its own status (a refusal, a body parser's 400 or 413) goes on to it.
      const status = (answer as { status?: unknown; statusCode?: unknown } | null)?.status ?? (answer as { statusCode?: unknown } | null)?.statusCode;
      if (answer instanceof errors.ApplicationError || answer instanceof errors.HttpError || (typeof status === 'number' && status < 500)) throw answer;
      const detail = answer instanceof Error ? (answer.stack ?? `${answer.name}: ${answer.message}`) : String(answer);
      strapi.log.error(`${ctx.method} ${ctx.path} answered 500: ${detail}`);
      ctx.status = 500;
      ctx.body = { data: null, error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error' } };
    }
  };

/**
 * The last net for REST and admin requests: a database refusal the client caused (a constraint, a
 * value of the wrong type; see toClientError) is a 400, not a 500, whichever query raised it; a
 * database that cannot be reached is a 503 with Retry-After, logged, so clients wait and retry.
 */
import type { Core } from '@strapi/strapi';
import { toClientError } from '../services/database-errors';
import { answerUnavailable, isDatabaseUnavailable, OUTAGE_MESSAGE } from '../services/database-outage';

type Ctx = { method: string; path: string; status: number; body: unknown; set(field: string, value: string): void };

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Ctx, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw toClientError(error);
      strapi.log.error(`database unavailable: ${ctx.method} ${ctx.path} answered 503 (${(error as Error).message})`);
      answerUnavailable(ctx, OUTAGE_MESSAGE);
    }
  };

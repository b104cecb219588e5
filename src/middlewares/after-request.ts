/** Runs the work a request queued for after its transaction (src/services/after-request.ts). */
import type { Core } from '@strapi/strapi';
import { runQueued } from '../services/after-request';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: { state: Record<string, unknown> }, next: () => Promise<void>) => {
    try {
      await next();
    } finally {
      await runQueued(strapi, ctx);
    }
  };

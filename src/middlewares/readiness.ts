/**
 * `GET /_ready`: whether this process can serve, checked against the database (Strapi's `/_health`
 * answers 204 even while PostgreSQL is down). 200 when a query answers within the time limit,
 * else 503 with Retry-After, for a load balancer to route around the process.
 */
import type { Core } from '@strapi/strapi';
import { OUTAGE_MESSAGE, OUTAGE_RETRY_AFTER_SECONDS } from '../services/database-outage';

const PATH = '/_ready';
const LIMIT_MS = 2_000;

type Ctx = { method: string; path: string; status: number; body: unknown; set(field: string, value: string): void };

async function databaseAnswers(strapi: Core.Strapi): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), LIMIT_MS)));
  const query = strapi.db.connection.raw('SELECT 1').then(() => true, () => false);
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Ctx, next: () => Promise<void>) => {
    if (ctx.path !== PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.set('Cache-Control', 'no-store');
    if (await databaseAnswers(strapi)) {
      ctx.status = 200;
      ctx.body = { status: 'ready' };
      return;
    }
    strapi.log.warn('readiness: the database does not answer');
    ctx.status = 503;
    ctx.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    ctx.body = { status: 'unavailable', message: OUTAGE_MESSAGE };
  };

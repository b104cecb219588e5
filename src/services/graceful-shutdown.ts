/**
 * Shutting down without dropping work: on SIGTERM (Strapi then destroys itself), the server
 * stops accepting connections, answers new requests on open connections with 503 and
 * `Connection: close`, lets the requests in flight finish (at most SHUTDOWN_GRACE_SECONDS,
 * default 30), and only then closes the connections and the pool. A client whose 5,000-student
 * admission was under way gets its answer instead of a dropped connection.
 */
import type { Core } from '@strapi/strapi';
import { answerUnavailable } from './database-outage';

type Ctx = { status: number; body: unknown; set(field: string, value: string): void };

const state = { inFlight: 0, draining: false, drained: [] as Array<() => void> };

/** Global middleware: counts the requests in flight; refuses new ones while draining. */
export async function trackRequest(ctx: Ctx, next: () => Promise<void>): Promise<void> {
  if (state.draining) {
    ctx.set('Connection', 'close');
    answerUnavailable(ctx, '服务器正在停止，请稍后再试 (the server is shutting down; retry)');
    return;
  }
  state.inFlight += 1;
  try {
    await next();
  } finally {
    state.inFlight -= 1;
    if (state.inFlight === 0) state.drained.splice(0).forEach((resolve) => resolve());
  }
}

function drained(graceMs: number): Promise<boolean> {
  if (state.inFlight === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), graceMs);
    state.drained.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Wraps Strapi's destroy (what its SIGTERM handler calls): before plugins, providers, the server
 * and the pool are torn down, stop accepting and wait for the requests in flight.
 */
export function installGracefulShutdown(strapi: Core.Strapi): void {
  const destroy = strapi.destroy.bind(strapi);
  let destroying: Promise<void> | undefined;
  const drain = async () => {
    const graceMs = Number(strapi.config.get('server.shutdownGraceSeconds', 30)) * 1000;
    state.draining = true;
    strapi.log.info(`shutdown: no new requests; waiting for ${state.inFlight} in flight (at most ${graceMs / 1000} s)`);
    strapi.server.httpServer.close();
    if (await drained(graceMs)) strapi.log.info('shutdown: requests finished; closing connections and the database pool');
    else strapi.log.warn(`shutdown: ${state.inFlight} requests still in flight after ${graceMs / 1000} s are cut off`);
  };
  // Once: Strapi's SIGTERM handler and a caller's may both ask.
  strapi.destroy = () => {
    destroying ??= (async () => {
      await drain();
      await destroy();
      state.draining = false;
    })();
    return destroying;
  };
}

/**
 * Work that must outlive the request's transaction (an audit line or a counter of a refused
 * attempt) runs once the request is done: queued on the request and run by the global
 * `after-request` middleware, by then on a free pooled connection. Writing it on a second
 * connection while the transaction still holds one would deadlock the pool under load.
 */
import type { Core } from '@strapi/strapi';

type Task = () => Promise<unknown>;
type Ctx = { state?: Record<string, unknown> };

const QUEUE_KEY = 'studentRecordsAfterRequest';

/** Runs `task` after the current request, or now when there is no request or no transaction. */
export async function afterRequest(strapi: Core.Strapi, task: Task): Promise<void> {
  const ctx = strapi.requestContext.get() as Ctx | undefined;
  if (!ctx?.state || !strapi.db.inTransaction()) {
    await task();
    return;
  }
  const queue = (ctx.state[QUEUE_KEY] ??= []) as Task[];
  queue.push(task);
}

/** Runs the tasks queued on `ctx`, in order; a failure is logged and never changes the answer. */
export async function runQueued(strapi: Core.Strapi, ctx: Ctx): Promise<void> {
  const queue = (ctx.state?.[QUEUE_KEY] ?? []) as Task[];
  while (queue.length > 0) {
    const task = queue.shift() as Task;
    try {
      await task();
    } catch (error) {
      strapi.log.error(`after-request work failed: ${(error as Error).message}`);
    }
  }
}

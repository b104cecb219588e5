/**
 * Strapi's login rate limits (users-permissions' `/api/auth/*` and the admin's `/admin/login`,
 * `/admin/forgot-password`...) count in koa2-ratelimit's memory store: each server process keeps
 * its own counts, so N processes behind a load balancer give an attacker N times the tries. Both
 * limiters take a `store` from their configuration: this one keeps the counts in PostgreSQL's
 * attempt_counters, which every process shares. Keys are hashed: the email or student number in
 * them is not stored.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
// koa2-ratelimit checks `store instanceof Store` against its own class: extend that one.
import { Stores } from 'koa2-ratelimit';
import { addAttempts, takeBackAttempts } from '../attempt-counter';

interface LimitOptions {
  /** The window in ms (koa2-ratelimit converts `{ min: 15 }` before calling the store). */
  interval: number;
}

/** An IPv4 client seen by a dual-stack listener (`::ffff:10.0.0.5`) is the same client as on an IPv4 one. */
export const plainIpv4 = (text: string) => text.replace(/::ffff:(\d{1,3}(?:\.\d{1,3}){3})/gi, '$1');

const counterKey = (key: string) => `rate-limit:${createHash('sha256').update(plainIpv4(key)).digest('hex')}`;

export class SharedRateLimitStore extends Stores.Store {
  constructor(private readonly strapi: Core.Strapi) {
    super();
  }

  async incr(key: string, options: LimitOptions, weight: number): Promise<{ counter: number; dateEnd: number }> {
    const window = await addAttempts(this.strapi, counterKey(key), options.interval, weight);
    return { counter: window.count, dateEnd: window.start + options.interval };
  }

  async decrement(key: string, options: LimitOptions, weight: number): Promise<void> {
    await takeBackAttempts(this.strapi, counterKey(key), options.interval, weight);
  }

  saveAbuse(): void {}
}

/** Gives both login limiters the shared store (in `register`, before any route is mounted). */
export function shareLoginRateLimits(strapi: Core.Strapi): void {
  const store = new SharedRateLimitStore(strapi);
  for (const path of ['plugin::users-permissions.ratelimit', 'admin.rateLimit']) {
    strapi.config.set(path, { ...(strapi.config.get(path, {}) as object), store });
  }
}

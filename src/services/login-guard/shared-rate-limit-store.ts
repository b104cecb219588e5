/**
 * Strapi's login rate limits (users-permissions' `/api/auth/*` and the admin's `/admin/login`,
 * `/admin/forgot-password`...) count in koa2-ratelimit's memory store: each server process keeps
 * its own counts, so N processes behind a load balancer give an attacker N times the tries. Both
 * limiters take a `store` from their configuration: this one keeps the counts in PostgreSQL
 * (rate_limit_counters), which every process shares. As in Strapi's own store, a key's window
 * starts at its first attempt. Keys are hashed: the email or student number in them is not stored.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
// koa2-ratelimit checks `store instanceof Store` against its own class: extend that one.
import { Stores } from 'koa2-ratelimit';
import { ambientConnection } from '../transaction';

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
    // One statement: a window that has ended starts again with this attempt. The time is the
    // process's (as Strapi's in-memory store reads it), so that tests can move it.
    const now = Date.now();
    const { rows } = (await (await ambientConnection(this.strapi)).raw(
      `INSERT INTO rate_limit_counters AS c (key, attempts, window_ends_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN c.window_ends_at <= ? THEN EXCLUDED.attempts ELSE c.attempts + EXCLUDED.attempts END,
         window_ends_at = CASE WHEN c.window_ends_at <= ? THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
       RETURNING attempts, window_ends_at`,
      [counterKey(key), weight, new Date(now + options.interval), new Date(now), new Date(now)],
    )) as { rows: Array<{ attempts: number; window_ends_at: Date }> };
    await this.purge();
    return { counter: rows[0].attempts, dateEnd: new Date(rows[0].window_ends_at).getTime() };
  }

  async decrement(key: string, _options: LimitOptions, weight: number): Promise<void> {
    await this.strapi.db.connection.raw('UPDATE rate_limit_counters SET attempts = GREATEST(attempts - ?, 0) WHERE key = ?', [weight, counterKey(key)]);
  }

  private lastPurge = 0;

  /** Ended windows are deleted now and then. */
  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < 10 * 60_000) return;
    this.lastPurge = Date.now();
    await this.strapi.db.connection.raw('DELETE FROM rate_limit_counters WHERE window_ends_at < ?', [new Date()]);
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

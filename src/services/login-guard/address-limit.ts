/**
 * At most LOGIN_RATE_LIMIT_ADDRESS_MAX failed logins per address in LOGIN_RATE_LIMIT_MINUTES, over
 * every account (content API and admin together): Strapi's own limit counts per identifier, so one
 * password sprayed over many student numbers from one address is not slowed by it. The count is
 * taken before the attempt (so concurrent attempts cannot pass together) and given back on success.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { addAttempts, refundAttempt } from '../attempt-counter';
import { plainIpv4 } from './shared-rate-limit-store';

export interface LoginRequest {
  request: { ip: string };
  set(field: string, value: string): void;
}

interface AddressLimit {
  max: number;
  windowMs: number;
}

/** Read at every attempt, so an operator (or a test) can change it without a restart. */
export function addressLimit(strapi: Core.Strapi): AddressLimit {
  const max = Number(strapi.config.get('server.loginGuard.addressMax', 100));
  const minutes = Number(strapi.config.get('server.loginGuard.minutes', 15));
  return { max, windowMs: minutes * 60_000 };
}

/** Runs `attempt` unless the address has used up its failures; a login that throws stays counted. */
export async function guardLoginAddress<T>(strapi: Core.Strapi, ctx: LoginRequest, attempt: () => Promise<T>, succeeded: () => boolean): Promise<T> {
  const { max, windowMs } = addressLimit(strapi);
  const window = await addAttempts(strapi, `login-address:${plainIpv4(ctx.request.ip)}`, windowMs);
  if (window.count > max) {
    ctx.set('Retry-After', String(window.retryAfterSeconds));
    throw new errors.RateLimitError(`此地址登录失败次数过多，请 ${Math.ceil(window.retryAfterSeconds / 60)} 分钟后再试 (too many failed logins from this address)`, {
      retryAfterSeconds: window.retryAfterSeconds,
    });
  }
  const result = await attempt();
  if (succeeded()) await refundAttempt(strapi, window);
  return result;
}

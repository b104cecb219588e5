/**
 * A 403 whose reason reaches the client. Strapi's authorize step (compose-endpoint) catches every
 * ForbiddenError thrown further down the route, the handler's included, and answers a bare
 * "Forbidden", except a PolicyError, which it lets through. So a refusal is a PolicyError named
 * ForbiddenError: still `instanceof errors.ForbiddenError`, answered 403 with its message.
 */
import { errors } from '@strapi/utils';

export class Forbidden extends errors.PolicyError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, details);
    (this as { name: string }).name = 'ForbiddenError';
  }
}

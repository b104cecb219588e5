/** Every write to our content types answers a constraint violation with a 400 naming the field. */
import { withClientErrors } from '../services/database-errors';
import type { DocumentMiddlewareFactory } from './types';

const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish']);

export const databaseErrors: DocumentMiddlewareFactory = () => async (context, next) => {
  if (!context.uid.startsWith('api::') || !WRITES.has(context.action)) return next();
  return withClientErrors(next);
};

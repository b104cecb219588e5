/**
 * Every Document Service action answers a constraint violation or a value the database could not
 * take with a 400 (naming the field where known); reads too, since GraphQL errors never reach Koa.
 */
import { withClientErrors } from '../services/database-errors';
import type { DocumentMiddlewareFactory } from './types';

export const databaseErrors: DocumentMiddlewareFactory = () => async (_context, next) => withClientErrors(next);

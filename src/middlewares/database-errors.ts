/**
 * The last net for REST and admin requests: a database refusal the client caused (a constraint, a
 * value of the wrong type; see toClientError) is a 400, not a 500, whichever query raised it.
 */
import { toClientError } from '../services/database-errors';

export default () => async (_ctx: unknown, next: () => Promise<void>) => {
  try {
    await next();
  } catch (error) {
    throw toClientError(error);
  }
};

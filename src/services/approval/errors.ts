/** The engine's refusals as the HTTP errors a client sees. */
import { errors } from '@strapi/utils';
import createError from 'http-errors';
import type { Refusal } from '../../domain/approval';
import { Forbidden } from '../forbidden';

/** 409: the request moved on (another decision came first) or is in a state the action does not fit. */
export function conflict(message: string): Error {
  return createError(409, message, { name: 'ConflictError' });
}

export function refusalError(refusal: Refusal, message: string): Error {
  switch (refusal) {
    case 'state':
    case 'wrong-step':
      return conflict(message);
    case 'no-chain':
      return new errors.ValidationError(message);
    default:
      return new Forbidden(message);
  }
}

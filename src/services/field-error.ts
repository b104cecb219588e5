/** A 400 for one field, in the shape Strapi's own validation uses. */
import { errors } from '@strapi/utils';

export function fieldError(field: string, message: string): errors.ValidationError {
  return new errors.ValidationError(message, {
    errors: [{ path: [field], message, name: 'ValidationError', value: null }],
  });
}

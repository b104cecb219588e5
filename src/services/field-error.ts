/** A 400 for one field (or a path into a component), in the shape Strapi's own validation uses. */
import { errors } from '@strapi/utils';

export type FieldPath = string | ReadonlyArray<string | number>;

export function fieldError(field: FieldPath, message: string): errors.ValidationError {
  const path = typeof field === 'string' ? [field] : [...field];
  return new errors.ValidationError(message, {
    errors: [{ path, message, name: 'ValidationError', value: null }],
  });
}

/**
 * Exact search on encrypted fields: a filter `nationalId = X` (or phone) is answered through the
 * keyed blind index, since the column itself holds only the masked value.
 */
import { looksMasked } from '../domain/masking';
import { personalDataCipher } from '../services/personal-data';
import type { DocumentMiddlewareFactory } from './types';

const UID = 'api::student.student';
const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const INDEXED = { nationalId: 'nationalIdIndex', phone: 'phoneIndex' } as const;

function indexValue(field: keyof typeof INDEXED, value: string): string {
  const normalised = field === 'nationalId' ? value.trim().toUpperCase() : value.trim();
  return personalDataCipher().blindIndex(field, normalised);
}

/** The clear value an exact-match condition compares with, or null for any other condition. */
function exactValue(value: unknown): string | null {
  const operand = value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1
    ? (value as Record<string, unknown>).$eq
    : value;
  return typeof operand === 'string' && !looksMasked(operand) ? operand : null;
}

/** Rewrites `{ nationalId: X }` and `{ nationalId: { $eq: X } }` anywhere in a filter tree. */
export function rewriteEncryptedFilters(filters: unknown): unknown {
  if (Array.isArray(filters)) return filters.map(rewriteEncryptedFilters);
  if (!filters || typeof filters !== 'object') return filters;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    const clear = key in INDEXED ? exactValue(value) : null;
    if (clear !== null) {
      const field = key as keyof typeof INDEXED;
      out[INDEXED[field]] = { $eq: indexValue(field, clear) };
      continue;
    }
    out[key] = key.startsWith('$') ? rewriteEncryptedFilters(value) : value;
  }
  return out;
}

export const studentSearch: DocumentMiddlewareFactory = () => async (context, next) => {
  if (context.uid !== UID || !READS.has(context.action) || !context.params.filters) return next();
  context.params.filters = rewriteEncryptedFilters(context.params.filters);
  return next();
};

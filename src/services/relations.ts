/**
 * Reading the one target of a to-one relation out of the shapes Strapi accepts for it: a
 * documentId, `{ documentId }`, `{ id }`, or `{ connect, disconnect, set }` as the admin sends.
 */

export type RelationRef = { documentId: string } | { id: number };

/** undefined: the request leaves the relation alone; null: it clears it; else the new target. */
export function relationTarget(value: unknown): RelationRef | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value === '' ? null : { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length === 0 ? null : relationTarget(value[value.length - 1]);
  if (typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.documentId === 'string') return { documentId: v.documentId };
  if (typeof v.id === 'number' || typeof v.id === 'string') return refFromId(v.id);
  if (Array.isArray(v.set)) return relationTarget(v.set);
  if (Array.isArray(v.connect) && v.connect.length > 0) return relationTarget(v.connect);
  if (Array.isArray(v.disconnect) && v.disconnect.length > 0) return null;
  return undefined;
}

function refFromId(id: unknown): RelationRef {
  return typeof id === 'number' ? { id } : { documentId: String(id) };
}

/** A `where` clause that finds the referenced row. */
export function whereRef(ref: RelationRef): Record<string, unknown> {
  return 'documentId' in ref ? { documentId: ref.documentId } : { id: ref.id };
}

/** Whether a value sent for a field (a plain value or a relation in any shape) is what is stored. */
export function sameStoredValue(sent: unknown, stored: unknown): boolean {
  if (sent === undefined) return true;
  if (stored instanceof Date) return sent !== null && new Date(String(sent)).getTime() === stored.getTime();
  const ref = relationTarget(sent);
  if (stored && typeof stored === 'object') {
    if (ref === undefined) return true;
    if (ref === null) return false;
    return 'documentId' in ref ? ref.documentId === (stored as Record<string, unknown>).documentId : ref.id === (stored as Record<string, unknown>).id;
  }
  if (stored === null || stored === undefined) return ref === undefined || ref === null || sent === '';
  return String(sent) === String(stored);
}

/** The audit entries of a bulk admission: one `create` per admitted student, naming the fields its row sent. */
import type { AuditEntry } from './record';

const STUDENT = 'api::student.student';

/** `rows` as the request sent them, `admitted` in the same order (as admitMany returns them). */
export function admissionEntries(rows: ReadonlyArray<Record<string, unknown>>, admitted: ReadonlyArray<{ documentId: string }>): AuditEntry[] {
  return admitted.map((student, i) => ({ action: 'create', targetType: STUDENT, targetDocumentId: student.documentId, fields: Object.keys(rows[i] ?? {}) }));
}

/** One request waiting for a person's decision, as the inbox lists it (GET /api/me/inbox, the admin's home page). */
export interface InboxItem {
  subject: 'status-change';
  documentId: string;
  type: string;
  student: string | null;
  department: string | null;
  step: number;
  stepLabel: string | null;
  unit: string;
  due: string | null;
  overdue: boolean;
  submittedAt: string | null;
}

/** What names a request of any subject in a list or on its timeline. */
export interface RequestHeading {
  /** The engine's subject ('status-change'). */
  subject: string;
  subjectLabel: string;
  /** The content type of the subject's requests: where the admin edits them. */
  uid: string;
  documentId: string;
  /** The subject's sub-type ('suspension'). */
  type: string | null;
  student: string | null;
  department: string | null;
}

/** One request waiting for a person's decision, as the inbox lists it (GET /api/me/inbox, GraphQL `myInbox`, the admin's home page). */
export interface InboxItem extends RequestHeading {
  step: number;
  stepLabel: string | null;
  unit: string;
  due: string | null;
  overdue: boolean;
  submittedAt: string | null;
}

/**
 * GraphQL for the integrity archive: the summary, the student's own archive, a record's timeline,
 * the batch check, confirming and acknowledging, and the appeal and amendment workflow; each
 * allowed by the same permission as its REST route, through the same services.
 */
import type { Core } from '@strapi/strapi';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/approval-vocabulary';
import { parseActionBody } from '../approval/action-request';
import { runWorkflowAction } from '../approval/engine';
import { approvalSubject } from '../approval/registry';
import { approvalTimeline } from '../approval/timeline';
import { acknowledgeRecord, confirmRecord } from './record-actions';
import { archiveSummary, integrityChecks } from './summary';
import { recordTimeline } from './timeline';
import { myIntegrity } from './mine';
import { INTEGRITY_ARCHIVE, INTEGRITY_RECORD, INTEGRITY_SELF_ENTRY, INTEGRITY_THIRD_PARTY, INTEGRITY_VERSION } from './uids';

const SUBJECTS = { IntegrityAppeal: 'integrity-appeal', IntegrityAmendment: 'integrity-amendment' } as const;
const mutationName = (action: WorkflowAction, type: keyof typeof SUBJECTS) => `${action}${type}`;

const typeDefs = /* GraphQL */ `
  type IntegrityIndicatorCount {
    indicator: String!
    label: String!
    good: Int!
    standingBad: Int!
  }

  type IntegritySummary {
    level: String!
    levelLabel: String!
    good: Int!
    standingBad: Int!
    openAppeals: Int!
    clear: Boolean!
    reasons: [String!]!
    byIndicator: [IntegrityIndicatorCount!]!
    archive: JSON
    student: JSON
  }

  type IntegrityCheckResult {
    studentNumber: String!
    found: Boolean!
    name: String
    clear: Boolean
    reasons: [String!]!
  }

  type IntegrityRecordVersionEntry {
    version: Int!
    event: String!
    eventLabel: String!
    state: String!
    stateLabel: String!
    content: JSON
    reason: String
    actor: String
    at: String!
  }

  type IntegrityRecordTimeline {
    documentId: ID!
    state: String!
    stateLabel: String!
    version: Int!
    versions: [IntegrityRecordVersionEntry!]!
  }

  extend type Query {
    "The integrity summary of one archive (as GET /api/integrity-archives/:documentId/summary)."
    integritySummary(documentId: ID!): IntegritySummary
    "The signed-in student's own integrity archive (as GET /api/me/integrity)."
    myIntegrity: JSON
    "Every version of a record, oldest first."
    integrityRecordTimeline(documentId: ID!): IntegrityRecordTimeline
    integrityAppealTimeline(documentId: ID!): StatusChangeTimeline
    integrityAmendmentTimeline(documentId: ID!): StatusChangeTimeline
  }

  extend type Mutation {
    "Clear / not clear, and why, for up to 5,000 students (as POST /api/integrity/checks)."
    integrityChecks(purpose: String!, studentNumbers: [String!]!): [IntegrityCheckResult!]!
    confirmIntegrityRecord(documentId: ID!, comment: String): IntegrityRecordTimeline
    acknowledgeIntegrityRecord(documentId: ID!): IntegrityRecordTimeline
${Object.keys(SUBJECTS)
  .flatMap((type) => WORKFLOW_ACTIONS.map((action) => `    ${mutationName(action, type as keyof typeof SUBJECTS)}(documentId: ID!, comment: String, step: Int, outcome: JSON): JSON`))
  .join('\n')}
  }
`;

export function registerIntegrityGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  // Written by the flows and the import only.
  for (const uid of [INTEGRITY_VERSION, INTEGRITY_THIRD_PARTY, INTEGRITY_ARCHIVE]) extension.shadowCRUD(uid).disableMutations();
  for (const uid of [INTEGRITY_RECORD, INTEGRITY_SELF_ENTRY, ...Object.values(SUBJECTS).map((name) => `api::${name}.${name}`)]) extension.shadowCRUD(uid).disableAction('delete');
  const workflowMutations = Object.entries(SUBJECTS).flatMap(([type, name]) =>
    WORKFLOW_ACTIONS.map((action) => [
      mutationName(action, type as keyof typeof SUBJECTS),
      async (_parent: unknown, args: { documentId: string; comment?: string | null; step?: number | null; outcome?: unknown }) => {
        const subject = approvalSubject(strapi, name);
        const body = Object.fromEntries(Object.entries({ comment: args.comment, step: args.step, outcome: args.outcome }).filter(([, value]) => value !== undefined && value !== null));
        const input = parseActionBody(action, body, subject.parseOutcome);
        await runWorkflowAction(strapi, subject, { documentId: args.documentId, action, ...input });
        return (await approvalTimeline(strapi, subject, args.documentId)).timeline;
      },
    ]),
  );
  const scope = (uid: string, action: string) => ({ auth: { scope: [`${uid}.${action}`] } });
  extension.use(() => ({
    typeDefs,
    resolvers: {
      Query: {
        integritySummary: (_parent: unknown, args: { documentId: string }) => archiveSummary(strapi, args.documentId),
        myIntegrity: () => myIntegrity(strapi),
        integrityRecordTimeline: (_parent: unknown, args: { documentId: string }) => recordTimeline(strapi, args.documentId),
        ...Object.fromEntries(
          Object.entries(SUBJECTS).map(([type, name]) => [`${type[0].toLowerCase()}${type.slice(1)}Timeline`, async (_parent: unknown, args: { documentId: string }) => (await approvalTimeline(strapi, approvalSubject(strapi, name), args.documentId)).timeline]),
        ),
      },
      Mutation: {
        integrityChecks: async (_parent: unknown, args: { purpose: string; studentNumbers: string[] }) => (await integrityChecks(strapi, args)).data,
        confirmIntegrityRecord: async (_parent: unknown, args: { documentId: string; comment?: string | null }) => {
          await confirmRecord(strapi, args.documentId, args.comment ?? null);
          return recordTimeline(strapi, args.documentId);
        },
        acknowledgeIntegrityRecord: async (_parent: unknown, args: { documentId: string }) => {
          await acknowledgeRecord(strapi, args.documentId);
          return recordTimeline(strapi, args.documentId);
        },
        ...Object.fromEntries(workflowMutations),
      },
    },
    resolversConfig: {
      'Query.integritySummary': scope(INTEGRITY_ARCHIVE, 'summary'),
      'Query.myIntegrity': scope(INTEGRITY_ARCHIVE, 'mine'),
      'Query.integrityRecordTimeline': scope(INTEGRITY_RECORD, 'timeline'),
      'Query.integrityAppealTimeline': scope('api::integrity-appeal.integrity-appeal', 'timeline'),
      'Query.integrityAmendmentTimeline': scope('api::integrity-amendment.integrity-amendment', 'timeline'),
      'Mutation.integrityChecks': scope(INTEGRITY_RECORD, 'checks'),
      'Mutation.confirmIntegrityRecord': scope(INTEGRITY_RECORD, 'confirm'),
      'Mutation.acknowledgeIntegrityRecord': scope(INTEGRITY_RECORD, 'acknowledge'),
      ...Object.fromEntries(
        Object.entries(SUBJECTS).flatMap(([type, name]) => WORKFLOW_ACTIONS.map((action) => [`Mutation.${mutationName(action, type as keyof typeof SUBJECTS)}`, scope(`api::${name}.${name}`, action)])),
      ),
    },
  }));
}

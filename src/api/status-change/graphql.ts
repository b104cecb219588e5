/**
 * GraphQL for the workflow: the timeline of a request, the report, and one mutation per action,
 * each allowed by the same permission as its REST route.
 */
import type { Core } from '@strapi/strapi';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/status-change';
import type workflowService from './services/workflow';
import type reportService from './services/report';
import { approvalInbox } from '../../services/approval/inbox';

const MUTATIONS: Record<WorkflowAction, string> = {
  submit: 'submitStatusChange',
  approve: 'approveStatusChange',
  reject: 'rejectStatusChange',
  return: 'returnStatusChange',
  resubmit: 'resubmitStatusChange',
  withdraw: 'withdrawStatusChange',
};

const typeDefs = /* GraphQL */ `
  type StatusChangeStep {
    number: Int!
    unit: String!
    offices: [String!]
    label: String
    deadlineDays: Int
  }

  type StatusChangeDecisionEntry {
    round: Int!
    step: Int!
    stepLabel: String
    unit: String!
    unitName: String
    decision: String!
    comment: String
    decidedBy: String!
    deciderName: String
    decidedAt: String!
    outcome: JSON
  }

  "One request waiting for the caller's decision, of any subject on the approval engine."
  type ApprovalInboxItem {
    subject: String!
    subjectLabel: String!
    documentId: ID!
    type: String
    student: String
    department: String
    step: Int!
    stepLabel: String
    unit: String!
    due: String
    overdue: Boolean!
    submittedAt: String
  }

  input ApprovalDecisionItem {
    documentId: ID!
    comment: String
    step: Int
  }

  type ApprovalDecisionError {
    name: String!
    message: String!
  }

  type ApprovalDecisionResult {
    documentId: ID!
    ok: Boolean!
    state: String
    status: Int
    error: ApprovalDecisionError
  }

  type ApprovalDecisionBatch {
    data: [ApprovalDecisionResult!]!
    decided: Int!
    refused: Int!
  }

  type StatusChangeTimeline {
    documentId: ID!
    type: String!
    state: String!
    tier: String
    tierReasons: String
    round: Int!
    currentStep: Int
    currentStepDue: String
    semester: String
    submittedAt: String
    decidedAt: String
    steps: [StatusChangeStep!]!
    decisions: [StatusChangeDecisionEntry!]!
    allowedActions: [String!]!
  }

  type StatusChangeReportRow {
    semester: String
    departmentName: String
    departmentCode: String
    type: String!
    count: Int!
  }

  extend type Query {
    "Everything waiting for the caller's decision, across all subjects (as GET /api/me/inbox)."
    myInbox: [ApprovalInboxItem!]!
    "A request's chain, decisions so far and the actions the caller may take."
    statusChangeTimeline(documentId: ID!): StatusChangeTimeline
    "Counts of status changes per semester, department and type (default: approved ones)."
    statusChangeReport(semester: String, state: String): [StatusChangeReportRow!]!
  }

  extend type Mutation {
    "Decides many status changes at once (approve, reject or return), each on its own; answered per request."
    decideStatusChanges(action: String!, comment: String, items: [ApprovalDecisionItem!]!): ApprovalDecisionBatch
${WORKFLOW_ACTIONS.map((action) => `    ${MUTATIONS[action]}(documentId: ID!, comment: String, step: Int): StatusChangeTimeline`).join('\n')}
  }
`;

type Workflow = ReturnType<typeof workflowService>;
type Report = ReturnType<typeof reportService>;
type ActionArgs = { documentId: string; comment?: string | null; step?: number | null };

const PERMISSION = (action: string) => `api::status-change.status-change.${action}`;

/** Written by the workflows only: readable through GraphQL, never written. */
const SYSTEM_WRITTEN = ['api::approval-decision.approval-decision', 'api::status-history.status-history', 'api::notification.notification'];

export function registerStatusChangeGraphql(strapi: Core.Strapi): void {
  for (const uid of SYSTEM_WRITTEN) strapi.plugin('graphql').service('extension').shadowCRUD(uid).disableMutations();
  const workflow = () => strapi.service('api::status-change.workflow') as Workflow;
  const mutations = Object.fromEntries(
    WORKFLOW_ACTIONS.map((action) => [
      MUTATIONS[action],
      async (_parent: unknown, args: ActionArgs) => {
        const body = { ...(args.comment !== undefined ? { comment: args.comment } : {}), ...(args.step !== undefined && args.step !== null ? { step: args.step } : {}) };
        await workflow().act(args.documentId, action, body);
        return workflow().timeline(args.documentId);
      },
    ]),
  );
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      typeDefs,
      resolvers: {
        Query: {
          statusChangeTimeline: (_parent: unknown, args: { documentId: string }) => workflow().timeline(args.documentId),
          myInbox: () => approvalInbox(strapi),
          statusChangeReport: async (_parent: unknown, args: { semester?: string; state?: string }) => {
            const report = await (strapi.service('api::status-change.report') as Report).counts(args);
            return report.data.map((row) => ({ semester: row.semester, departmentName: row.department?.name ?? null, departmentCode: row.department?.code ?? null, type: row.type, count: row.count }));
          },
        },
        Mutation: {
          ...mutations,
          decideStatusChanges: async (_parent: unknown, args: { action: string; comment?: string | null; items: Array<Record<string, unknown>> }) => {
            const items = args.items.map((item) => Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null && value !== undefined)));
            const body = { action: args.action, ...(args.comment !== undefined && args.comment !== null ? { comment: args.comment } : {}), items };
            const batch = await workflow().decide(body);
            return { data: batch.data, ...batch.meta };
          },
        },
      },
      resolversConfig: {
        'Query.statusChangeTimeline': { auth: { scope: [PERMISSION('timeline')] } },
        'Query.statusChangeReport': { auth: { scope: [PERMISSION('report')] } },
        'Query.myInbox': { auth: { scope: [PERMISSION('inbox')] } },
        'Mutation.decideStatusChanges': { auth: { scope: [PERMISSION('decide')] } },
        ...Object.fromEntries(WORKFLOW_ACTIONS.map((action) => [`Mutation.${MUTATIONS[action]}`, { auth: { scope: [PERMISSION(action)] } }])),
      },
    }));
}

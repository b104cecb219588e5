/**
 * GraphQL for semester registration: the report, answering what GET /api/registrations/report
 * answers through the same services and allowed by the same permission; and no generated writes
 * for the types the flow alone writes.
 */
import type { Core } from '@strapi/strapi';
import { FEE_STATUS, REGISTRATION, REGISTRATION_DEFERRAL } from './repositories/registration-rows';
import { registrationReport } from './services/report';
import { semesterOfQuery } from './services/semesters';

const typeDefs = /* GraphQL */ `
  type RegistrationReportSemester {
    code: String!
    startDate: String
    endDate: String
  }

  type RegistrationReportDepartment {
    id: Int!
    name: String
    code: String
  }

  "The deferred (seed 001: 50 = 45 applied + 5 overdue; 3 of them registered later, 2 left)."
  type RegistrationDeferredFigures {
    total: Int!
    applied: Int!
    overdue: Int!
    registeredLater: Int!
    left: Int!
  }

  type RegistrationFigures {
    expected: Int!
    "Registered in the window, without a deferral or a late reopening."
    registered: Int!
    registeredTotal: Int!
    "Percent, one decimal; null when nobody was expected."
    onTimeRate: Float
    deferred: RegistrationDeferredFigures!
    neverRegistered: Int!
    pending: Int!
  }

  type RegistrationDepartmentFigures {
    "Null for rows without a department."
    department: RegistrationReportDepartment
    expected: Int!
    registered: Int!
    registeredTotal: Int!
    onTimeRate: Float
    deferred: RegistrationDeferredFigures!
    neverRegistered: Int!
    pending: Int!
  }

  type RegistrationReport {
    semester: RegistrationReportSemester!
    school: RegistrationFigures!
    departments: [RegistrationDepartmentFigures!]!
  }

  extend type Query {
    "The registration report of a semester (default: the current one), limited to the caller's scope (as GET /api/registrations/report)."
    registrationReport(semester: String): RegistrationReport
  }
`;

export function registerRegistrationGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  // Registrations and deferrals are written by the flow only; fee statuses are never deleted.
  for (const uid of [REGISTRATION, REGISTRATION_DEFERRAL]) extension.shadowCRUD(uid).disableMutations();
  extension.shadowCRUD(FEE_STATUS).disableAction('delete');
  extension.use(() => ({
    typeDefs,
    resolvers: {
      Query: {
        registrationReport: async (_parent: unknown, args: { semester?: string | null }) => {
          const report = await registrationReport(strapi, await semesterOfQuery(strapi, args.semester ?? undefined));
          const date = (value: unknown) => (value === null || value === undefined ? null : String(value));
          const semester = { code: report.semester.code, startDate: date(report.semester.startDate), endDate: date(report.semester.endDate) };
          return { ...report, semester };
        },
      },
    },
    resolversConfig: {
      'Query.registrationReport': { auth: { scope: [`${REGISTRATION}.report`] } },
    },
  }));
}

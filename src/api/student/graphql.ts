/**
 * GraphQL for a student's own record: `myStudentRecord`, the same as GET /api/me (own personal
 * data in clear), allowed by the same permission (api::student.student.me).
 */
import type { Core } from '@strapi/strapi';

const typeDefs = /* GraphQL */ `
  type MyStudentUnit {
    documentId: ID!
    name: String
    code: String
  }

  type MyStudentRecord {
    documentId: ID!
    studentNumber: String
    name: String
    gender: String
    birthDate: String
    nationalId: String
    phone: String
    homeAddress: String
    ethnicity: String
    politicalStatus: String
    enrollmentYear: Int
    studyForm: String
    programLength: Int
    status: String
    schoolClass: MyStudentUnit
    major: MyStudentUnit
    department: MyStudentUnit
  }

  extend type Query {
    "The signed-in student's own record, with their own personal data in clear."
    myStudentRecord: MyStudentRecord
  }
`;

export function registerStudentGraphql(strapi: Core.Strapi): void {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      typeDefs,
      resolvers: {
        Query: {
          myStudentRecord: (_parent: unknown, _args: unknown, context: { state?: { user?: { id?: number } } }) =>
            strapi.service('api::student.me').ownRecord(context.state?.user?.id),
        },
      },
      resolversConfig: { 'Query.myStudentRecord': { auth: { scope: ['api::student.student.me'] } } },
    }));
}

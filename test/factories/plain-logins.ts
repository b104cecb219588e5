/**
 * Bare logins for the login tests: a users-permissions staff account or an admin account with no
 * membership, and the two login requests. (Staff who act on records: factories/actors.ts.)
 */
import type { TestApp } from '../helpers/strapi';

let sequence = 0;
export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;

/** A users-permissions login with the staff role; returns its email. */
export async function plainContentUser(app: TestApp, prefix: string, password: string): Promise<string> {
  const email = `${uniqueName(prefix)}@example.com`;
  const role = (await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'staff' } })) as { id: number };
  await app.strapi.plugin('users-permissions').service('user').add({ username: email, email, password, provider: 'local', confirmed: true, blocked: false, role: role.id });
  return email;
}

/** An admin login with a product role; returns its email. */
export async function plainAdminUser(app: TestApp, prefix: string, password: string): Promise<string> {
  const email = `${uniqueName(prefix)}@example.com`;
  const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-clerk' } })) as { id: number };
  await app.strapi.service('admin::user').create({ email, firstname: '限流', lastname: '测试', password, isActive: true, registrationToken: null, roles: [role.id] });
  return email;
}

export const postApiLogin = (app: TestApp, identifier: string, password: string) => app.http.post('/api/auth/local').send({ identifier, password });
export const postAdminLogin = (app: TestApp, email: string, password: string) => app.http.post('/admin/login').send({ email, password });

/** The GraphQL login mutation, as a front-end sends it. */
export const postGraphqlLogin = (app: TestApp, identifier: string, password: string) =>
  app.http.post('/graphql').send({ query: 'mutation ($input: UsersPermissionsLoginInput!) { login(input: $input) { jwt } }', variables: { input: { identifier, password } } });

/** Runs `work` with the clock moved `ms` ahead (past a rate-limit window). */
export async function withClockAhead<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
  try {
    return await work();
  } finally {
    clock.mockRestore();
  }
}

/**
 * Public registration is closed (security review): accounts are opened by the school. REST and
 * GraphQL refuse with 403 and write nothing, and the setting is switched off at every start.
 */
import { closePublicRegistration } from '../../src/bootstrap/registration';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

const USER = 'plugin::users-permissions.user';
const advanced = () => app.strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' }) as Promise<Record<string, unknown>>;
const newcomer = () => {
  const name = `newcomer${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { username: name, email: `${name}@example.com`, password: 'Newcomer-Pass-1234' };
};

describe('public registration is closed', () => {
  test('REST: POST /api/auth/local/register is a 403 and creates no account', async () => {
    // Given a person who is not known to the school
    const person = newcomer();
    const before = await app.strapi.db.query(USER).count();
    // When they register through REST
    const response = await app.http.post('/api/auth/local/register').send(person);
    // Then it is forbidden and no account exists
    expect(response.status).toBe(403);
    expect(response.body.error.name).toBe('ForbiddenError');
    expect(response.body.jwt).toBeUndefined();
    expect(await app.strapi.db.query(USER).count()).toBe(before);
    expect(await app.strapi.db.query(USER).findOne({ where: { email: person.email } })).toBeNull();
  });

  test('REST: registering a name that is already taken says nothing about it (same 403)', async () => {
    // Given an existing account
    const taken = newcomer();
    await app.strapi.plugin('users-permissions').service('user').add({ ...taken, provider: 'local', confirmed: true, blocked: false });
    // When someone registers with its email and username, then the answer is the same 403
    const response = await app.http.post('/api/auth/local/register').send({ ...taken, password: 'Other-Pass-1234' });
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toMatch(/taken|already/i);
  });

  test('GraphQL: the register mutation is forbidden and creates no account', async () => {
    const person = newcomer();
    const response = await app.http.post('/graphql').send({
      query: 'mutation ($input: UsersPermissionsRegisterInput!) { register(input: $input) { jwt } }',
      variables: { input: person },
    });
    expect(response.body.data).toBeNull();
    expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(response.body.errors[0].extensions.error.name).toBe('ForbiddenError');
    expect(await app.strapi.db.query(USER).findOne({ where: { email: person.email } })).toBeNull();
  });

  test('the users-permissions setting is off after start, and a start turns it off again', async () => {
    // Given the server started: the setting is off
    expect((await advanced()).allow_register).toBe(false);
    // And someone switched it on in the admin
    const store = app.strapi.store({ type: 'plugin', name: 'users-permissions' });
    await store.set({ key: 'advanced', value: { ...(await advanced()), allow_register: true } });
    // When the server starts again, then it is off, and the other advanced settings are kept
    await closePublicRegistration(app.strapi);
    expect(await advanced()).toMatchObject({ allow_register: false, unique_email: true });
  });
});

/**
 * The login guard (security review): failed logins are capped per address over all accounts, in
 * PostgreSQL, for the content API (REST and GraphQL) and the admin; and a failure takes as long
 * for an unknown account as for a known one.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { plainAdminUser, plainContentUser, postAdminLogin, postApiLogin, postGraphqlLogin, uniqueName, withClockAhead } from '../factories/plain-logins';

const PASSWORD = 'Guard-Pass-1234';
const WRONG = 'not-the-password';
const CAP = 5;
const WINDOW_MS = 15 * 60_000;

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await forgetAddressCounts();
  app.strapi.config.set('server.loginGuard.addressMax', 100);
  await app.stop();
});
beforeEach(async () => {
  // Given this address has no failures yet, and a cap low enough to reach
  await forgetAddressCounts();
  app.strapi.config.set('server.loginGuard.addressMax', CAP);
});

const unique = uniqueName;

async function forgetAddressCounts(): Promise<void> {
  await app.strapi.db.connection.raw("DELETE FROM attempt_counters WHERE key LIKE 'login-address:%'");
}

const contentUser = () => plainContentUser(app, 'guarded', PASSWORD);
const adminUser = () => plainAdminUser(app, 'admin-guarded', PASSWORD);
const apiLogin = (identifier: string, password: string) => postApiLogin(app, identifier, password);
const adminLogin = (email: string, password: string) => postAdminLogin(app, email, password);

/** One wrong password for each of `n` different student numbers: a spray from one address. */
async function spray(n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) statuses.push((await apiLogin(`2099${unique('x')}`, WRONG)).status);
  return statuses;
}

const afterTheWindow = <T>(work: () => Promise<T>) => withClockAhead(WINDOW_MS + 1000, work);

/**
 * The median time of each of two kinds of attempt, taken in turns (known, unknown, known...), so
 * that the other test files' load on the machine weighs on both alike.
 */
async function medianMsInTurns(first: () => Promise<{ status: number }>, second: () => Promise<{ status: number }>, times = 9): Promise<[number, number]> {
  const durations: [number[], number[]] = [[], []];
  const timed = async (attempt: () => Promise<{ status: number }>) => {
    const start = process.hrtime.bigint();
    const response = await attempt();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // A refusal by a rate limit would be fast for another reason: each must be the wrong-credentials answer.
    expect(response.status).toBe(400);
    return ms;
  };
  for (let i = 0; i < times; i += 1) {
    durations[0].push(await timed(first));
    durations[1].push(await timed(second));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(times / 2)];
  return [median(durations[0]), median(durations[1])];
}

describe('failed logins per address', () => {
  test('content API: one password sprayed over many student numbers is stopped at the cap, with Retry-After', async () => {
    // Given CAP failures from this address, each on a different identifier
    expect(await spray(CAP)).toEqual(Array(CAP).fill(400));
    // When the next login comes from the same address, even with the right password of another account
    const email = await contentUser();
    const refused = await apiLogin(email, PASSWORD);
    // Then it is a 429 naming when to come back, and nothing was signed in
    expect(refused.status).toBe(429);
    expect(refused.body.error.name).toBe('RateLimitError');
    expect(refused.body.jwt).toBeUndefined();
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_MS / 1000);
    // And once the window has passed, the account logs in
    expect((await afterTheWindow(() => apiLogin(email, PASSWORD))).status).toBe(200);
  });

  test('the count is kept in PostgreSQL, one row per address and window', async () => {
    await spray(3);
    const { rows } = await app.strapi.db.connection.raw("SELECT key, attempts FROM attempt_counters WHERE key LIKE 'login-address:%'");
    expect(rows).toEqual([{ key: expect.stringMatching(/^login-address:.*127\.0\.0\.1$/), attempts: 3 }]);
  });

  test('successful logins do not count: a campus behind one address keeps logging in until the failures reach the cap', async () => {
    // Given one failure short of the cap
    await spray(CAP - 1);
    // When an account logs in many times, then every login passes
    const email = await contentUser();
    for (let i = 0; i < CAP * 2; i += 1) expect((await apiLogin(email, PASSWORD)).status).toBe(200);
    // And only failures count: one more is answered, the next is refused
    expect(await spray(2)).toEqual([400, 429]);
  });

  test('GraphQL: the login mutation shares the address count', async () => {
    await spray(CAP);
    const email = await contentUser();
    const response = await postGraphqlLogin(app, email, PASSWORD);
    expect(response.body.data).toBeNull();
    expect(response.body.errors[0].extensions.error.name).toBe('RateLimitError');
  });

  test('admin: failures over many emails from one address are stopped at the cap, with Retry-After', async () => {
    // Given CAP failed admin logins from this address, each on a different email
    for (let i = 0; i < CAP; i += 1) expect((await adminLogin(`${unique('nobody')}@example.com`, WRONG)).status).toBe(400);
    // When a real admin logs in from the same address, then it waits for the window
    const email = await adminUser();
    const refused = await adminLogin(email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.name).toBe('RateLimitError');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await afterTheWindow(() => adminLogin(email, PASSWORD))).status).toBe(200);
  });

  test('the cap is read at every attempt: raising it lets the address in again', async () => {
    await spray(CAP);
    const email = await contentUser();
    expect((await apiLogin(email, PASSWORD)).status).toBe(429);
    app.strapi.config.set('server.loginGuard.addressMax', CAP * 10);
    expect((await apiLogin(email, PASSWORD)).status).toBe(200);
  });
});

describe('a failed login takes as long for an unknown account as for a known one', () => {
  beforeEach(() => {
    app.strapi.config.set('server.loginGuard.addressMax', 1000);
  });

  test('content API: an unknown identifier is not answered faster than a wrong password', async () => {
    const email = await contentUser();
    const [known, unknown] = await medianMsInTurns(
      () => apiLogin(email, WRONG),
      () => apiLogin(`${unique('nobody')}@example.com`, WRONG),
    );
    expect(unknown).toBeGreaterThan(known * 0.6);
  });

  test('admin: an unknown email is not answered faster than a wrong password', async () => {
    const email = await adminUser();
    const [known, unknown] = await medianMsInTurns(
      () => adminLogin(email, WRONG),
      () => adminLogin(`${unique('nobody')}@example.com`, WRONG),
    );
    expect(unknown).toBeGreaterThan(known * 0.6);
  });
});

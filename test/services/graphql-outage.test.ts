/**
 * The GraphQL outage plugin: a resolver that failed because the database went away after the
 * request was authenticated is a 503 with Retry-After and the outage message, logged; other
 * errors are left as they are.
 */
import { graphqlOutagePlugin, OUTAGE_MESSAGE } from '../../src/services/database-outage';

function response() {
  const headers = new Map<string, string>();
  return {
    headers,
    value: {
      http: { status: undefined as number | undefined, headers: { set: (name: string, value: string) => headers.set(name, value) } },
      body: { kind: 'single', singleResult: { errors: [{ message: 'Internal Server Error', extensions: { code: 'INTERNAL_SERVER_ERROR' } as Record<string, unknown> }] } },
    },
  };
}

async function run(originalError: unknown) {
  const lines: string[] = [];
  const hooks = await graphqlOutagePlugin(() => ({ error: (line: string) => lines.push(line) })).requestDidStart();
  await hooks.didEncounterErrors({ errors: [{ originalError }] });
  const sent = response();
  await hooks.willSendResponse({ request: { operationName: 'Students' }, response: sent.value });
  return { lines, sent };
}

test('a refused connection: 503, Retry-After, the outage message, one log line naming the operation', async () => {
  const { lines, sent } = await run(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
  expect(sent.value.http.status).toBe(503);
  expect(sent.headers.get('Retry-After')).toBe('5');
  expect(sent.value.body.singleResult.errors[0]).toMatchObject({ message: OUTAGE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } });
  expect(lines).toEqual([expect.stringMatching(/^database unavailable: GraphQL Students answered 503/)]);
});

test('a pool that timed out waiting for a connection is an outage too', async () => {
  const timeout = Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' });
  expect((await run(timeout)).sent.value.http.status).toBe(503);
});

test('any other error is left alone: no status, no header, no log line', async () => {
  const { lines, sent } = await run(new Error('something else'));
  expect(sent.value.http.status).toBeUndefined();
  expect(sent.headers.size).toBe(0);
  expect(sent.value.body.singleResult.errors[0].message).toBe('Internal Server Error');
  expect(lines).toEqual([]);
});

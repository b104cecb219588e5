/**
 * Exact search on personal data as an oracle (issue 10): from a mask, the clear birth date and
 * the check character, a clerk without reveal rights bisected the candidates of a national ID with
 * `$or` over 91 values, and of a phone with a GraphQL `or` of 1,000. A protected field now takes
 * one exact value per request, on the student itself, counted in the reveal window and logged
 * without the value; everything else on it is a 400 naming the field, before any row is read.
 */
import { composeNationalId } from '../../src/domain/national-id';
import { REVEAL_WINDOW_MINUTES, REVEALS_PER_WINDOW } from '../../src/services/reveal/constants';
import { createStaff, type StaffActor } from '../factories/actors';
import { wholeAuditTable } from '../helpers/audit';
import { buildWorld, CM_STUDENTS, ids, type Person, type World } from './world';

let world: World;
let victim: Person;

beforeAll(async () => {
  world = await buildWorld();
  victim = world.ours.students[0];
});
afterAll(async () => {
  await world.app.stop();
});

function get(path: string, auth: string) {
  return world.app.http.get(path).set('Authorization', auth);
}

function graphql(query: string, auth: string) {
  return world.app.http.post('/graphql').set('Authorization', auth).send({ query });
}

function errorCodes(body: { errors?: Array<{ extensions?: { code?: string } }> }): string[] {
  return (body.errors ?? []).map((e) => e.extensions?.code ?? '');
}

/** The search lines of one person's audit trail, oldest first. */
async function searchLines(email: string): Promise<Array<Record<string, any>>> {
  const { rows } = await world.app.strapi.db.connection.raw("SELECT * FROM audit_logs WHERE action = 'search' AND actor_label = ? ORDER BY id", [email]);
  return (rows as Array<Record<string, any>>).map((row) => ({ ...row, fields: typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields }));
}

/** The reported candidate set: same region prefix, birth date, gender and last 4, the victim's among them. */
function nationalIdCandidates(person: Person, count: number): string[] {
  const birth = person.nationalId.slice(6, 14);
  const sequence = Number(person.nationalId.slice(14, 17));
  const others = Array.from({ length: count - 1 }, (_, i) => composeNationalId(`${person.nationalId.slice(0, 3)}${String(i).padStart(3, '0')}`, birth, sequence));
  return [...others.filter((id) => id !== person.nationalId).slice(0, count - 1), person.nationalId];
}

function orOverNationalIds(candidates: string[], prefix = 'filters[$or]'): string {
  return candidates.map((c, i) => `${prefix}[${i}][nationalId][$eq]=${c}`).join('&');
}

function expectRefusalNaming(response: { status: number; body: any }, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.error.name).toBe('ValidationError');
  expect(JSON.stringify(response.body.error)).toContain(field);
}

describe('REST: the reported bisection and its variants are refused before any row is read', () => {
  test('Given the 91 candidates split in halves, When the clerk asks $or over each half, Then both are the same 400 naming nationalId, and no search is logged', async () => {
    const candidates = nationalIdCandidates(victim, 91);
    const withVictim = await get(`/api/students?${orOverNationalIds(candidates.slice(45))}`, world.clerk.api);
    const withoutVictim = await get(`/api/students?${orOverNationalIds(candidates.slice(0, 45))}`, world.clerk.api);

    expectRefusalNaming(withVictim, 'nationalId');
    expect(withVictim.body).toEqual(withoutVictim.body);
    expect(await searchLines(world.clerk.email)).toEqual([]);
  });

  test.each([
    ['$in', (p: Person) => `filters[nationalId][$in][0]=${p.nationalId}&filters[nationalId][$in][1]=430000200001010011`, 'nationalId'],
    ['$notIn', (p: Person) => `filters[nationalId][$notIn][0]=${p.nationalId}`, 'nationalId'],
    ['$ne', (p: Person) => `filters[nationalId][$ne]=${p.nationalId}`, 'nationalId'],
    ['$not', (p: Person) => `filters[$not][nationalId][$eq]=${p.nationalId}`, 'nationalId'],
    ['$eqi', (p: Person) => `filters[nationalId][$eqi]=${p.nationalId}`, 'nationalId'],
    ['$null', () => 'filters[phone][$null]=true', 'phone'],
    ['$notNull', () => 'filters[phone][$notNull]=true', 'phone'],
    ['$contains', (p: Person) => `filters[phone][$contains]=${p.phone.slice(3, 7)}`, 'phone'],
    ['$startsWith', (p: Person) => `filters[nationalId][$startsWith]=${p.nationalId.slice(0, 10)}`, 'nationalId'],
    ['$lt', (p: Person) => `filters[nationalId][$lt]=${p.nationalId}`, 'nationalId'],
    ['$or with one value', (p: Person) => `filters[$or][0][phone][$eq]=${p.phone}`, 'phone'],
    ['$and holding an $or', (p: Person) => `filters[$and][0][$or][0][nationalId][$eq]=${p.nationalId}`, 'nationalId'],
    ['two values on one field', (p: Person) => `filters[$and][0][nationalId][$eq]=${p.nationalId}&filters[$and][1][nationalId][$eq]=430000200001010011`, 'nationalId'],
    ['a national ID and a phone at once', (p: Person) => `filters[nationalId][$eq]=${p.nationalId}&filters[phone][$eq]=${p.phone}`, 'phone'],
    ['a masked value', (p: Person) => `filters[nationalId][$eq]=${p.nationalIdMask}`, 'nationalId'],
    ['homeAddress (not searchable)', (p: Person) => `filters[homeAddress][$eq]=${encodeURIComponent(p.homeAddress)}`, 'homeAddress'],
  ])('Given %s on a protected field, When the clerk lists students, Then 400 naming the field', async (_label, filter, field) => {
    const response = await get(`/api/students?${filter(victim)}`, world.clerk.api);

    expectRefusalNaming(response, field);
  });

  test.each([
    ['sort=nationalId', 'nationalId'],
    ['sort=phone:desc', 'phone'],
    ['sort[0][homeAddress]=asc', 'homeAddress'],
  ])('Given %s, When the clerk lists students, Then 400 naming the field', async (sort, field) => {
    const response = await get(`/api/students?${sort}`, world.clerk.api);

    expectRefusalNaming(response, field);
  });

  test.each([
    ['a status-change list filtered by student.nationalId', (p: Person) => `/api/status-changes?filters[student][nationalId][$eq]=${p.nationalId}`, 'nationalId'],
    ['a class list filtered by students.phone', (p: Person) => `/api/school-classes?filters[students][phone][$eq]=${p.phone}`, 'phone'],
    ['a department list filtered down to students.nationalId', (p: Person) => `/api/departments?filters[majors][classes][students][nationalId][$eq]=${p.nationalId}`, 'nationalId'],
    ['a class list populating students filtered by nationalId', (p: Person) => `/api/school-classes?populate[students][filters][nationalId][$eq]=${p.nationalId}`, 'nationalId'],
    ['a class list sorted by students.nationalId', () => '/api/school-classes?sort=students.nationalId:asc', 'nationalId'],
  ])('Given %s, When the clerk asks, Then 400 naming the field', async (_label, path, field) => {
    const response = await get(path(victim), world.clerk.api);

    expectRefusalNaming(response, field);
  });
});

describe('GraphQL: an `or` of many values, nested relation filters and aliases are refused', () => {
  test('Given an `or` of 1,000 phones (the victim\'s among them), When the clerk queries students, Then BAD_USER_INPUT and no data', async () => {
    const phones = Array.from({ length: 999 }, (_, i) => `${victim.phone.slice(0, 7)}${String(i).padStart(4, '0')}`).concat(victim.phone);
    const or = phones.map((p) => `{ phone: { eq: "${p}" } }`).join(', ');

    const response = await graphql(`{ students(filters: { or: [${or}] }) { documentId } }`, world.clerk.api);

    expect(errorCodes(response.body)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.data?.students ?? null).toBeNull();
    expect(JSON.stringify(response.body.errors)).toContain('phone');
  });

  test('Given a class whose students are filtered by nationalId (a relation loader), When the clerk queries, Then BAD_USER_INPUT and no student', async () => {
    const query = `{ schoolClasses { documentId students(filters: { nationalId: { eq: "${victim.nationalId}" } }) { documentId } } }`;

    const response = await graphql(query, world.clerk.api);

    expect(errorCodes(response.body)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(response.body.data ?? null)).not.toContain(victim.documentId);
  });

  test('Given two aliased exact searches with different values in one request, When the clerk queries, Then the second is refused', async () => {
    const query = `{ a: students(filters: { nationalId: { eq: "${victim.nationalId}" } }) { documentId } b: students(filters: { nationalId: { eq: "430000200001010011" } }) { documentId } }`;

    const response = await graphql(query, world.clerk.api);

    expect(errorCodes(response.body)).toContain('BAD_USER_INPUT');
  });

  test('Given one exact national ID, When the clerk queries students, Then the student is found', async () => {
    const response = await graphql(`{ students(filters: { nationalId: { eq: "${victim.nationalId}" } }) { documentId } }`, world.clerk.api);

    expect(response.body.errors).toBeUndefined();
    expect(ids(response.body.data.students)).toEqual([victim.documentId]);
  });
});

describe('Content Manager list', () => {
  test('Given $or over candidates, When the clerk filters the student list, Then 400 naming nationalId', async () => {
    const response = await get(`${CM_STUDENTS}?${orOverNationalIds(nationalIdCandidates(victim, 10))}`, world.clerk.admin);

    expectRefusalNaming(response, 'nationalId');
  });

  test('Given a sort on nationalId, When the clerk lists students, Then 400 naming nationalId', async () => {
    const response = await get(`${CM_STUDENTS}?sort=nationalId:ASC`, world.clerk.admin);

    expectRefusalNaming(response, 'nationalId');
  });

  test('Given filters[$and][0][nationalId][$eq] with one value, When the clerk lists students, Then exactly the student', async () => {
    const response = await get(`${CM_STUDENTS}?filters[$and][0][nationalId][$eq]=${victim.nationalId}`, world.clerk.admin);

    expect(response.status).toBe(200);
    expect(ids(response.body.results)).toEqual([victim.documentId]);
  });
});

describe('one exact value still finds the student, and is counted and logged', () => {
  let searcher: StaffActor;

  beforeAll(async () => {
    searcher = await createStaff(world.app, { adminRole: 'department-clerk', department: world.ours.tree.department.documentId, position: 'clerk' });
  });

  test('Given a clerk of the department, When they search one phone (REST list with its count), Then the student, and one search line naming the field without the value', async () => {
    const response = await get(`/api/students?filters[phone][$eq]=${victim.phone}`, searcher.api);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([victim.documentId]);
    expect(response.body.meta.pagination.total).toBe(1);
    const lines = await searchLines(searcher.email);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ actor_type: 'user', channel: 'rest', target_type: 'api::student.student' });
    expect(lines[0].fields).toEqual(['phone']);
    const audit = await wholeAuditTable(world.app);
    expect(audit).not.toContain(victim.phone);
    expect(audit).not.toContain(victim.nationalId);
  });

  test('Given the full-access API token (a trusted system), When it searches one national ID, Then the student, and a search line for the token', async () => {
    const response = await get(`/api/students?filters[nationalId]=${victim.nationalId.toLowerCase()}`, world.app.auth);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([victim.documentId]);
    const { rows } = await world.app.strapi.db.connection.raw("SELECT fields FROM audit_logs WHERE action = 'search' AND actor_type = 'api-token'");
    expect(rows.length).toBeGreaterThan(0);
  });

  test('Given another department\'s national ID, When the clerk searches it, Then nothing is found (the scope still applies), and it counts', async () => {
    const before = (await searchLines(searcher.email)).length;

    const response = await get(`/api/students?filters[nationalId][$eq]=${world.theirs.students[0].nationalId}`, searcher.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(await searchLines(searcher.email)).toHaveLength(before + 1);
  });
});

describe(`the limit: ${REVEALS_PER_WINDOW} reveals and exact searches per person in ${REVEAL_WINDOW_MINUTES} minutes`, () => {
  test(`Given a fresh clerk, When they make ${REVEALS_PER_WINDOW + 1} exact searches, Then the last is 429 with Retry-After, finds nothing, and is not logged`, async () => {
    const clerk = await createStaff(world.app, { adminRole: 'department-clerk', department: world.ours.tree.department.documentId, position: 'clerk' });
    for (let i = 0; i < REVEALS_PER_WINDOW; i += 1) {
      const ok = await get(`/api/students?filters[nationalId][$eq]=${victim.nationalId}`, clerk.api);
      expect(ok.status).toBe(200);
    }

    const over = await get(`/api/students?filters[nationalId][$eq]=${victim.nationalId}`, clerk.api);

    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(over.body)).not.toContain(victim.documentId);
    expect(await searchLines(clerk.email)).toHaveLength(REVEALS_PER_WINDOW);
  });

  test('Given a fresh clerk over the limit, When they search through GraphQL, Then 429 with Retry-After and no student', async () => {
    const clerk = await createStaff(world.app, { adminRole: 'department-clerk', department: world.ours.tree.department.documentId, position: 'clerk' });
    const query = `{ students(filters: { phone: { eq: "${victim.phone}" } }) { documentId } }`;
    for (let i = 0; i < REVEALS_PER_WINDOW; i += 1) expect((await graphql(query, clerk.api)).body.errors).toBeUndefined();

    const over = await graphql(query, clerk.api);

    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorCodes(over.body)).toEqual(['STRAPI_RATE_LIMIT_ERROR']);
    expect(JSON.stringify(over.body)).not.toContain(victim.documentId);
  });

  test('Given a manager who used the window on searches, When they reveal, Then 429: searches and reveals share one window', async () => {
    const manager = await createStaff(world.app, { adminRole: 'department-manager', department: world.ours.tree.department.documentId, position: 'manager' });
    for (let i = 0; i < REVEALS_PER_WINDOW; i += 1) {
      expect((await get(`/api/students?filters[phone][$eq]=${victim.phone}`, manager.api)).status).toBe(200);
    }

    const reveal = await world.app.http
      .post(`/api/students/${victim.documentId}/reveal`)
      .set('Authorization', manager.api)
      .send({ fields: ['nationalId'], reason: '核对学籍信息，办理转专业手续' });

    expect(reveal.status).toBe(429);
    expect(JSON.stringify(reveal.body)).not.toContain(victim.nationalId);
  });
});

describe('the blind index and cipher columns cannot be named from outside', () => {
  test.each([
    ['filters[nationalIdIndex][$eq]=0', 'REST filter on nationalIdIndex'],
    ['filters[phoneCipher][$startsWith]=v1', 'REST filter on phoneCipher'],
    ['sort=phoneIndex:asc', 'REST sort on phoneIndex'],
  ])('Given %s (%s), When the clerk lists students, Then 400', async (query) => {
    const response = await get(`/api/students?${query}`, world.clerk.api);

    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
  });

  test.each(['sort=nationalIdIndex:ASC', 'sort=homeAddressCipher:DESC'])('Given %s, When the clerk lists students in the Content Manager, Then 400', async (query) => {
    const response = await get(`${CM_STUDENTS}?${query}`, world.clerk.admin);

    expect(response.status).toBe(400);
    expect(response.body.results ?? null).toBeNull();
  });

  test.each([
    ['nationalIdIndex', '$eq', '0'],
    ['phoneCipher', '$startsWith', 'v1'],
  ])('Given a Content Manager filter on %s that would match all or nothing, When the clerk lists students, Then 400 or the filter is dropped (same rows both ways)', async (column, operator, value) => {
    const all = await get(`${CM_STUDENTS}?filters[${column}][${operator}]=${value}&pageSize=100`, world.clerk.admin);
    const none = await get(`${CM_STUDENTS}?filters[${column}][${operator}]=no-such-value&pageSize=100`, world.clerk.admin);

    expect(all.status).toBe(none.status);
    if (all.status !== 400) {
      expect(all.status).toBe(200);
      expect(ids(all.body.results)).toEqual(ids(none.body.results));
      expect(ids(all.body.results)).toContain(victim.documentId);
    }
  });
});

/**
 * GraphQL as a way around the scope: nested relation resolvers, connections with totals as an
 * aggregation oracle, lookups by documentId, relational filters inside arguments, private fields,
 * and the public (no token) side.
 */
import { buildWorld, ids, leaksOf, sortedIds, studentsIn, type World } from './world';

let world: World;

beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.stop();
});

const STUDENT_FIELDS = 'documentId name studentNumber nationalId phone homeAddress';

async function graphql(query: string, auth?: string) {
  const request = world.app.http.post('/graphql');
  if (auth) request.set('Authorization', auth);
  return request.send({ query });
}

function expectNothingOfTheirs(body: unknown) {
  expect(leaksOf(body, world.theirs)).toEqual([]);
}

function errorCodes(body: { errors?: Array<{ extensions?: { code?: string } }> }): string[] {
  return (body.errors ?? []).map((e) => e.extensions?.code ?? '');
}

function collect(body: unknown, key: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [k, child] of Object.entries(value)) {
        if (k === key && Array.isArray(child)) found.push(...child.map((s: { documentId: string }) => s.documentId));
        walk(child);
      }
    }
  };
  walk(body);
  return [...new Set(found)].sort();
}

describe('nested relations', () => {
  test('Given both departments by documentId, When the manager queries departments → majors → classes → students, Then only ours at every depth', async () => {
    const query = `{ departments(filters: { documentId: { in: ["${world.ours.tree.department.documentId}", "${world.theirs.tree.department.documentId}"] } }) {
      documentId name majors { documentId name classes { documentId name students { ${STUDENT_FIELDS} } } } } }`;
    const control = await graphql(query, world.academic.api);
    expect(collect(control.body, 'students')).toEqual([...sortedIds(world.ours.students), ...sortedIds(world.theirs.students)].sort());

    const response = await graphql(query, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(ids(response.body.data.departments)).toEqual([world.ours.tree.department.documentId]);
    expect(collect(response.body, 'students')).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });

  test('Given their class by documentId, When the manager queries schoolClasses with students and students_connection, Then nothing', async () => {
    const query = `{ schoolClasses(filters: { documentId: { eq: "${world.theirs.tree.schoolClass.documentId}" } }) { documentId students { ${STUDENT_FIELDS} } students_connection { nodes { ${STUDENT_FIELDS} } } } }`;

    const response = await graphql(query, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data.schoolClasses).toEqual([]);
    expectNothingOfTheirs(response.body);
  });

  test('Given our student, When the manager walks student → major → department → majors → classes → students, Then only ours', async () => {
    const query = `{ student(documentId: "${world.ours.students[0].documentId}") { documentId major { department { majors { classes { students { ${STUDENT_FIELDS} } } } } } } }`;

    const response = await graphql(query, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data.student.documentId).toBe(world.ours.students[0].documentId);
    expect(collect(response.body, 'students')).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });
});

describe('totals as an aggregation oracle', () => {
  test('Given no filter, When the manager asks students_connection for its total, Then it is the number of our students', async () => {
    const response = await graphql('{ students_connection(pagination: { pageSize: 1 }) { nodes { documentId } pageInfo { total } } }', world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data.students_connection.pageInfo.total).toBe(await studentsIn(world.app, world.ours));
    expectNothingOfTheirs(response.body);
  });

  test('Given their department name, When the manager counts students_connection filtered by department.name, Then total 0 (academic affairs sees theirs)', async () => {
    const query = `{ students_connection(filters: { department: { name: { startsWith: "${world.theirs.departmentName}" } } }) { pageInfo { total } } }`;
    const control = await graphql(query, world.academic.api);
    expect(control.body.data.students_connection.pageInfo.total).toBe(world.theirs.students.length);

    const response = await graphql(query, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data.students_connection.pageInfo.total).toBe(0);
  });

  test('Given both majors, When the manager asks majors_connection for its total and nested classes_connection / students_connection nodes, Then only our numbers', async () => {
    const query = `{ majors_connection(filters: { documentId: { in: ["${world.ours.tree.major.documentId}", "${world.theirs.tree.major.documentId}"] } }) {
      pageInfo { total } nodes { documentId classes_connection { nodes { documentId students_connection { nodes { documentId } } } } } } }`;

    const response = await graphql(query, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data.majors_connection.pageInfo.total).toBe(1);
    expect(response.body.data.majors_connection.nodes).toEqual([
      {
        documentId: world.ours.tree.major.documentId,
        classes_connection: { nodes: [{ documentId: world.ours.tree.schoolClass.documentId, students_connection: { nodes: expect.any(Array) } }] },
      },
    ]);
    expect(response.body.data.majors_connection.nodes[0].classes_connection.nodes[0].students_connection.nodes.map((n: { documentId: string }) => n.documentId).sort()).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });
});

describe('lookups, filters and private fields', () => {
  test('Given their documentId, When the manager queries student(documentId), Then null and nothing of theirs', async () => {
    const response = await graphql(`{ student(documentId: "${world.theirs.students[0].documentId}") { ${STUDENT_FIELDS} } }`, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data.student).toBeNull();
    expectNothingOfTheirs(response.body);
  });

  test('Given a filter on department.name inside the arguments, When the manager queries students, Then []', async () => {
    const query = `{ students(filters: { department: { name: { startsWith: "${world.theirs.departmentName}" } } }) { ${STUDENT_FIELDS} } }`;

    const response = await graphql(query, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data.students).toEqual([]);
    expectNothingOfTheirs(response.body);
  });

  test('Given an $or of our and their department inside the arguments, When the manager queries students, Then only ours', async () => {
    const query = `{ students(pagination: { pageSize: 100 }, filters: { or: [{ department: { documentId: { eq: "${world.ours.tree.department.documentId}" } } }, { department: { documentId: { eq: "${world.theirs.tree.department.documentId}" } } }] }) { ${STUDENT_FIELDS} } }`;

    const response = await graphql(query, world.manager.api);

    expect(response.status).toBe(200);
    expect(ids(response.body.data.students)).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });

  test('Given a filter through user.role.users (every login of the school), When the manager queries students, Then a BAD_USER_INPUT error and no data', async () => {
    const response = await graphql(`{ students(filters: { user: { role: { users: { username: { startsWith: "student" } } } } }) { documentId } }`, world.manager.api);

    expect(response.status).toBe(200);
    expect(errorCodes(response.body)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.data).toBeNull();
  });

  test('Given a query for nationalIdCipher, When the manager sends it, Then 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await graphql('{ students { documentId nationalIdCipher } }', world.manager.api);

    expect(response.status).toBe(400);
    expect(errorCodes(response.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.data).toBeUndefined();
  });

  test('Given a filter on nationalIdIndex, When the manager sends it, Then 400 GRAPHQL_VALIDATION_FAILED (not a filter field)', async () => {
    const response = await graphql('{ students(filters: { nationalIdIndex: { startsWith: "a" } }) { documentId } }', world.manager.api);

    expect(response.status).toBe(400);
    expect(errorCodes(response.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  test.each(['nationalIdIndex:asc', 'nationalIdIndex:desc', 'phoneIndex:asc', 'nationalIdCipher:asc', 'user.password:asc', 'createdBy.password:asc', 'updatedBy.resetPasswordToken:desc'])(
    'Given sort "%s", When the manager queries students, Then a BAD_USER_INPUT error and no data',
    async (sort) => {
      const response = await graphql(`{ students(sort: "${sort}") { documentId } }`, world.manager.api);

      expect(response.status).toBe(200);
      expect(errorCodes(response.body)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.data).toBeNull();
    },
  );

  test('Given our students, When the manager asks for their login (user { username email }), Then FORBIDDEN for the field, no login data', async () => {
    const response = await graphql(`{ students(filters: { documentId: { eq: "${world.student.documentId}" } }) { documentId user { username email } } }`, world.manager.api);

    expect(response.status).toBe(200);
    expect(errorCodes(response.body)).toContain('FORBIDDEN');
    expect(JSON.stringify(response.body)).not.toContain('@students.example.com');
  });
});

describe('without a token', () => {
  test.each([
    ['students', () => `{ students { ${STUDENT_FIELDS} } }`],
    ['students_connection', () => '{ students_connection { pageInfo { total } } }'],
    ['student by documentId', () => `{ student(documentId: "${world.theirs.students[0].documentId}") { ${STUDENT_FIELDS} } }`],
    ['departments with students', () => `{ departments { documentId name majors { classes { students { ${STUDENT_FIELDS} } } } } }`],
    ['schoolClasses', () => '{ schoolClasses { documentId name } }'],
    ['majors', () => '{ majors { documentId name } }'],
  ])('Given no token, When %s is queried, Then FORBIDDEN and no data', async (_label, query) => {
    const response = await graphql(query());

    expect(response.status).toBe(200);
    expect(errorCodes(response.body)).toContain('FORBIDDEN');
    expect(JSON.stringify(response.body.data ?? null)).not.toMatch(/documentId|total/);
    expectNothingOfTheirs(response.body);
    expect(leaksOf(response.body, world.ours)).toEqual([]);
  });

  test('Given no token, When updateStudent is sent for one of ours, Then FORBIDDEN and the row is unchanged', async () => {
    const before = await world.app.strapi.db.query('api::student.student').findOne({ where: { documentId: world.ours.students[2].documentId } });

    const response = await graphql(`mutation { updateStudent(documentId: "${world.ours.students[2].documentId}", data: { ethnicity: "公开改" }) { documentId } }`);

    expect(response.status).toBe(200);
    expect(errorCodes(response.body)).toContain('FORBIDDEN');
    const after = await world.app.strapi.db.query('api::student.student').findOne({ where: { documentId: world.ours.students[2].documentId } });
    expect(after.ethnicity).toBe(before.ethnicity);
    expect(after.updatedAt).toEqual(before.updatedAt);
  });
});

/** The scope rules as data: memberships to scopes, scopes to `where` clauses and conditions. */
import { departmentInScope, scopeCondition, scopeFromMemberships, scopeWhere, type Scope } from '../../src/domain/scope';
import { scopeQuery, type ModelAttributes } from '../../src/services/scope/query-scope';

const membership = (departmentId: number | null, officeKind: string | null, active = true) => ({ active, departmentId, officeKind });

describe('scopeFromMemberships', () => {
  test.each([
    ['no membership', [], { kind: 'none' }],
    ['one department', [membership(3, null)], { kind: 'departments', departmentIds: [3] }],
    ['two departments, sorted, once each', [membership(5, null), membership(2, null), membership(5, null)], { kind: 'departments', departmentIds: [2, 5] }],
    ['an inactive membership counts for nothing', [membership(3, null, false)], { kind: 'none' }],
    ['academic affairs reaches the whole school', [membership(3, null), membership(null, 'academic-affairs')], { kind: 'all' }],
    ['leadership reaches the whole school', [membership(null, 'leadership')], { kind: 'all' }],
    ['the library supplies information but sees no student', [membership(null, 'library')], { kind: 'none' }],
    ['an inactive whole-school membership does not widen', [membership(4, null), membership(null, 'academic-affairs', false)], { kind: 'departments', departmentIds: [4] }],
  ])('%s', (_name, memberships, expected) => {
    const { staff: _staff, ...scope } = scopeFromMemberships(memberships) as Scope & { staff?: unknown };
    expect(scope).toEqual(expected);
  });

  test('keeps the units themselves, for the types whose visibility is their own', () => {
    expect(scopeFromMemberships([membership(3, null), membership(null, 'finance'), membership(null, 'library', false)])).toEqual({
      kind: 'departments',
      departmentIds: [3],
      staff: { departmentIds: [3], offices: ['finance'] },
    });
  });
});

describe('the integrity archive\'s own visibility (domain.md 5)', () => {
  const RECORD = 'api::integrity-record.integrity-record';
  const ARCHIVE = 'api::integrity-archive.integrity-archive';
  const staff = (departmentIds: number[], offices: string[]): Scope => {
    const memberships = [...departmentIds.map((id) => membership(id, null)), ...offices.map((office) => membership(null, office))];
    return scopeFromMemberships(memberships);
  };
  test.each([
    ['student affairs sees every record', RECORD, staff([], ['student-affairs']), null],
    ['the leadership sees every record', RECORD, staff([], ['leadership']), null],
    ['academic affairs sees the records it entered, though it sees every student', RECORD, staff([], ['academic-affairs']), { sourceOffice: { $in: ['academic-affairs'] } }],
    ['finance sees the records it entered', RECORD, staff([], ['finance']), { sourceOffice: { $in: ['finance'] } }],
    ['a department sees its students\' records', RECORD, staff([4], []), { departmentScope: { $in: [4] } }],
    ['a department member in an office sees both', RECORD, staff([4], ['library']), { $or: [{ departmentScope: { $in: [4] } }, { sourceOffice: { $in: ['library'] } }] }],
    ['an office sees no archive (they carry no source)', ARCHIVE, staff([], ['finance']), { id: { $in: [] } }],
    ['nobody without units sees anything', RECORD, staff([], []), { id: { $in: [] } }],
    ['a super admin (no memberships) sees all', RECORD, { kind: 'all' } as Scope, null],
    ['a student sees their own confirmed records only', RECORD, { kind: 'self', userId: 7 } as Scope, { $and: [{ student: { user: { id: 7 } } }, { state: { $ne: 'entered' } }] }],
  ] as Array<[string, string, Scope, unknown]>)('%s', (_name, uid, scope, expected) => {
    expect(scopeWhere(uid, scope)).toEqual(expected);
  });

  test('the admin condition says the same, false where nothing is reached', () => {
    expect(scopeCondition(RECORD, staff([], ['finance']))).toEqual({ sourceOffice: { $in: ['finance'] } });
    expect(scopeCondition(RECORD, staff([], ['student-affairs']))).toBe(true);
    expect(scopeCondition(ARCHIVE, staff([], ['finance']))).toBe(false);
  });
});

describe('scopeWhere', () => {
  const departments: Scope = { kind: 'departments', departmentIds: [1, 2] };
  test.each([
    ['api::student.student', departments, { departmentScope: { $in: [1, 2] } }],
    ['api::major.major', departments, { department: { id: { $in: [1, 2] } } }],
    ['api::school-class.school-class', departments, { major: { department: { id: { $in: [1, 2] } } } }],
    ['api::department.department', departments, { id: { $in: [1, 2] } }],
    ['api::office.office', departments, null],
    ['api::student.student', { kind: 'all' }, null],
    ['api::student.student', { kind: 'none' }, { id: { $in: [] } }],
    ['api::student.student', { kind: 'self', userId: 9 }, { user: { id: 9 } }],
    ['api::major.major', { kind: 'self', userId: 9 }, { id: { $in: [] } }],
    ['api::student.student', { kind: 'departments', departmentIds: [] }, { id: { $in: [] } }],
  ] as Array<[string, Scope, unknown]>)('%s in %j', (uid, scope, expected) => {
    expect(scopeWhere(uid, scope)).toEqual(expected);
  });

  test('the admin condition uses the same path in dotted form', () => {
    expect(scopeCondition('api::school-class.school-class', departments)).toEqual({ 'major.department.id': { $in: [1, 2] } });
    expect(scopeCondition('api::office.office', departments)).toBe(true);
    expect(scopeCondition('api::student.student', { kind: 'none' })).toBe(false);
    expect(scopeCondition('api::student.student', departments)).toEqual({ departmentScope: { $in: [1, 2] } });
  });

  test('departmentInScope', () => {
    expect(departmentInScope(departments, 2)).toBe(true);
    expect(departmentInScope(departments, 3)).toBe(false);
    expect(departmentInScope(departments, null)).toBe(false);
    expect(departmentInScope({ kind: 'all' }, null)).toBe(true);
    expect(departmentInScope({ kind: 'self', userId: 1 }, 2)).toBe(false);
  });
});

describe('scopeQuery', () => {
  const models: Record<string, Record<string, { type: string; target?: string }>> = {
    'api::department.department': { name: { type: 'string' }, majors: { type: 'relation', target: 'api::major.major' } },
    'api::major.major': { department: { type: 'relation', target: 'api::department.department' }, classes: { type: 'relation', target: 'api::school-class.school-class' } },
    'api::school-class.school-class': { major: { type: 'relation', target: 'api::major.major' }, students: { type: 'relation', target: 'api::student.student' } },
    'api::student.student': { name: { type: 'string' }, department: { type: 'relation', target: 'api::department.department' }, user: { type: 'relation', target: 'plugin::users-permissions.user' } },
    'plugin::users-permissions.user': { email: { type: 'string' } },
  };
  const attributesOf: ModelAttributes = (uid) => models[uid];
  const scope: Scope = { kind: 'departments', departmentIds: [7] };
  const studentLimit = { departmentScope: { $in: [7] } };

  test('the queried type gets the scope beside its own filters', () => {
    expect(scopeQuery('api::student.student', { where: { name: 'x' } }, scope, attributesOf).where).toEqual({ $and: [{ name: 'x' }, studentLimit] });
  });

  test('a filter through a relation is limited to in-scope related rows', () => {
    const { where } = scopeQuery('api::school-class.school-class', { where: { students: { name: { $startsWith: '张' } } } }, scope, attributesOf) as { where: any };
    expect(where.$and[0]).toEqual({ students: { $and: [{ name: { $startsWith: '张' } }, studentLimit] } });
  });

  test('filters under $or and $not are scoped too', () => {
    const { where } = scopeQuery('api::school-class.school-class', { where: { $or: [{ students: { name: 'a' } }] } }, scope, attributesOf) as { where: any };
    expect(where.$and[0].$or[0].students.$and[1]).toEqual(studentLimit);
  });

  describe('a filter on a relation by the related row\'s id, in every spelling Strapi reads', () => {
    const on = (value: unknown) => (scopeQuery('api::school-class.school-class', { where: { students: value } }, scope, attributesOf) as { where: any }).where.$and[0].students;
    test.each([
      ['a bare id (students=5), which Strapi reads as the id', 5, { $and: [{ id: 5 }, studentLimit] }],
      ['a list of ids', [5, 6], { $and: [{ id: [5, 6] }, studentLimit] }],
      ['an operator on the relation ($eq)', { $eq: 5 }, { $and: [{ id: { $eq: 5 } }, studentLimit] }],
      ['an operator on the relation ($in)', { $in: [5, 6] }, { $and: [{ id: { $in: [5, 6] } }, studentLimit] }],
      ['$not with a bare value is an id condition', { $not: 5 }, { $and: [{ id: { $not: 5 } }, studentLimit] }],
      ['an operator beside a field', { name: 'x', $ne: 5 }, { $and: [{ $and: [{ name: 'x' }, { id: { $ne: 5 } }] }, studentLimit] }],
      ['$or of fields stays a logical group', { $or: [{ name: 'x' }] }, { $and: [{ $or: [{ name: 'x' }] }, studentLimit] }],
    ] as Array<[string, unknown, unknown]>)('%s', (_name, value, expected) => {
      expect(on(value)).toEqual(expected);
    });

    test('a relation to an unscoped type keeps Strapi\'s own reading', () => {
      const { where } = scopeQuery('api::student.student', { where: { user: 9 } }, scope, attributesOf) as { where: any };
      expect(where.$and[0]).toEqual({ user: 9 });
    });
  });

  test('populate at any depth, from *, arrays and dotted paths', () => {
    const star = scopeQuery('api::school-class.school-class', { populate: '*' }, scope, attributesOf).populate as any;
    expect(star.students.where).toEqual(studentLimit);
    const dotted = scopeQuery('api::department.department', { populate: ['majors.classes.students'] }, scope, attributesOf).populate as any;
    expect(dotted.majors.populate.classes.populate.students.where).toEqual(studentLimit);
    const nested = scopeQuery('api::major.major', { populate: { classes: { populate: { students: { where: { name: 'b' } } } } } }, scope, attributesOf).populate as any;
    expect(nested.classes.populate.students.where).toEqual({ $and: [{ name: 'b' }, studentLimit] });
  });

  test('relations to unscoped types are left alone', () => {
    const populate = scopeQuery('api::student.student', { populate: { user: true } }, scope, attributesOf).populate as any;
    expect(populate.user).toEqual({});
  });

  describe('a sort through a relation', () => {
    const sortModels: Record<string, Record<string, { type: string; target?: string; relation?: string }>> = {
      ...models,
      'api::integrity-record.integrity-record': {
        title: { type: 'string' },
        student: { type: 'relation', relation: 'manyToOne', target: 'api::student.student' },
      },
      'api::student.student': {
        name: { type: 'string' },
        birthDate: { type: 'date' },
        department: { type: 'relation', relation: 'manyToOne', target: 'api::department.department' },
        user: { type: 'relation', relation: 'oneToOne', target: 'plugin::users-permissions.user' },
      },
      'api::school-class.school-class': { name: { type: 'string' }, students: { type: 'relation', relation: 'oneToMany', target: 'api::student.student' } },
    };
    const sortAttributes: ModelAttributes = (uid) => sortModels[uid];
    const finance: Scope = { kind: 'none', staff: { departmentIds: [], offices: ['finance'] } };

    test('keeps only rows whose related row is in scope, beside the filters', () => {
      const { where } = scopeQuery('api::integrity-record.integrity-record', { where: { title: 'x' }, orderBy: [{ student: { birthDate: 'asc' } }, { title: 'asc' }] }, scope, sortAttributes) as { where: any };
      expect(where.$and[1]).toEqual({ student: studentLimit });
    });

    test('deeper relations are limited at each step', () => {
      const { where } = scopeQuery('api::integrity-record.integrity-record', { orderBy: { student: { department: { name: 'desc' } } } }, scope, sortAttributes) as { where: any };
      expect(where.$and[1]).toEqual({ student: { $and: [{ department: { id: { $in: [7] } } }, studentLimit] } });
    });

    test('a populated relation sorted through its own relations is limited the same way', () => {
      const populate = scopeQuery('api::school-class.school-class', { populate: { students: { orderBy: { department: { name: 'asc' } } } } }, scope, sortAttributes).populate as any;
      expect(populate.students.where).toEqual({ $and: [studentLimit, { department: { id: { $in: [7] } } }] });
    });

    test('a type the scope reaches none of (a source office and students) is refused, naming sort', () => {
      expect(() => scopeQuery('api::integrity-record.integrity-record', { orderBy: { student: { birthDate: 'desc' } } }, finance, sortAttributes)).toThrow(
        expect.objectContaining({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: ['sort'] })] } }),
      );
    });

    test('a to-many relation into a scoped type is refused; own columns and unscoped targets add nothing', () => {
      expect(() => scopeQuery('api::school-class.school-class', { orderBy: { students: { name: 'asc' } } }, scope, sortAttributes)).toThrow(expect.objectContaining({ name: 'ValidationError' }));
      expect(scopeQuery('api::student.student', { orderBy: [{ name: 'asc' }, { user: { email: 'asc' } }, 'birthDate'] }, scope, sortAttributes).where).toEqual(studentLimit);
      expect(scopeQuery('api::integrity-record.integrity-record', { orderBy: { student: { birthDate: 'asc' } } }, { kind: 'all' }, sortAttributes).where).toBeUndefined();
    });
  });
});

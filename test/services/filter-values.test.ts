import { errors } from '@strapi/utils';
import { assertFilterValues } from '../../src/services/filter-values';
import type { ModelAttributes } from '../../src/services/scope/query-scope';

const MODELS: Record<string, Record<string, { type: string; target?: string }>> = {
  student: {
    id: { type: 'increments' },
    name: { type: 'string' },
    enrollmentYear: { type: 'integer' },
    birthDate: { type: 'date' },
    createdAt: { type: 'datetime' },
    schoolClass: { type: 'relation', target: 'class' },
  },
  class: { id: { type: 'increments' }, active: { type: 'boolean' }, average: { type: 'decimal' }, students: { type: 'relation', target: 'student' } },
};
const attributesOf: ModelAttributes = (uid) => MODELS[uid];

function refusal(params: Record<string, unknown>): { path: string[] } | null {
  try {
    assertFilterValues('student', params, attributesOf);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(errors.ValidationError);
    return (error as errors.ValidationError).details.errors[0];
  }
}

describe('filter values the database could not compare are refused, naming the filter', () => {
  test.each([
    ['a text id', { id: 'abc' }, 'filters.id'],
    ['a text in $gt on an integer', { enrollmentYear: { $gt: 'abc' } }, 'filters.enrollmentYear.$gt'],
    ['an integer beyond 32 bits', { enrollmentYear: { $lt: '99999999999' } }, 'filters.enrollmentYear.$lt'],
    ['a fraction for an integer', { enrollmentYear: 1.5 }, 'filters.enrollmentYear'],
    ['a bad item of $in', { id: { $in: ['1', 'x'] } }, 'filters.id.$in.1'],
    ['one value for $between', { id: { $between: 1 } }, 'filters.id.$between'],
    ['an impossible date', { birthDate: { $gt: '2023-02-30' } }, 'filters.birthDate.$gt'],
    ['year zero', { birthDate: '0000-01-01' }, 'filters.birthDate'],
    ['not a date-time', { createdAt: { $lt: 'notadate' } }, 'filters.createdAt.$lt'],
    ['a NUL byte in text', { name: { $eq: 'a\u0000' } }, 'filters.name.$eq'],
    ['LIKE on an integer', { enrollmentYear: { $contains: '1' } }, 'filters.enrollmentYear.$contains'],
    ['an operator on an operator', { id: { $eq: { $eq: 1 } } }, 'filters.id.$eq'],
    ['an unknown operator', { id: { $like: 1 } }, 'filters.id.$like'],
    ['$or that is not a list', { $or: { id: 1 } }, 'filters.$or'],
    ['an operator at the top', { $eq: 1 }, 'filters.$eq'],
    ['a text relation id', { schoolClass: 'abc' }, 'filters.schoolClass'],
    ['a text in an operator on a relation id', { schoolClass: { $in: ['abc'] } }, 'filters.schoolClass.$in.0'],
    ['a bad value through a relation', { schoolClass: { active: 'maybe' } }, 'filters.schoolClass.active'],
    ['a bad decimal deep inside $and / $not', { $and: [{ $not: { schoolClass: { average: { $gte: 'Infinity' } } } }] }, 'filters.$and.0.$not.schoolClass.average.$gte'],
  ])('%s', (_name, where, path) => {
    expect(refusal({ where })?.path.join('.')).toBe(path);
  });

  test('a bad value in the filters of a populated relation, at any depth', () => {
    const populate = { schoolClass: { populate: { students: { where: { enrollmentYear: { $gt: 'x' } } } } } };
    expect(refusal({ populate })?.path.join('.')).toBe('populate.schoolClass.populate.students.filters.enrollmentYear.$gt');
  });
});

describe('the values Strapi and the server itself send pass', () => {
  test.each([
    ['ids as numbers and numeric strings', { id: { $in: [1, '2', ' 3 '] } }],
    ['null and $null', { enrollmentYear: null, birthDate: { $null: true } }],
    ['dates and date-times as text, numbers and Dates', { birthDate: { $between: ['2005-01-01', new Date()] }, createdAt: { $gt: '2024-01-01T00:00:00Z', $lt: Date.now() } }],
    ['booleans in Strapi\'s spellings', { schoolClass: { active: { $in: [true, 'false', 't', '0', 1] } } }],
    ['text operators on text, case-insensitive ones on any column', { name: { $contains: 'x' }, enrollmentYear: { $containsi: '20' } }],
    ['a Knex subquery', { id: { $in: Object.create({ toSQL: () => ({}) }) as object } }],
    ['a relation by id and by its fields', { schoolClass: { $and: [{ id: 1 }, { average: '80.5' }] } }],
    ['unknown keys (join columns)', { order: 'abc' }],
  ])('%s', (_name, where) => {
    expect(refusal({ where })).toBeNull();
  });
});

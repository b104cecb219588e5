/**
 * Reading a to-one relation's target out of request data (issue 10): one target or a 400, never a
 * guess; and the relation-arity middleware walks components and dynamic zones from the model.
 */
import { relationArity } from '../../src/document-middlewares/relation-arity';
import { relationTarget, sameStoredScalar } from '../../src/services/relations';

const path = (error: unknown) => (error as { details?: { errors?: Array<{ path: unknown }> } }).details?.errors?.[0]?.path;

function refusal(work: () => unknown): { name?: string; path?: unknown } | null {
  try {
    work();
    return null;
  } catch (error) {
    return { name: (error as Error).name, path: path(error) };
  }
}

describe('relationTarget', () => {
  test.each([
    ['undefined leaves the relation alone', undefined, undefined],
    ['null clears it', null, null],
    ['an empty array clears it', [], null],
    ['{ set: [] } clears it', { set: [] }, null],
    ['a disconnect alone clears it', { disconnect: [{ id: 3 }] }, null],
    ['empty lists leave it alone', { connect: [], disconnect: [] }, undefined],
    ['a documentId', 'abc', { documentId: 'abc' }],
    ['digits are an id, as Strapi reads them', '12', { id: 12 }],
    ['a number is an id', 7, { id: 7 }],
    ['{ documentId } wins over id', { id: 3, documentId: 'abc' }, { documentId: 'abc' }],
    ['without a documentId, the id', { id: 4, documentId: null }, { id: 4 }],
    ['connect of one with a position', { connect: [{ documentId: 'abc', position: { end: true } }] }, { documentId: 'abc' }],
    ['disconnect and connect of one', { disconnect: [{ id: 1 }], connect: [{ id: 2 }] }, { id: 2 }],
    ['set of one', { set: 'abc' }, { documentId: 'abc' }],
  ])('Given %s, Then it resolves to the one target', (_name, value, expected) => {
    expect(relationTarget(value, 'student')).toEqual(expected);
  });

  test.each([
    ['an array of two', ['a', 'b']],
    ['connect of two', { connect: [{ documentId: 'a' }, { documentId: 'b' }] }],
    ['set of two', { set: [1, 2] }],
    ['set beside connect', { set: ['a'], connect: ['b'] }],
    ['set emptied beside connect', { set: [], connect: ['b'] }],
    ['two of the same', ['a', 'a']],
  ])('Given %s, Then a ValidationError naming the field', (_name, value) => {
    expect(refusal(() => relationTarget(value, 'student'))).toEqual({ name: 'ValidationError', path: ['student'] });
  });

  test.each([
    ['a string Strapi would read as an id', '5abc'],
    ['an id that is not a number', { id: 'abc' }],
    ['an empty documentId', { documentId: '' }],
    ['a nested list', { connect: [['a', 'b']] }],
    ['an entry naming nothing', { connect: [{ position: { end: true } }] }],
  ])('Given %s, Then a ValidationError naming the field', (_name, value) => {
    expect(refusal(() => relationTarget(value, 'student'))).toEqual({ name: 'ValidationError', path: ['student'] });
  });
});

describe('sameStoredScalar', () => {
  test('Given a JSON value sent back with its keys in another order, Then it is the stored one', () => {
    expect(sameStoredScalar([{ unit: 'department', number: 1 }], [{ number: 1, unit: 'department' }])).toBe(true);
  });

  test('Given a JSON value that differs, or one sent where none is stored, Then it is not the stored one', () => {
    expect(sameStoredScalar([{ number: 2 }], [{ number: 1 }])).toBe(false);
    expect(sameStoredScalar({ forged: true }, null)).toBe(false);
  });
});

describe('relationArity on components', () => {
  const link = { type: 'relation', relation: 'manyToOne', target: 'api::x.x' };
  const strapi = {
    getModel: () => ({ attributes: { owner: link, tags: { type: 'relation', relation: 'manyToMany' }, block: { type: 'component', component: 'a.b' }, rows: { type: 'component', component: 'a.b', repeatable: true }, zone: { type: 'dynamiczone' } } }),
    components: { 'a.b': { attributes: { who: link } } },
  };
  const run = (data: Record<string, unknown>) => relationArity(strapi as never)({ uid: 'api::y.y', action: 'create', params: { data } }, async () => 'written');

  test.each([
    ['a top-level to-one', { owner: ['a', 'b'] }, ['owner']],
    ['a component relation', { block: { who: { connect: ['a', 'b'] } } }, ['block', 'who']],
    ['a repeatable component relation', { rows: [{ who: 'a' }, { who: ['a', 'b'] }] }, ['rows', 1, 'who']],
    ['a dynamic zone relation', { zone: [{ __component: 'a.b', who: { set: ['a', 'b'] } }] }, ['zone', 0, 'who']],
  ])('Given %s with two targets, Then a 400 with its path and nothing written', async (_name, data, expected) => {
    await expect(run(data)).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [{ path: expected }] } });
  });

  test('Given a to-many relation with two targets and to-one relations with one, Then the write goes on', async () => {
    await expect(run({ tags: ['a', 'b'], owner: 'a', rows: [{ who: { connect: [{ documentId: 'b', position: { end: true } }] } }] })).resolves.toBe('written');
  });
});

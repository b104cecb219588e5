import { actionOffered, createFormLayout, formOf, isYearField, offeredFilters, saveAllowed, STATUS_CHANGE, STUDENT } from '../../src/admin/content-manager-rules';

const layout = { layout: [[[{ name: 'name', disabled: false }, { name: 'schoolClass', disabled: true }], [{ name: 'status', disabled: true }]]] };

describe('the Content Manager rules', () => {
  test('the admin path names the type and the create form', () => {
    expect(formOf(`/admin/content-manager/collection-types/${STUDENT}/create`)).toEqual({ model: STUDENT, creating: true });
    expect(formOf(`/admin/content-manager/collection-types/${STUDENT}/abc123`)).toEqual({ model: STUDENT, creating: false });
    expect(formOf('/admin/settings')).toEqual({ model: null, creating: false });
  });

  test("a student's class is chosen on the create form only; status stays read-only", () => {
    const creating = createFormLayout(layout, `/admin/content-manager/collection-types/${STUDENT}/create`);
    expect(creating.layout[0][0][1]).toEqual({ name: 'schoolClass', disabled: false });
    expect(creating.layout[0][1][0]).toEqual({ name: 'status', disabled: true });
    expect(createFormLayout(layout, `/admin/content-manager/collection-types/${STUDENT}/abc123`)).toBe(layout);
    expect(createFormLayout(layout, `/admin/content-manager/collection-types/${STATUS_CHANGE}/create`)).toBe(layout);
  });

  test('no copy or delete of students, requests and logs; organisation types keep both', () => {
    expect(actionOffered('clone', STUDENT)).toBe(false);
    expect(actionOffered('delete', STUDENT)).toBe(false);
    expect(actionOffered('delete', 'api::audit-log.audit-log')).toBe(false);
    expect(actionOffered('clone', STATUS_CHANGE)).toBe(false);
    expect(actionOffered('update', STUDENT)).toBe(true);
    expect(actionOffered('clone', 'api::school-class.school-class')).toBe(true);
    expect(actionOffered('delete', 'api::department.department')).toBe(true);
  });

  test('a request is saved only as a draft or when returned', () => {
    expect(saveAllowed(STATUS_CHANGE, { state: 'draft' })).toBe(true);
    expect(saveAllowed(STATUS_CHANGE, { state: 'returned' })).toBe(true);
    expect(saveAllowed(STATUS_CHANGE, { state: 'submitted' })).toBe(false);
    expect(saveAllowed(STATUS_CHANGE, { state: 'approved' })).toBe(false);
    expect(saveAllowed(STATUS_CHANGE, null)).toBe(true);
    expect(saveAllowed(STUDENT, { state: 'pending' })).toBe(true);
  });

  test('filters leave out ids and timestamps; years are years', () => {
    const names = offeredFilters([{ name: 'id' }, { name: 'documentId' }, { name: 'createdAt' }, { name: 'updatedAt' }, { name: 'name' }, { name: 'status' }]).map((filter) => filter.name);
    expect(names).toEqual(['name', 'status']);
    expect(isYearField('enrollmentYear')).toBe(true);
    expect(isYearField('programLength')).toBe(false);
  });
});

import { actionOffered, createFormLayout, documentTag, formLocked, formOf, isYearField, LOCKED_DOCUMENT, lockedFormLayout, lockedSaveLabel, offeredFilters, saveAllowed, STATUS_CHANGE, STUDENT, withLock } from '../../src/admin/content-manager-rules';

const layout = { layout: [[[{ name: 'name', disabled: false }, { name: 'schoolClass', disabled: true }], [{ name: 'status', disabled: true }]]] };

describe('the Content Manager rules', () => {
  test('the admin path names the type and the create form', () => {
    expect(formOf(`/admin/content-manager/collection-types/${STUDENT}/create`)).toEqual({ model: STUDENT, creating: true, documentId: null });
    expect(formOf(`/admin/content-manager/collection-types/${STUDENT}/abc123`)).toEqual({ model: STUDENT, creating: false, documentId: 'abc123' });
    expect(formOf('/admin/settings')).toEqual({ model: null, creating: false, documentId: null });
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

  test('a registration list offers its own filters only, in order: state, semester, department, class, overdue first; no engine columns', () => {
    const all = ['id', 'round', 'chain', 'currentStep', 'workflowState', 'overdue', 'schoolClass', 'state', 'semester', 'department', 'student', 'conditionsMet'].map((name) => ({ name }));
    const names = offeredFilters(all, 'api::registration.registration').map((filter) => filter.name);
    expect(names).toEqual(['state', 'semester', 'department', 'schoolClass', 'overdue', 'conditionsMet', 'student']);
    // Other types keep every filter but the system's own.
    expect(offeredFilters(all, STATUS_CHANGE).map((filter) => filter.name)).toEqual(all.map((f) => f.name).filter((name) => name !== 'id'));
  });

  test('registrations and deferrals are neither copied nor deleted from the admin', () => {
    for (const model of ['api::registration.registration', 'api::registration-deferral.registration-deferral']) {
      expect(actionOffered('clone', model)).toBe(false);
      expect(actionOffered('delete', model)).toBe(false);
      expect(actionOffered('update', model)).toBe(true);
    }
  });

  describe("a request's form while it is under approval", () => {
    const requestPath = (documentId: string) => `/admin/content-manager/collection-types/${STATUS_CHANGE}/${documentId}`;
    const form = { layout: [[[{ name: 'reason', disabled: false }, { name: 'type', disabled: true }]]], settings: { mainField: 'reason' } as Record<string, unknown> };

    test.each([
      ['draft', false],
      ['returned', false],
      ['submitted', true],
      ['approved', true],
      ['rejected', true],
      ['withdrawn', true],
    ])('a request in state %s is locked: %s (the server saves only drafts and returned requests)', (state, locked) => {
      expect(formLocked(STATUS_CHANGE, { state })).toBe(locked);
    });

    test('the locked document has every field disabled; another document of the type keeps its form', () => {
      const settings = withLock(form.settings, 'req1', true);
      expect(settings).toEqual({ mainField: 'reason', [LOCKED_DOCUMENT]: 'req1' });
      const locked = lockedFormLayout({ ...form, settings }, requestPath('req1'));
      expect(locked.layout).toEqual([[[{ name: 'reason', disabled: true }, { name: 'type', disabled: true }]]]);
      expect(lockedFormLayout({ ...form, settings }, requestPath('req2'))).toEqual({ ...form, settings });
      expect(lockedFormLayout({ ...form, settings }, `/admin/content-manager/collection-types/${STATUS_CHANGE}/create`).layout).toEqual(form.layout);
    });

    test("unlocking removes the document's lock only, and a form without a lock is left as it is", () => {
      const settings = withLock(form.settings, 'req1', true);
      expect(withLock(settings, 'req1', false)).toEqual({ mainField: 'reason' });
      expect(withLock(settings, 'req2', false)).toBe(settings);
      expect(lockedFormLayout(form, requestPath('req1'))).toBe(form);
    });

    test('the greyed save button says why, by the state', () => {
      expect(lockedSaveLabel('submitted')).toBe('审批中，不能修改');
      expect(lockedSaveLabel('approved')).toBe('已办结，不能修改');
      expect(lockedSaveLabel('rejected')).toBe('已办结，不能修改');
      expect(lockedSaveLabel('withdrawn')).toBe('已撤回，不能修改');
    });

    test("after a workflow action the edit view's document is refetched through its cache tag", () => {
      expect(documentTag(STATUS_CHANGE, 'req1')).toEqual({ type: 'Document', id: `${STATUS_CHANGE}_req1` });
    });
  });
});

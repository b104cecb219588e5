/**
 * The role table, through every door: for every product role x every staff action
 * (src/domain/permissions.ts) x every door that offers it (REST, GraphQL, the admin), the answer
 * is "allowed" exactly when the role's definition (src/bootstrap/roles.ts) opens the action. Each
 * probe targets a record that does not exist or sends an invalid body, so an allowed probe answers
 * 200/400/404 and writes nothing; a forbidden one answers 403 (GraphQL: FORBIDDEN).
 */
import { ADMIN_ROLES, definedPermissions, type AdminRoleDefinition } from '../../src/bootstrap/roles';
import { STAFF_ACTIONS, staffActionsOf, SUPER_ADMIN_ROLE } from '../../src/domain/permissions';
import { createClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent, createRequest, suspensionData } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

const NOBODY = 'nosuchdocument0000000000';
/** A student inside the scope whose national ID fails its checksum: allowed people get a 400. */
const INVALID_STUDENT = { name: '权限探针', nationalId: '430102200509150016' };
const WORKFLOW = ['submit', 'resubmit', 'withdraw', 'approve', 'reject', 'return'];

type Door = 'rest' | 'graphql' | 'admin';
interface Probe {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
}

let app: TestApp;
/** The department's class: a student created there is inside every department role's scope. */
let ownClass: string;
const people = new Map<string, StaffActor>();

/** The unit a person of each role belongs to. */
const OFFICE_OF: Record<string, string> = {
  'school-leadership': 'leadership',
  'academic-affairs': 'academic-affairs',
  'student-affairs': 'student-affairs',
  'archive-office': 'archive',
  'integrity-source': 'finance',
  finance: 'finance',
  [SUPER_ADMIN_ROLE]: 'academic-affairs',
};

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  const tree = await createClassTree(app.strapi);
  ownClass = tree.schoolClass.documentId;
  for (const code of [...ADMIN_ROLES.map((r) => r.code), SUPER_ADMIN_ROLE]) {
    const unit = OFFICE_OF[code] ? { office: OFFICE_OF[code] } : { department: tree.department.documentId };
    people.set(code, await createStaff(app, { adminRole: code, ...unit }));
  }
});
afterAll(async () => {
  await app.stop();
});

function split(action: string): { uid: string; route: string } {
  const at = action.lastIndexOf('.');
  return { uid: action.slice(0, at), route: action.slice(at + 1) };
}

function info(uid: string) {
  return (app.strapi.contentTypes as Record<string, { kind: string; info: { singularName: string; pluralName: string } }>)[uid];
}

/**
 * Fee statuses (issue 16): a create naming no student reaches the write checks (400 when allowed),
 * an import for no semester is a 400 before the file is read; the rest as for every type.
 */
const FEE_STATUS_PROBES: Record<Exclude<Door, 'graphql'>, Record<string, Probe>> = {
  rest: {
    'api::fee-status.fee-status.create': { method: 'post', path: '/api/fee-statuses', body: { data: { status: 'paid' } } },
    'api::fee-status.fee-status.update': { method: 'put', path: `/api/fee-statuses/${NOBODY}`, body: { data: { status: 'paid' } } },
    'api::fee-status.fee-status.import': { method: 'post', path: '/api/fee-statuses/import', body: { semester: '' } },
    'api::fee-status.fee-status.importTemplate': { method: 'get', path: '/api/fee-statuses/import-template' },
  },
  admin: {
    'api::fee-status.fee-status.create': { method: 'post', path: '/content-manager/collection-types/api::fee-status.fee-status', body: { status: 'paid' } },
    'api::fee-status.fee-status.update': { method: 'put', path: `/content-manager/collection-types/api::fee-status.fee-status/${NOBODY}`, body: { status: 'paid' } },
  },
};
const FEE_STATUS_GRAPHQL: Record<string, string> = {
  'api::fee-status.fee-status.create': 'mutation { createFeeStatus(data: { status: paid }) { documentId } }',
  'api::fee-status.fee-status.update': `mutation { updateFeeStatus(documentId: "${NOBODY}", data: { status: paid }) { documentId } }`,
};

function restProbe(action: string): Probe | null {
  if (FEE_STATUS_PROBES.rest[action]) return FEE_STATUS_PROBES.rest[action];
  const { uid, route } = split(action);
  const { kind, info: names } = info(uid);
  const base = kind === 'singleType' ? `/api/${names.singularName}` : `/api/${names.pluralName}`;
  const custom: Record<string, Probe> = {
    admit: { method: 'post', path: `${base}/admissions`, body: { data: 'not rows' } },
    reveal: { method: 'post', path: `${base}/${NOBODY}/reveal`, body: {} },
    export: { method: 'get', path: `${base}/export?filters[name][$eq]=${NOBODY}` },
    timeline: { method: 'get', path: `${base}/${NOBODY}/timeline` },
    report: { method: 'get', path: `${base}/report` },
    attachDocuments: { method: 'post', path: `${base}/${NOBODY}/documents`, body: {} },
    document: { method: 'get', path: `${base}/${NOBODY}/documents/1` },
    inbox: { method: 'get', path: '/api/me/inbox' },
    decide: { method: 'post', path: `${base}/decisions`, body: {} },
    formPdf: { method: 'get', path: `${base}/${NOBODY}/form.pdf` },
    rosterPdf: { method: 'get', path: `${base}/${NOBODY}/roster.pdf` },
    // The integrity archive (issue 15).
    summary: { method: 'get', path: `${base}/${NOBODY}/summary` },
    confirm: { method: 'post', path: `${base}/${NOBODY}/confirm`, body: {} },
    checks: { method: 'post', path: '/api/integrity/checks', body: {} },
    review: { method: 'post', path: `${base}/${NOBODY}/review`, body: {} },
    attachEvidence: { method: 'post', path: `${base}/${NOBODY}/evidence`, body: {} },
    evidence: { method: 'get', path: `${base}/${NOBODY}/evidence/1` },
    // Third-party records: the import without a file (400 when allowed) and its template.
    import: { method: 'post', path: `${base}/import`, body: {} },
    importTemplate: { method: 'get', path: `${base}/import-template` },
    // Semester registration (issue 16): each probe names no semester or a malformed one (400 when allowed).
    open: { method: 'post', path: `${base}/open`, body: { semester: 'none' } },
    closeWindow: { method: 'post', path: `${base}/close-window`, body: { semester: 'none' } },
    reopen: { method: 'post', path: `${base}/${NOBODY}/reopen`, body: {} },
    unregistered: { method: 'get', path: `${base}/unregistered?semester=none` },
    ofStudent: { method: 'get', path: `/api/students/${NOBODY}/registration` },
    // The student archive (issue 17): a malformed format (400 when allowed), an archive that does not exist (404), an empty batch (400).
    completeness: { method: 'get', path: `${base}/completeness?format=${NOBODY}` },
    moveCustody: { method: 'post', path: `${base}/${NOBODY}/custody`, body: {} },
    moveCustodyBatch: { method: 'post', path: `${base}/custody`, body: {} },
    // Materials: filed into an archive that does not exist (404), a correction of none, a file of none.
    fileMaterial: { method: 'post', path: `/api/student-archives/${NOBODY}/materials`, body: {} },
    correct: { method: 'post', path: `${base}/${NOBODY}/corrections`, body: {} },
    file: { method: 'get', path: `${base}/${NOBODY}/files/1` },
    // The class roster check (issue 17): an empty production (400 when allowed), the rest on a roster or line that does not exist.
    produce: { method: 'post', path: base, body: {} },
    sheet: { method: 'get', path: `${base}/${NOBODY}/sheet` },
    pdf: { method: 'get', path: `${base}/${NOBODY}/pdf` },
    headTeacherCheck: { method: 'post', path: `${base}/${NOBODY}/head-teacher-check`, body: {} },
    registryCheck: { method: 'post', path: `${base}/${NOBODY}/registry-check`, body: {} },
    resolve: { method: 'post', path: `${base}/${NOBODY}/resolve`, body: {} },
    ...Object.fromEntries(WORKFLOW.map((w) => [w, { method: 'post', path: `${base}/${NOBODY}/${w}`, body: {} } as Probe])),
    // The archive's materials (issue 17): filing into no archive, correcting no material, no material's file (404).
    fileMaterial: { method: 'post', path: `/api/student-archives/${NOBODY}/materials`, body: {} },
    correct: { method: 'post', path: `${base}/${NOBODY}/corrections`, body: {} },
    file: { method: 'get', path: `${base}/${NOBODY}/files/1` },
    // The archive's transfers (issue 17): an application naming no archive (400), steps on no transfer (404), the follow-up.
    apply: { method: 'post', path: base, body: {} },
    check: { method: 'post', path: `${base}/${NOBODY}/check`, body: {} },
    send: { method: 'post', path: `${base}/${NOBODY}/send`, body: {} },
    receipt: { method: 'post', path: `${base}/${NOBODY}/receipt`, body: {} },
    cancel: { method: 'post', path: `${base}/${NOBODY}/cancel`, body: {} },
    followUp: { method: 'get', path: `${base}/follow-up` },
    runFollowUp: { method: 'post', path: `${base}/follow-up/run`, body: {} },
    retentionDue: { method: 'get', path: `${base}/retention-due` },
  };
  if (custom[route]) return custom[route];
  if (action === 'api::student.student.create') return { method: 'post', path: base, body: { data: { ...INVALID_STUDENT, schoolClass: ownClass } } };
  if (kind === 'singleType') return route === 'find' ? { method: 'get', path: base } : { method: 'put', path: base, body: { data: { unknownField: 1 } } };
  const crud: Record<string, Probe> = {
    find: { method: 'get', path: `${base}?pagination[pageSize]=1` },
    findOne: { method: 'get', path: `${base}/${NOBODY}` },
    create: { method: 'post', path: base, body: { data: { unknownField: 1 } } },
    update: { method: 'put', path: `${base}/${NOBODY}`, body: { data: {} } },
    delete: { method: 'delete', path: `${base}/${NOBODY}` },
  };
  return crud[route] ?? null;
}

/** The integrity archive's admin routes (src/services/integrity/admin-routes.ts); undefined for any other action. */
function integrityAdminProbe(uid: string, route: string): Probe | null | undefined {
  if (uid === 'api::integrity-archive.integrity-archive' && route === 'summary') return { method: 'get', path: `/student-records/integrity/students/${NOBODY}` };
  if (uid === 'api::integrity-record.integrity-record' && route === 'timeline') return { method: 'get', path: `/student-records/integrity/records/${NOBODY}/timeline` };
  const subject = { 'api::integrity-appeal.integrity-appeal': 'integrity-appeal', 'api::integrity-amendment.integrity-amendment': 'integrity-amendment' }[uid];
  if (!subject) return undefined;
  if (route === 'timeline') return { method: 'get', path: `/student-records/approvals/${subject}/${NOBODY}/timeline` };
  if (WORKFLOW.includes(route)) return { method: 'post', path: `/student-records/approvals/${subject}/${NOBODY}/${route}`, body: {} };
  // Batch decisions: not offered in the admin for these subjects.
  return route === 'decide' ? null : undefined;
}

/** Registration's own routes have no admin door of these forms (the Content Manager reads its rows); nor have the class roster's. */
const REGISTRATION_TYPES = ['api::registration.registration', 'api::registration-deferral.registration-deferral', 'api::fee-status.fee-status', 'api::class-roster.class-roster', 'api::roster-line.roster-line'];
const CRUD = ['find', 'findOne', 'create', 'update', 'delete'];

/** Semester registration's admin routes (src/services/registration/admin-routes.ts); undefined for any other action. */
function registrationAdminProbe(uid: string, route: string): Probe | null | undefined {
  const subject = { 'api::registration.registration': 'registration', 'api::registration-deferral.registration-deferral': 'registration-deferral' }[uid];
  if (!subject) return undefined;
  const base = '/student-records/registration';
  if (route === 'timeline') return { method: 'get', path: `${base}/approvals/${subject}/${NOBODY}/timeline` };
  if (route === 'document') return { method: 'get', path: `${base}/approvals/${subject}/${NOBODY}/documents/1` };
  if (WORKFLOW.includes(route)) return { method: 'post', path: `${base}/approvals/${subject}/${NOBODY}/${route}`, body: {} };
  if (subject !== 'registration') return route === 'decide' ? null : undefined;
  if (route === 'decide') return { method: 'post', path: `${base}/decisions`, body: {} };
  if (route === 'report') return { method: 'get', path: `${base}/report?format=${NOBODY}` };
  if (route === 'unregistered') return { method: 'get', path: `${base}/unregistered?format=${NOBODY}` };
  return undefined;
}

function adminProbe(action: string): Probe | null {
  if (FEE_STATUS_PROBES.admin[action]) return FEE_STATUS_PROBES.admin[action];
  const { uid, route } = split(action);
  const { kind } = info(uid);
  const integrity = integrityAdminProbe(uid, route);
  if (integrity !== undefined) return integrity;
  const registration = registrationAdminProbe(uid, route);
  if (registration !== undefined) return registration;
  if (REGISTRATION_TYPES.includes(uid) && !CRUD.includes(route)) return null;
  const statusChange = uid === 'api::status-change.status-change';
  // The integrity archive's other routes have no admin door of this form: the Content Manager's CRUD only.
  if (!statusChange && ['summary', 'confirm', 'checks', 'review', 'timeline', 'decide', 'attachEvidence', 'evidence', ...WORKFLOW].includes(route)) return null;
  // The student archive's filing and file routes are the content API's only.
  if (uid === 'api::archive-material.archive-material' && !CRUD.includes(route)) return null;
  if (route === 'reveal') return { method: 'post', path: `/student-records/students/${NOBODY}/reveal`, body: {} };
  if (route === 'export') return { method: 'get', path: `/student-records/excel/export/${uid}?filters[name][$eq]=${NOBODY}` };
  // The Excel import of new students (no file: 400 when allowed).
  if (route === 'admit') return { method: 'post', path: '/student-records/excel/admissions/import', body: {} };
  if (route === 'timeline') return { method: 'get', path: `/student-records/status-changes/${NOBODY}/timeline` };
  if (route === 'report') return { method: 'get', path: '/student-records/status-changes/report' };
  if (route === 'attachDocuments') return { method: 'post', path: `/student-records/status-changes/${NOBODY}/documents`, body: {} };
  if (route === 'document') return { method: 'get', path: `/student-records/status-changes/${NOBODY}/documents/1` };
  if (route === 'inbox') return { method: 'get', path: '/student-records/inbox' };
  if (route === 'decide') return { method: 'post', path: '/student-records/status-changes/decisions', body: {} };
  if (route === 'formPdf') return { method: 'get', path: `/student-records/status-changes/${NOBODY}/form.pdf` };
  if (route === 'rosterPdf') return { method: 'get', path: `/student-records/school-classes/${NOBODY}/roster.pdf` };
  if (WORKFLOW.includes(route)) return { method: 'post', path: `/student-records/status-changes/${NOBODY}/${route}`, body: {} };
  if (action === 'api::student.student.create') {
    return { method: 'post', path: `/content-manager/collection-types/${uid}`, body: { ...INVALID_STUDENT, schoolClass: { connect: [{ documentId: ownClass }] } } };
  }
  if (kind === 'singleType') {
    const path = `/content-manager/single-types/${uid}`;
    return route === 'find' ? { method: 'get', path } : route === 'update' ? { method: 'put', path, body: { unknownField: 1 } } : null;
  }
  const base = `/content-manager/collection-types/${uid}`;
  const crud: Record<string, Probe> = {
    find: { method: 'get', path: `${base}?page=1&pageSize=1` },
    findOne: { method: 'get', path: `${base}/${NOBODY}` },
    create: { method: 'post', path: base, body: {} },
    update: { method: 'put', path: `${base}/${NOBODY}`, body: {} },
    delete: { method: 'delete', path: `${base}/${NOBODY}` },
  };
  return crud[route] ?? null;
}

function graphqlProbe(action: string): string | null {
  if (FEE_STATUS_GRAPHQL[action]) return FEE_STATUS_GRAPHQL[action];
  const { uid, route } = split(action);
  const { kind } = info(uid);
  const naming = app.strapi.plugin('graphql').service('utils').naming;
  const type = app.strapi.contentTypes[uid as never];
  if (REGISTRATION_TYPES.includes(uid) && !CRUD.includes(route)) return null;
  if (uid !== 'api::status-change.status-change' && ['summary', 'confirm', 'checks', 'review', 'timeline', 'decide', 'inbox', 'attachEvidence', 'evidence', ...WORKFLOW].includes(route)) return null;
  const workflow: Record<string, string> = Object.fromEntries(
    WORKFLOW.map((w) => [w, `mutation { ${w}StatusChange(documentId: "${NOBODY}") { documentId } }`]),
  );
  const custom: Record<string, string> = {
    ...workflow,
    timeline: `{ statusChangeTimeline(documentId: "${NOBODY}") { documentId } }`,
    report: uid === 'api::registration.registration' ? '{ registrationReport { school { expected } } }' : '{ statusChangeReport { count } }',
    inbox: '{ myInbox { documentId } }',
    decide: 'mutation { decideStatusChanges(action: "approve", items: []) { decided } }',
  };
  if (custom[route]) return custom[route];
  if (route === 'reveal' || route === 'admit' || route === 'export') return null;
  if (action === 'api::student.student.create') {
    return `mutation { createStudent(data: { name: "${INVALID_STUDENT.name}", nationalId: "${INVALID_STUDENT.nationalId}", schoolClass: "${ownClass}" }) { documentId } }`;
  }
  if (kind === 'singleType') {
    return route === 'find' ? `{ ${naming.getFindOneQueryName(type)} { documentId } }` : `mutation { ${naming.getUpdateMutationTypeName(type)}(data: {}) { documentId } }`;
  }
  const crud: Record<string, string> = {
    find: `{ ${naming.getFindQueryName(type)}(pagination: { pageSize: 1 }) { documentId } }`,
    findOne: `{ ${naming.getFindOneQueryName(type)}(documentId: "${NOBODY}") { documentId } }`,
    create: `mutation { ${naming.getCreateMutationTypeName(type)}(data: {}) { documentId } }`,
    update: `mutation { ${naming.getUpdateMutationTypeName(type)}(documentId: "${NOBODY}", data: {}) { documentId } }`,
    delete: `mutation { ${naming.getDeleteMutationTypeName(type)}(documentId: "${NOBODY}") { documentId } }`,
  };
  return crud[route] ?? null;
}

/** What the role's definition opens: the expectation, from the definition alone. */
function opens(code: string): Set<string> {
  if (code === SUPER_ADMIN_ROLE) return new Set(Object.keys(STAFF_ACTIONS));
  const role = ADMIN_ROLES.find((r) => r.code === code) as AdminRoleDefinition;
  return staffActionsOf([{ code, permissions: definedPermissions(role) }]);
}

async function send(door: Exclude<Door, 'graphql'>, person: StaffActor, probe: Probe) {
  const request = app.http[probe.method](probe.path).set('Authorization', door === 'admin' ? person.admin : person.api);
  return probe.body === undefined ? request : request.send(probe.body as object);
}

/** 'allowed', 'forbidden', or what else came back (a bug either way). */
async function answer(door: Door, person: StaffActor, action: string): Promise<string | null> {
  if (door === 'graphql') {
    const query = graphqlProbe(action);
    if (!query) return null;
    const response = await app.http.post('/graphql').set('Authorization', person.api).send({ query });
    const codes: string[] = (response.body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code ?? '');
    if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) return `error ${JSON.stringify(response.body)}`;
    if (codes.includes('GRAPHQL_VALIDATION_FAILED')) return `invalid probe ${JSON.stringify(response.body.errors)}`;
    return codes.includes('FORBIDDEN') ? 'forbidden' : 'allowed';
  }
  const probe = door === 'rest' ? restProbe(action) : adminProbe(action);
  if (!probe) return null;
  const response = await send(door, person, probe);
  if (response.status === 403) return 'forbidden';
  if ([200, 201, 204, 400, 404].includes(response.status)) return 'allowed';
  return `status ${response.status} ${JSON.stringify(response.body)}`;
}

const ROLES = [...ADMIN_ROLES.map((r) => r.code), SUPER_ADMIN_ROLE];
const ACTIONS = Object.keys(STAFF_ACTIONS);

describe.each(ROLES)('role %s', (code) => {
  test.each(ACTIONS)('%s: the same answer on REST, GraphQL and the admin as the role table gives', async (action) => {
    // Given a person holding only this role
    const person = people.get(code) as StaffActor;
    const expected = opens(code).has(action) ? 'allowed' : 'forbidden';
    // When they try the action through each door that offers it
    const answers: Record<string, string | null> = {};
    for (const door of ['rest', 'graphql', 'admin'] as const) answers[door] = await answer(door, person, action);
    // Then every door answers as the role table says
    const offered = Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== null));
    expect(offered).toEqual(Object.fromEntries(Object.keys(offered).map((door) => [door, expected])));
    expect(offered.rest).toBeDefined();
  });
});

describe('the role table itself', () => {
  test('readers cannot reveal, admit, write or file; the archive office writes its archive\'s catalogue only; department clerks cannot admit or delete', () => {
    for (const code of ['school-leadership', 'archive-office']) {
      const open = opens(code);
      // The archive office keeps the student archive (issue 17): its catalogue of material kinds, the
      // materials it files, the archives it receives from the departments (the custody move) and the
      // transfers it runs are its to write.
      const ARCHIVE_WRITES = ['api::material-kind.material-kind', 'api::archive-material.archive-material', 'api::student-archive.student-archive', 'api::archive-transfer.archive-transfer'];
      const archiveOwn = (action: string) => code === 'archive-office' && ARCHIVE_WRITES.includes(STAFF_ACTIONS[action].subject ?? '');
      expect([...open].filter((action) => !archiveOwn(action)).every((action) => STAFF_ACTIONS[action].action.endsWith('.read'))).toBe(true);
      expect(open.has('api::student.student.reveal')).toBe(false);
    }
    expect(opens('archive-office').has('api::material-kind.material-kind.create')).toBe(true);
    expect(opens('archive-office').has('api::student-archive.student-archive.moveCustody')).toBe(true);
    for (const code of ['department-manager', 'department-clerk', 'academic-affairs']) expect(opens(code).has('api::student-archive.student-archive.moveCustodyBatch')).toBe(false);
    // Transfers: the archive office runs them; a department applies only; academic affairs reads them and the retention list.
    expect(opens('archive-office').has('api::archive-transfer.archive-transfer.send')).toBe(true);
    expect([...['apply', 'find'].map((a) => opens('department-clerk').has(`api::archive-transfer.archive-transfer.${a}`)), opens('department-clerk').has('api::archive-transfer.archive-transfer.check')]).toEqual([true, true, false]);
    expect(opens('academic-affairs').has('api::archive-transfer.archive-transfer.send')).toBe(false);
    expect(['academic-affairs', 'archive-office', 'department-manager'].map((c) => opens(c).has('api::student-archive.student-archive.retentionDue'))).toEqual([true, true, false]);
    const clerk = opens('department-clerk');
    expect(clerk.has('api::student.student.reveal')).toBe(false);
    expect(clerk.has('api::student.student.create')).toBe(false);
    expect(clerk.has('api::status-change.status-change.delete')).toBe(false);
    expect(opens('department-manager').has('api::student.student.reveal')).toBe(true);
    expect(opens('academic-affairs').has('api::student.student.admit')).toBe(true);
  });

  test('an admin who takes a permission from a role takes it from the content API too, on the next request', async () => {
    // Given a student-affairs person who may reveal through the content API
    const person = await createStaff(app, { adminRole: 'student-affairs', office: 'student-affairs' });
    const before = await app.http.post(`/api/students/${NOBODY}/reveal`).set('Authorization', person.api).send({});
    expect(before.status).toBe(400);
    // When the reveal permission is removed from the role in the admin
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'student-affairs' } })) as { id: number };
    const permission = (await app.strapi.db.query('admin::permission').findOne({ where: { role: role.id, action: 'api::reveal-personal-data' } })) as { id: number };
    await app.strapi.db.query('admin::permission').delete({ where: { id: permission.id } });
    try {
      // Then the same login is refused
      const after = await app.http.post(`/api/students/${NOBODY}/reveal`).set('Authorization', person.api).send({});
      expect(after.status).toBe(403);
    } finally {
      await app.strapi.db.query('admin::permission').create({ data: { action: 'api::reveal-personal-data', role: role.id, properties: {}, conditions: [] } });
    }
  });

  test('the timeline offers a clerk only the buttons their role allows, on REST and in the admin', async () => {
    // Given a clerk's draft request, and the clerk's role without 修改 (update) on status changes
    const tree = await createClassTree(app.strapi);
    const clerk = await createStaff(app, { adminRole: 'department-clerk', department: tree.department.documentId, position: 'clerk' });
    const student = await activeStudent(app, tree.schoolClass.documentId);
    const draft = await createRequest(app, clerk.api, suspensionData(student.documentId));
    const timeline = async () => [
      (await app.http.get(`/api/status-changes/${draft.documentId}/timeline`).set('Authorization', clerk.api)).body.data?.allowedActions,
      (await app.http.get(`/student-records/status-changes/${draft.documentId}/timeline`).set('Authorization', clerk.admin)).body.data?.allowedActions,
    ];
    expect(await timeline()).toEqual([
      ['submit', 'withdraw'],
      ['submit', 'withdraw'],
    ]);
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'department-clerk' } })) as { id: number };
    const where = { role: role.id, action: 'plugin::content-manager.explorer.update', subject: 'api::status-change.status-change' };
    const saved = (await app.strapi.db.query('admin::permission').findOne({ where })) as Record<string, unknown>;
    await app.strapi.db.query('admin::permission').delete({ where: { id: saved.id } });
    try {
      // When the clerk looks again
      // Then no door offers 提交 or 撤回, and submitting is refused
      expect(await timeline()).toEqual([[], []]);
      expect((await app.http.post(`/api/status-changes/${draft.documentId}/submit`).set('Authorization', clerk.api).send({})).status).toBe(403);
    } finally {
      await app.strapi.db.query('admin::permission').create({ data: { action: where.action, subject: where.subject, role: role.id, properties: saved.properties, conditions: saved.conditions } });
    }
  });

  test('a staff login whose admin login is deactivated may do nothing', async () => {
    const person = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
    await app.strapi.db.query('admin::user').update({ where: { email: person.email }, data: { isActive: false } });
    const response = await app.http.get('/api/students').set('Authorization', person.api);
    expect(response.status).toBe(403);
  });
});

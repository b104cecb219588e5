/**
 * People who act through the API: staff with an admin login and a content-API login joined by one
 * membership (as the demo seeds them), students with their own login, and the public.
 */
import type { TestApp } from '../helpers/strapi';

const PASSWORD = 'Actor-Pass-1234';
let sequence = 0;

export interface StaffActor {
  email: string;
  adminUserId: number;
  userId: number;
  /** `Authorization` for admin routes (Content Manager). */
  admin: string;
  /** `Authorization` for /api and /graphql (users-permissions JWT). */
  api: string;
}

export interface StaffOptions {
  /** Admin role code, e.g. 'department-manager', 'academic-affairs'. */
  adminRole: string;
  department?: string;
  office?: string;
  position?: 'clerk' | 'manager' | 'leader';
  active?: boolean;
}

function unique(prefix: string) {
  sequence += 1;
  return `${prefix}-${Date.now().toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 6)}`;
}

async function roleId(app: TestApp, uid: 'admin::role' | 'plugin::users-permissions.role', where: Record<string, unknown>): Promise<number> {
  const role = (await app.strapi.db.query(uid).findOne({ where })) as { id: number } | null;
  if (!role) throw new Error(`role ${JSON.stringify(where)} missing`);
  return role.id;
}

export async function adminLogin(app: TestApp, email: string, password = PASSWORD): Promise<string> {
  const response = await app.http.post('/admin/login').send({ email, password });
  const token = response.body?.data?.token ?? response.body?.data?.accessToken;
  if (!token) throw new Error(`admin login failed for ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return `Bearer ${token}`;
}

export async function apiLogin(app: TestApp, identifier: string, password = PASSWORD): Promise<string> {
  const response = await app.http.post('/api/auth/local').send({ identifier, password });
  if (!response.body?.jwt) throw new Error(`content API login failed for ${identifier}: ${response.status} ${JSON.stringify(response.body)}`);
  return `Bearer ${response.body.jwt}`;
}

/** A staff member of a department (documentId) or an office (kind), logged in on both sides. */
export async function createStaff(app: TestApp, options: StaffOptions): Promise<StaffActor> {
  const email = `${unique('staff')}@example.com`;
  const admin = (await app.strapi.service('admin::user').create({
    email,
    firstname: '测试',
    lastname: '教师',
    password: PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [await roleId(app, 'admin::role', { code: options.adminRole })],
  })) as { id: number };
  const user = (await app.strapi.plugin('users-permissions').service('user').add({
    username: email.split('@')[0],
    email,
    password: PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: await roleId(app, 'plugin::users-permissions.role', { type: 'staff' }),
  })) as { id: number; documentId: string };
  const unit = options.department
    ? { department: options.department }
    : { office: ((await app.strapi.db.query('api::office.office').findOne({ where: { kind: options.office } })) as { documentId: string }).documentId };
  await app.strapi.documents('api::staff-membership.staff-membership').create({
    data: { staffName: '测试教师', email, position: options.position ?? 'manager', ...unit, adminUser: admin.id, user: user.documentId, active: options.active ?? true } as never,
  });
  return { email, adminUserId: admin.id, userId: user.id, admin: await adminLogin(app, email), api: await apiLogin(app, email) };
}

/** A login (role "student") linked to the student, logged in. */
export async function createStudentLogin(app: TestApp, studentDocumentId: string): Promise<{ userId: number; api: string }> {
  const username = unique('student');
  const user = (await app.strapi.plugin('users-permissions').service('user').add({
    username,
    email: `${username}@students.example.com`,
    password: PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: await roleId(app, 'plugin::users-permissions.role', { type: 'student' }),
  })) as { id: number };
  await app.strapi.db.query('api::student.student').update({ where: { documentId: studentDocumentId }, data: { user: user.id } });
  return { userId: user.id, api: await apiLogin(app, username) };
}

/** Ensures the offices exist (the demo seed makes them; the run's database starts empty). */
export async function ensureOffices(app: TestApp): Promise<void> {
  const { DEMO_OFFICES } = await import('../../src/seed/organisation');
  for (const office of DEMO_OFFICES) {
    const found = await app.strapi.db.query('api::office.office').findOne({ where: { kind: office.kind } });
    if (!found) await app.strapi.documents('api::office.office').create({ data: office as never });
  }
}

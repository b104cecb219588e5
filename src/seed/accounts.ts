/**
 * Demo logins: every staff member as an admin user and a users-permissions user with the same
 * email, joined by one staff membership; the first two students of every class as users whose
 * username is their student number. An account the seed did not create is never taken over: its
 * login is skipped with a warning (src/seed/own-accounts.ts).
 */
import type { Core } from '@strapi/strapi';
import { demoStaff } from './organisation';
import { recordSeedAccount, seedOwns, warnForeignAccount } from './own-accounts';

const UP_USER = 'plugin::users-permissions.user';

async function contentRoleId(strapi: Core.Strapi, type: 'staff' | 'student'): Promise<number> {
  const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } })) as { id: number } | null;
  if (!role) throw new Error(`users-permissions role "${type}" is missing: roles are created at bootstrap`);
  return role.id;
}

/** The admin roles of a demo staff member, by their unit and position. */
function adminRoleCodes(person: ReturnType<typeof demoStaff>[number]): string[] {
  if (person.superAdmin) return ['strapi-super-admin'];
  if (person.department) return [person.position === 'clerk' ? 'department-clerk' : 'department-manager'];
  // Finance keeps the fee statuses (registration) and is a source office of the integrity archive.
  if (person.office === 'finance') return ['finance', 'integrity-source'];
  const byOffice: Record<string, string> = {
    'academic-affairs': 'academic-affairs',
    'student-affairs': 'student-affairs',
    archive: 'archive-office',
    leadership: 'school-leadership',
    security: 'integrity-source',
    library: 'integrity-source',
  };
  return [byOffice[person.office as string] ?? 'strapi-editor'];
}

/** The person's admin account, created or the seed's own; null when the email belongs to someone else. */
async function ensureAdminUser(strapi: Core.Strapi, email: string, name: string, password: string, roleCodes: string[]) {
  const roles = (await strapi.db.query('admin::role').findMany({ where: { code: { $in: roleCodes } } })) as Array<{ id: number }>;
  const existing = (await strapi.db.query('admin::user').findOne({ where: { email } })) as { id: number } | null;
  if (existing) {
    if (!(await seedOwns(strapi, 'admin', existing.id))) {
      warnForeignAccount(strapi, 'admin', email);
      return null;
    }
    // Demo accounts made before the product's roles existed get them now.
    await strapi.db.query('admin::user').update({ where: { id: existing.id }, data: { roles: roles.map((r) => r.id) } });
    return { id: existing.id, created: false };
  }
  const user = (await strapi.service('admin::user').create({
    email,
    firstname: name,
    lastname: '',
    password,
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'zh-Hans',
    roles: roles.map((r) => r.id),
  })) as { id: number };
  await recordSeedAccount(strapi, 'admin', user.id);
  return { id: user.id, created: true };
}

/** The login, created or the seed's own; null when its email or username belongs to someone else. */
async function ensureContentUser(strapi: Core.Strapi, username: string, email: string, password: string, roleType: 'staff' | 'student') {
  const role = await contentRoleId(strapi, roleType);
  const existing = (await strapi.db.query(UP_USER).findMany({ where: { $or: [{ email }, { username }] } })) as Array<{ id: number; documentId: string }>;
  if (existing.length > 0) {
    const own = existing.length === 1 && (await seedOwns(strapi, 'user', existing[0].id));
    if (!own) {
      warnForeignAccount(strapi, 'user', username);
      return null;
    }
    await strapi.db.query(UP_USER).update({ where: { id: existing[0].id }, data: { role } });
    return existing[0];
  }
  const user = (await strapi.plugin('users-permissions').service('user').add({
    username,
    email,
    password,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role,
  })) as { id: number; documentId: string };
  await recordSeedAccount(strapi, 'user', user.id);
  return user;
}

/** Staff logins and their memberships; returns how many admin users it created. */
export async function ensureStaff(strapi: Core.Strapi, password: string): Promise<number> {
  let created = 0;
  for (const person of demoStaff()) {
    const admin = await ensureAdminUser(strapi, person.email, person.name, password, adminRoleCodes(person));
    if (admin?.created) created += 1;
    const user = await ensureContentUser(strapi, person.email.split('@')[0], person.email, password, 'staff');
    const unit = person.department
      ? { department: ((await strapi.db.query('api::department.department').findOne({ where: { code: person.department } })) as { documentId: string }).documentId }
      : { office: ((await strapi.db.query('api::office.office').findOne({ where: { kind: person.office } })) as { documentId: string }).documentId };
    const membership = await strapi.db.query('api::staff-membership.staff-membership').findOne({ where: { email: person.email } });
    if (!membership) {
      await strapi.documents('api::staff-membership.staff-membership').create({
        data: { staffName: person.name, email: person.email, position: person.position, ...unit, adminUser: admin?.id ?? null, user: user?.documentId ?? null, active: true } as never,
      });
    }
  }
  return created;
}

/** A login for the first two students of every class; returns how many it created. */
export async function ensureStudentLogins(strapi: Core.Strapi, password: string): Promise<number> {
  const classes = (await strapi.db.query('api::school-class.school-class').findMany({ select: ['documentId'] })) as Array<{ documentId: string }>;
  let created = 0;
  for (const schoolClass of classes) {
    // A class keeps the logins it was given, even when approved changes move students in or out.
    const withLogin = await strapi.db.query('api::student.student').count({ where: { schoolClass: { documentId: schoolClass.documentId }, user: { id: { $notNull: true } } } });
    if (withLogin >= 2) continue;
    const students = (await strapi.db.query('api::student.student').findMany({
      where: { schoolClass: { documentId: schoolClass.documentId } },
      orderBy: { studentNumber: 'asc' },
      limit: 2,
      populate: { user: { select: ['id'] } },
    })) as Array<{ documentId: string; studentNumber: string; user?: { id: number } | null }>;
    for (const student of students.filter((s) => !s.user)) {
      const user = await ensureContentUser(strapi, student.studentNumber, `${student.studentNumber}@students.example.com`, password, 'student');
      if (!user) continue;
      await strapi.db.query('api::student.student').update({ where: { documentId: student.documentId }, data: { user: user.id } });
      created += 1;
    }
  }
  return created;
}

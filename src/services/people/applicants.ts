/**
 * Who filed each status change, by name and unit rather than by the login the request keeps
 * (`appliedBy`, an email or username): one call for a list page or one panel. The requests are
 * read inside the caller's request, so only those their scope reaches are named; the filer's
 * membership is then read for the login the caller already sees on the request.
 */
import type { Core } from '@strapi/strapi';
import { adminUserLabel, staffLabel, SYSTEM_LABEL } from '../../domain/audit-labels';
import { ENUM_LABELS } from '../../domain/enum-labels';
import { withoutScope } from '../scope/context';

const STATUS_CHANGE = 'api::status-change.status-change';
const MEMBERSHIP = 'api::staff-membership.staff-membership';

type Login = { id: number; username?: string | null; email?: string | null };
type Request = { documentId: string; appliedBy: string | null; student?: { name: string; studentNumber?: string | null; user?: Login | null } | null };
type Membership = { email: string; staffName: string; position: string | null; active: boolean | null; department?: { name: string } | null; office?: { name: string } | null };

const lower = (value: string | null | undefined) => (value ?? '').toLowerCase();

/** Staff names by lower-cased email; an active membership wins over an ended one. */
async function staffByEmail(strapi: Core.Strapi, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = (await withoutScope(() =>
    strapi.db.query(MEMBERSHIP as never).findMany({
      where: { email: { $in: emails } },
      select: ['email', 'staffName', 'position', 'active'],
      populate: { department: { select: ['name'] }, office: { select: ['name'] } },
      orderBy: [{ active: 'asc' }],
    }),
  )) as Membership[];
  const names = new Map<string, string>();
  for (const row of rows) {
    if (names.has(lower(row.email)) && row.active === false) continue;
    names.set(lower(row.email), staffLabel({ staffName: row.staffName, position: row.position, unitName: row.department?.name ?? row.office?.name }, ENUM_LABELS));
  }
  return names;
}

async function adminByEmail(strapi: Core.Strapi, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const users = (await strapi.db.query('admin::user').findMany({ where: { email: { $in: emails } }, select: ['email', 'firstname', 'lastname', 'username'] })) as Array<Record<string, string>>;
  return new Map(users.map((user) => [lower(user.email), adminUserLabel(user, user.email)]));
}

function isStudentsOwnLogin(request: Request): boolean {
  const login = request.student?.user;
  const filer = lower(request.appliedBy);
  return Boolean(login && filer && (lower(login.email) === filer || lower(login.username) === filer));
}

/** The filer's label of each request the caller may see, by request document id. */
export async function applicantLabels(strapi: Core.Strapi, documentIds: string[]): Promise<Record<string, string>> {
  const requests = (await strapi.db.query(STATUS_CHANGE as never).findMany({
    where: { documentId: { $in: documentIds } },
    select: ['documentId', 'appliedBy'],
    populate: { student: { select: ['name', 'studentNumber'], populate: { user: { select: ['id', 'username', 'email'] } } } },
  })) as Request[];
  const logins = [...new Set(requests.map((r) => r.appliedBy).filter((a): a is string => Boolean(a) && a !== 'system'))];
  const emails = [...new Set(logins.flatMap((login) => [login, login.toLowerCase()]))];
  const staff = await staffByEmail(strapi, emails);
  const admins = await adminByEmail(strapi, emails);
  return Object.fromEntries(
    requests.map((request) => {
      const filer = request.appliedBy;
      if (!filer) return [request.documentId, '—'];
      if (filer === 'system') return [request.documentId, SYSTEM_LABEL];
      if (isStudentsOwnLogin(request)) return [request.documentId, `${request.student?.name}（学生本人）`];
      return [request.documentId, staff.get(lower(filer)) ?? admins.get(lower(filer)) ?? filer];
    }),
  );
}

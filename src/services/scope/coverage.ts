/** Whom a report covers, as its sheet's title row says it: 全校, or the caller's departments by name. */
import type { Core } from '@strapi/strapi';
import type { Scope } from '../../domain/scope';

export async function coverageLabel(strapi: Core.Strapi, scope: Scope): Promise<string> {
  if (scope.kind !== 'departments') return '全校';
  const departments = (await strapi.db
    .query('api::department.department')
    .findMany({ where: { id: { $in: scope.departmentIds } }, select: ['name', 'code'], orderBy: { code: 'asc' } })) as Array<{ name: string }>;
  return departments.map((d) => d.name).join('、');
}

/** Every office of domain.md 1 exists as content: the approval chains' steps name them (created where missing, never changed). */
import type { Core } from '@strapi/strapi';
import { SCHOOL_OFFICES } from '../domain/offices';

const OFFICE = 'api::office.office';

export async function ensureOffices(strapi: Core.Strapi): Promise<void> {
  const present = new Set(((await strapi.db.query(OFFICE as never).findMany({ select: ['kind'] })) as Array<{ kind: string }>).map((office) => office.kind));
  for (const office of SCHOOL_OFFICES) {
    if (!present.has(office.kind)) await strapi.documents(OFFICE as never).create({ data: { ...office } as never });
  }
}

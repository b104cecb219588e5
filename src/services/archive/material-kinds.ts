/** The catalogue of archive materials (seed 001 三(一)1), on a database that has none yet; admins keep it from then on. */
import type { Core } from '@strapi/strapi';
import { MATERIAL_KIND_CATALOGUE } from '../../domain/student-archive';
import { withoutScope } from '../scope/context';

export const MATERIAL_KIND = 'api::material-kind.material-kind';

export async function seedMaterialKinds(strapi: Core.Strapi): Promise<void> {
  const count = await withoutScope(() => strapi.db.query(MATERIAL_KIND as never).count({}));
  if (count > 0) return;
  for (const [position, kind] of MATERIAL_KIND_CATALOGUE.entries()) {
    await withoutScope(() => strapi.documents(MATERIAL_KIND as never).create({ data: { ...kind, position: position + 1, active: true } as never }));
  }
}

/** The catalogue of archive materials (seed 001 三(一)1), on a database that has none yet; admins keep it from then on. */
import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../api/student/repositories/student-rows';
import { MATERIAL_KIND_CATALOGUE, type MaterialCategory } from '../../domain/student-archive';
import { withoutScope } from '../scope/context';
import { ambientConnection } from '../transaction';

export const MATERIAL_KIND = 'api::material-kind.material-kind';

export async function seedMaterialKinds(strapi: Core.Strapi): Promise<void> {
  const count = await withoutScope(() => strapi.db.query(MATERIAL_KIND as never).count({}));
  if (count > 0) return;
  for (const [position, kind] of MATERIAL_KIND_CATALOGUE.entries()) {
    await withoutScope(() => strapi.documents(MATERIAL_KIND as never).create({ data: { ...kind, position: position + 1, active: true } as never }));
  }
}

/**
 * The kind the system files a material under, by its catalogue name (spaces and case aside),
 * whether or not admins have retired it for uploads by hand; made again (active, as the catalogue's
 * kinds are) if an admin renamed it away. Inside the caller's
 * transaction; two filings making it at once both find the one made.
 */
export async function kindForSystem(strapi: Core.Strapi, name: string, category: MaterialCategory): Promise<{ id: number; name: string; category: MaterialCategory }> {
  const connection = await ambientConnection(strapi);
  const find = async () => {
    const { rows } = (await connection.raw('SELECT id, name, category FROM material_kinds WHERE lower(btrim(name)) = lower(btrim(?))', [name])) as { rows: Array<{ id: number; name: string; category: MaterialCategory }> };
    return rows[0];
  };
  const found = await find();
  if (found) return found;
  const at = new Date();
  await connection('material_kinds')
    .insert({ document_id: newDocumentId(), name, category, required_for_first_archive: false, position: 0, active: true, created_at: at, updated_at: at, published_at: at })
    .onConflict()
    .ignore();
  const made = await find();
  if (!made) throw new Error(`material kind ${name} could not be made`);
  return made;
}

/**
 * The access register (档案查阅登记, issue 17): every read of an archive's materials, their list or
 * a file, by anyone but the archive's own student, leaves one line per archive read: who, when,
 * through which door, why, and which materials. The database keeps the lines append-only
 * (database/migrations/2026.12.02T14.00.00.archive-access-log.sql) and fills in the archive's
 * student, department and custody.
 */
import type { Core } from '@strapi/strapi';
import { newDocumentId } from '../../api/student/repositories/student-rows';
import { now } from '../clock';
import type { Actor } from '../scope/actor';
import { ambientConnection } from '../transaction';

export const ARCHIVE_ACCESS_LOG = 'api::archive-access-log.archive-access-log';

/** Why staff read without an access application: their work on the archives their office keeps. */
export const STAFF_AT_WORK = '工作查阅';

export interface MaterialRead {
  materialIds: readonly number[];
  action: 'list' | 'file';
  /** The file read, for `file`. */
  fileName?: string;
  /** Why: an approved access's purpose; staff at work by default. */
  purpose?: string;
}

/** The student reading their own archive is the one reader the register leaves out; the system is no reader. */
export function readsAnothersArchive(actor: Actor): boolean {
  return actor.kind !== 'system' && actor.kind !== 'public' && actor.scope.kind !== 'self';
}

interface MaterialRow {
  id: number;
  archive_key: number;
  title: string | null;
  kind: string | null;
  material_date: string | Date | null;
}

const day = (value: string | Date | null) => (value instanceof Date ? value.toISOString().slice(0, 10) : value ? String(value).slice(0, 10) : '');

/** Writes the register's lines for one read: one line per archive whose materials were read. */
export async function logMaterialReads(strapi: Core.Strapi, actor: Actor, read: MaterialRead): Promise<void> {
  const ids = [...new Set(read.materialIds.filter((id) => Number.isInteger(id)))];
  if (ids.length === 0 || !readsAnothersArchive(actor)) return;
  const connection = await ambientConnection(strapi);
  const { rows } = (await connection.raw(
    `SELECT m.id, m.archive_key, m.title, k.name AS kind, m.material_date
       FROM archive_materials m
       LEFT JOIN archive_materials_kind_lnk l ON l.archive_material_id = m.id
       LEFT JOIN material_kinds k ON k.id = l.material_kind_id
      WHERE m.id = ANY(?::int[])
      ORDER BY m.archive_key, m.category, m.material_date, m.id`,
    [ids],
  )) as { rows: MaterialRow[] };
  const byArchive = new Map<number, MaterialRow[]>();
  for (const row of rows) byArchive.set(row.archive_key, [...(byArchive.get(row.archive_key) ?? []), row]);
  if (byArchive.size === 0) return;
  const at = now();
  const stamp = new Date();
  await connection('archive_access_logs').insert(
    [...byArchive.entries()].map(([archiveKey, materials]) => ({
      document_id: newDocumentId(),
      archive_key: archiveKey,
      read_at: at,
      reader: actor.label.slice(0, 200),
      reader_roles: actor.roles.join(',').slice(0, 300),
      channel: actor.channel === 'system' ? 'rest' : actor.channel,
      action: read.action,
      purpose: (read.purpose ?? STAFF_AT_WORK).slice(0, 300),
      materials: materials.map((m) => `${day(m.material_date)} ${m.title || m.kind || '材料'}`.trim()).join('\n'),
      material_ids: JSON.stringify(materials.map((m) => m.id)),
      file_name: read.fileName?.slice(0, 200) ?? null,
      ip: actor.ip?.slice(0, 64) ?? null,
      created_at: stamp,
      updated_at: stamp,
      published_at: stamp,
    })),
  );
}

/**
 * Runs database/migrations/*.sql once each, in name order, right after Strapi's schema sync (its
 * own runner goes before the sync, when our tables do not exist yet on a fresh database). An
 * advisory lock lets several processes start on one database at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

const TABLE = 'app_migrations';

/** Applies every migration file not applied yet; each file and its record commit together. */
export async function runSqlMigrations(strapi: Core.Strapi): Promise<string[]> {
  const dir = path.join(strapi.dirs.app.root, 'database', 'migrations');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort() : [];
  const applied: string[] = [];
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [TABLE]);
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${TABLE} (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await trx(TABLE).select('name')).map((row: { name: string }) => row.name));
    for (const file of files.filter((f) => !done.has(f))) {
      await trx.raw(fs.readFileSync(path.join(dir, file), 'utf8'));
      await trx(TABLE).insert({ name: file });
      applied.push(file);
    }
  });
  for (const file of applied) strapi.log.info(`[migrations] applied ${file}`);
  return applied;
}

/**
 * Files that must never be served as they are (a request's supporting documents): kept outside
 * `public/`, under PRIVATE_FILES_DIR (default `private-files/` in the project), and sent only by
 * routes that check who asks. Names are random; the original name lives in the database.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

export const PRIVATE_PROVIDER = 'private-files';

export function privateFilesDir(strapi: Core.Strapi): string {
  return path.resolve(process.env.PRIVATE_FILES_DIR || path.join(strapi.dirs.app.root, 'private-files'));
}

/** Writes the bytes under a new random name (with `ext`); returns the name. */
export async function savePrivateFile(strapi: Core.Strapi, bytes: Buffer, ext: string): Promise<string> {
  const dir = privateFilesDir(strapi);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const name = `${randomBytes(16).toString('hex')}${ext}`;
  await fs.promises.writeFile(path.join(dir, name), bytes, { flag: 'wx', mode: 0o600 });
  return name;
}

/** The path of a stored file; a name that is not one of ours (a path, `..`) is refused. */
export function privateFilePath(strapi: Core.Strapi, name: string): string {
  if (!/^[0-9a-f]{32}\.[a-z]{3,4}$/.test(name)) throw new Error(`not a private file name: ${name}`);
  return path.join(privateFilesDir(strapi), name);
}

export async function removePrivateFile(strapi: Core.Strapi, name: string): Promise<void> {
  await fs.promises.rm(privateFilePath(strapi, name), { force: true });
}

/**
 * The built admin panel's scripts and styles, compressed: Strapi serves dist/build as it is
 * (5.7 MB for the main bundle), which a campus network then carries in full on every first visit.
 * Here a request for one of those files that accepts brotli (or gzip) gets it compressed once, kept
 * in memory for as long as the file does not change, with Strapi's own cache headers (hashed file
 * names: cached for a year, never revalidated). index.html (no-cache) and everything else
 * go on to Strapi's admin route unchanged; so does any request when the admin is not served.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Core } from '@strapi/strapi';

/** What the bundler writes with a content hash in the name: safe to cache for a year. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.json', '.svg', '.map']);
/** Below this, compression saves less than it costs. */
const MIN_BYTES = 1024;
const HASHED_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable'; // as Strapi's serve-admin-panel

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export type Encoding = 'br' | 'gzip';

/** The encoding to answer with for an Accept-Encoding header: brotli first, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const offered = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) : 1);
  }
  const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

function compress(data: Buffer, encoding: Encoding): Promise<Buffer> {
  // Quality 5: about a third of the size in ~0.2 s for the main bundle, off the event loop.
  return encoding === 'br'
    ? brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } })
    : gzip(data, { level: 6 });
}

interface Compressed {
  mtimeMs: number;
  size: number;
  body: Promise<Buffer>;
}

/** Compressed files by `<file>:<encoding>`, each made once per version of the file (concurrent asks share it). */
export function compressedStore() {
  const store = new Map<string, Compressed>();
  return async function compressed(file: string, encoding: Encoding): Promise<Buffer | null> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return null;
    }
    if (!stat.isFile() || stat.size < MIN_BYTES) return null;
    const key = `${file}:${encoding}`;
    const known = store.get(key);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.body;
    const body = fs.promises.readFile(file).then((data) => compress(data, encoding));
    store.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body });
    body.catch(() => store.delete(key));
    return body;
  };
}

type Ctx = {
  method: string;
  path: string;
  status: number;
  body: unknown;
  type: string;
  get(field: string): string;
  set(field: string, value: string): void;
  vary(field: string): void;
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const serving = strapi.config.get('admin.serveAdminPanel') !== false;
  const prefix = `${String(strapi.config.get('admin.path', '/admin')).replace(/\/$/, '')}/`;
  // Where Strapi's admin route reads the files from (it serves them by base name, flat).
  const buildDir = path.resolve(strapi.dirs.dist.root, 'build');
  const compressed = compressedStore();
  return async (ctx: Ctx, next: () => Promise<void>) => {
    if (!serving || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(prefix)) return next();
    const ext = path.extname(ctx.path).toLowerCase();
    if (!COMPRESSIBLE.has(ext)) return next();
    ctx.vary('Accept-Encoding');
    const encoding = chooseEncoding(ctx.get('Accept-Encoding'));
    if (!encoding) return next();
    const body = await compressed(path.join(buildDir, path.basename(ctx.path)), encoding).catch(() => null);
    if (!body) return next();
    ctx.status = 200;
    ctx.type = ext;
    ctx.set('Content-Encoding', encoding);
    ctx.set('Cache-Control', HASHED_ASSET_CACHE_CONTROL);
    ctx.body = body;
  };
};

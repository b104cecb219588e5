/**
 * The built admin's scripts served compressed (src/middlewares/admin-assets.ts), on a Koa app of
 * its own in front of a stand-in for Strapi's admin route: brotli or gzip as the browser accepts,
 * the bytes those of the file on disk, a year's cache for hashed names, and everything else left
 * to Strapi's route.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Koa from 'koa';
import supertest from 'supertest';
import adminAssets, { chooseEncoding } from '../../src/middlewares/admin-assets';

let root: string;
let build: string;
const BUNDLE = 'strapi-Ab12Cd34.js';
const bundleText = (marker: string) => `/* ${marker} */\n${'export const 学籍 = "在籍";\n'.repeat(400)}`;

function koaApp(options: { serveAdminPanel?: boolean } = {}): Koa {
  const strapi = {
    config: { get: (key: string, fallback?: unknown) => (key === 'admin.path' ? '/admin' : key === 'admin.serveAdminPanel' ? options.serveAdminPanel ?? true : fallback) },
    dirs: { dist: { root } },
  };
  const app = new Koa();
  app.use(adminAssets({}, { strapi } as never) as unknown as Koa.Middleware);
  // Strapi's admin route, as far as these tests need it: the file as it is.
  app.use((ctx) => {
    ctx.set('X-Served-By', 'strapi');
    const file = path.join(build, path.basename(ctx.path));
    ctx.body = fs.existsSync(file) ? fs.readFileSync(file) : 'index';
  });
  return app;
}

const server = (options: { serveAdminPanel?: boolean } = {}) => supertest(koaApp(options).callback());

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent, not decoded. */
  body: Buffer;
}

/** GET `url` from a fresh server (a second `get` on the same `app` reuses its compressed copies). */
function rawClient(options: { serveAdminPanel?: boolean } = {}) {
  const app = koaApp(options);
  return (url: string, acceptEncoding: string): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const listening = http.createServer(app.callback()).listen(0, '127.0.0.1', () => {
        const { port } = listening.address() as AddressInfo;
        http
          .get({ host: '127.0.0.1', port, path: url, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              listening.close();
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
            });
          })
          .on('error', reject);
      });
    });
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-assets-'));
  build = path.join(root, 'build');
  fs.mkdirSync(build);
  fs.writeFileSync(path.join(build, BUNDLE), bundleText('first'));
  fs.writeFileSync(path.join(build, 'index.html'), '<html></html>');
  fs.writeFileSync(path.join(build, 'tiny-Zz99.js'), 'export {};');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('chooseEncoding', () => {
  test.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip;q=0.8', 'gzip'],
    ['*', 'br'],
    ['identity', null],
    ['', null],
    [undefined, null],
    ['gzip;q=0, br;q=0', null],
  ])('Accept-Encoding %p answers %p', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('the admin bundle', () => {
  test('brotli when the browser accepts it: the bytes of the file, cached for a year, varying by encoding', async () => {
    const response = await rawClient()(`/admin/${BUNDLE}`, 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(response.headers['x-served-by']).toBeUndefined();
    const body = response.body;
    expect(body.length).toBeLessThan(Buffer.byteLength(bundleText('first')) / 5);
    expect(zlib.brotliDecompressSync(body).toString()).toBe(bundleText('first'));
  });

  test('gzip for a browser without brotli', async () => {
    const response = await rawClient()(`/admin/${BUNDLE}`, 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(response.body).toString()).toBe(bundleText('first'));
  });

  test('a rebuilt file is compressed again, not served from the old copy', async () => {
    const get = rawClient();
    expect(zlib.brotliDecompressSync((await get(`/admin/${BUNDLE}`, 'br')).body).toString()).toBe(bundleText('first'));
    fs.writeFileSync(path.join(build, BUNDLE), bundleText('second build'));
    expect(zlib.brotliDecompressSync((await get(`/admin/${BUNDLE}`, 'br')).body).toString()).toBe(bundleText('second build'));
  });

  test.each([
    ['without Accept-Encoding', `/admin/${BUNDLE}`, ''],
    ['index.html (no-cache, served by Strapi)', '/admin/index.html', 'br'],
    ['an admin page (index.html)', '/admin/content-manager', 'br'],
    ['a file too small to gain', '/admin/tiny-Zz99.js', 'br'],
    ['a file not in the build', '/admin/missing-00.js', 'br'],
    ['outside the admin', `/api/${BUNDLE}`, 'br'],
  ])('left to Strapi: %s', async (_, url, encoding) => {
    const response = await server().get(url).set('Accept-Encoding', encoding);
    expect(response.headers['x-served-by']).toBe('strapi');
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  test('left to Strapi when the admin panel is not served', async () => {
    const response = await server({ serveAdminPanel: false }).get(`/admin/${BUNDLE}`).set('Accept-Encoding', 'br');
    expect(response.headers['x-served-by']).toBe('strapi');
    expect(response.headers['content-encoding']).toBeUndefined();
  });
});

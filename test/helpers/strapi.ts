/**
 * Starts the compiled project (global-setup compiled it once) on the run's throwaway database,
 * with an HTTP client and a full-access API token. One per test file.
 */
import path from 'node:path';
import supertest from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  http: ReturnType<typeof supertest>;
  /** `Authorization` header value of a full-access API token. */
  auth: string;
  stop(): Promise<void>;
}

export async function startStrapi(): Promise<TestApp> {
  const strapi = await createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  } as never).load();
  strapi.server.mount();
  const token = (await strapi.service('admin::api-token').create({
    name: `test-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    type: 'full-access',
    lifespan: null,
  })) as { accessKey: string };
  return {
    strapi,
    http: supertest(strapi.server.httpServer),
    auth: `Bearer ${token.accessKey}`,
    async stop() {
      await strapi.destroy();
    },
  };
}

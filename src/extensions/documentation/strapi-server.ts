/**
 * @strapi/plugin-documentation, kept out of the source tree: the plugin writes its generated
 * document (and, per request, its HTML pages) under src/extensions/documentation/, which dirtied
 * the tree on every start and raced between server processes. Here the document is generated at
 * every start, in every environment where the plugin is loaded, into .tmp/openapi/<version>/
 * (written to a scratch file, then renamed, so parallel processes never read half a file); the
 * pages are rendered in memory (src/openapi/swagger-page.ts) and the document has its own URL,
 * /documentation/openapi.json. The copy under version control is docs/openapi.json (`npm run openapi`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { loginPage, SWAGGER_INIT, swaggerPage } from '../../openapi/swagger-page';

const FILE = 'full_documentation.json';

type Service = Record<string, (...args: never[]) => unknown> & {
  getDocumentationVersion(): string;
  getFullDocumentationPath(): string;
  generateFullDoc(version?: string): Promise<void>;
};
type Handler = (ctx: Context, next?: () => Promise<unknown>) => unknown;
interface Route {
  method: string;
  path: string;
  handler: string;
  config: { auth?: false; policies?: unknown[]; middlewares?: unknown[] };
}
interface Plugin {
  bootstrap(deps: { strapi: Core.Strapi }): Promise<void>;
  services: Record<string, (deps: { strapi: Core.Strapi }) => Service>;
  controllers: { documentation: Record<string, Handler> };
  routes: Route[];
}

/** Where the running server keeps its generated document. */
export function documentDirectory(strapi: Core.Strapi): string {
  return path.join(strapi.dirs.app.root, '.tmp', 'openapi');
}

function withDocumentDirectory(createService: Plugin['services'][string]): Plugin['services'][string] {
  return ({ strapi }) => {
    const service = createService({ strapi });
    const directory = documentDirectory(strapi);
    return {
      ...service,
      getFullDocumentationPath: () => directory,
      async generateFullDoc(this: Service, version?: string) {
        const wanted = version ?? this.getDocumentationVersion();
        await fs.mkdir(path.join(directory, wanted), { recursive: true });
        const scratch = await fs.mkdtemp(path.join(path.dirname(directory), 'openapi-scratch-'));
        try {
          await service.generateFullDoc.call({ ...this, getFullDocumentationPath: () => scratch }, wanted);
          await fs.rename(path.join(scratch, wanted, FILE), path.join(directory, wanted, FILE)).catch(async (error: NodeJS.ErrnoException) => {
            // Another process of the same project (a test starting a second server) renamed its
            // identical document into place first and emptied the shared folder meanwhile.
            if (error.code !== 'ENOENT') throw error;
            await fs.access(path.join(directory, wanted, FILE));
          });
        } finally {
          await fs.rm(scratch, { recursive: true, force: true });
        }
      },
    };
  };
}

function readDocument(strapi: Core.Strapi, version: string): Promise<string> {
  return fs.readFile(path.join(documentDirectory(strapi), version, FILE), 'utf8');
}

export default (plugin: Plugin) => {
  plugin.services.documentation = withDocumentDirectory(plugin.services.documentation);

  const bootstrap = plugin.bootstrap;
  plugin.bootstrap = async ({ strapi }) => {
    await bootstrap({ strapi });
    // The plugin generates outside production only; served in production, it is generated there too.
    if (process.env.NODE_ENV === 'production') await strapi.plugin('documentation').service('documentation').generateFullDoc();
  };

  const baseUrl = () => (strapi.config.get('server.url') as string | undefined) ?? '';
  const version = () => strapi.plugin('documentation').service('documentation').getDocumentationVersion() as string;
  Object.assign(plugin.controllers.documentation, {
    index(ctx: Context) {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = swaggerPage(baseUrl());
    },
    async document(ctx: Context) {
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = await readDocument(strapi, version());
    },
    swaggerInit(ctx: Context) {
      ctx.type = 'text/javascript; charset=utf-8';
      ctx.body = SWAGGER_INIT;
    },
    loginView(ctx: Context) {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = loginPage(baseUrl(), Boolean(ctx.query.error));
    },
  });

  // The restricted-access check of the UI (the plugin's password, 设置 → 文档) guards the document too.
  const restricted = plugin.routes.find((route) => route.path === '/')?.config.middlewares ?? [];
  plugin.routes.push(
    { method: 'GET', path: '/openapi.json', handler: 'documentation.document', config: { auth: false, middlewares: restricted } },
    { method: 'GET', path: '/swagger-init.js', handler: 'documentation.swaggerInit', config: { auth: false } },
  );
  // The plugin leaves deleting a version to any admin; it needs the settings permission like updating.
  const deleteDoc = plugin.routes.find((route) => route.handler === 'documentation.deleteDoc');
  if (deleteDoc) deleteDoc.config.policies = [{ name: 'admin::hasPermissions', config: { actions: ['plugin::documentation.settings.update'] } }];
  return plugin;
};

/**
 * Answers as the admin panel needs them:
 * - error messages of admin requests (everything but /api and /graphql) in Chinese only
 *   (src/domain/admin-messages.ts); the content API keeps its English gloss for integrators;
 * - Strapi 5.54's admin asks for its AI features' settings on every page and on each edit view
 *   (`/admin/ai-feature-config`, `/i18n/ai-localization-jobs/...`), and the server answers 404
 *   when AI is off, as it always is here: a signed-in admin gets "nothing configured" instead of
 *   a failed request in the console. Unauthenticated callers still get Strapi's 401;
 * - the Content Manager answers with every column of a record and of the records it populates,
 *   private ones included: the internal columns (ciphers, blind indexes, scope keys: private and
 *   `visible: false` in the schemas) are taken out of its answers, at any depth.
 */
import type { Core } from '@strapi/strapi';
import { toAdminErrorBody } from '../domain/admin-messages';

type Ctx = { method: string; path: string; status: number; body: unknown };

const CONTENT_API = /^\/(api|graphql)(\/|$)/;
const AI_PROBES: ReadonlyArray<{ path: RegExp; body: unknown }> = [
  {
    path: /^\/admin\/ai-feature-config$/,
    body: {
      data: { isAiI18nConfigured: false, isAiMediaLibraryConfigured: false },
    },
  },
  { path: /^\/i18n\/ai-localization-jobs\//, body: { data: null } },
];

/** Attribute names that are private and hidden from the Content Manager in some content type. */
function internalColumns(strapi: Core.Strapi): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { private?: boolean; visible?: boolean }> }>)) {
    for (const [name, attribute] of Object.entries(type.attributes)) if (attribute.private && attribute.visible === false) names.add(name);
  }
  return names;
}

/** Removes `names` from every object in `value`, in place. */
export function withoutColumns(value: unknown, names: ReadonlySet<string>, depth = 0): void {
  if (depth > 20 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) withoutColumns(item, names, depth + 1);
    return;
  }
  if (Buffer.isBuffer(value)) return;
  for (const key of Object.keys(value)) {
    if (names.has(key)) delete (value as Record<string, unknown>)[key];
    else withoutColumns((value as Record<string, unknown>)[key], names, depth + 1);
  }
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let internal: Set<string> | null = null;
  return async (ctx: Ctx, next: () => Promise<void>) => {
    await next();
    if (CONTENT_API.test(ctx.path)) return;
    if (ctx.path.startsWith('/content-manager/') && ctx.status < 400 && ctx.body && typeof ctx.body === 'object') {
      internal ??= internalColumns(strapi);
      withoutColumns(ctx.body, internal);
    }
    if (ctx.method === 'GET' && ctx.status === 404) {
      const probe = AI_PROBES.find((candidate) => candidate.path.test(ctx.path));
      if (probe) {
        ctx.status = 200;
        ctx.body = probe.body;
        return;
      }
    }
    if (ctx.status >= 400 && ctx.body && typeof ctx.body === 'object') toAdminErrorBody(ctx.body);
  };
};

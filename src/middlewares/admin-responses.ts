/**
 * Answers as the admin panel needs them:
 * - error messages of admin requests (everything but /api and /graphql) in Chinese only
 *   (src/domain/admin-messages.ts); the content API keeps its English gloss for integrators;
 * - Strapi 5.54's admin asks for its AI features' settings on every page and on each edit view
 *   (`/admin/ai-feature-config`, `/i18n/ai-localization-jobs/...`), and the server answers 404
 *   when AI is off, as it always is here: a signed-in admin gets "nothing configured" instead of
 *   a failed request in the console. Unauthenticated callers still get Strapi's 401.
 */
import { toAdminErrorBody } from '../domain/admin-messages';

type Ctx = { method: string; path: string; status: number; body: unknown };

const CONTENT_API = /^\/(api|graphql)(\/|$)/;
const AI_PROBES: ReadonlyArray<{ path: RegExp; body: unknown }> = [
  { path: /^\/admin\/ai-feature-config$/, body: { data: { isAiI18nConfigured: false, isAiMediaLibraryConfigured: false } } },
  { path: /^\/i18n\/ai-localization-jobs\//, body: { data: null } },
];

export default () => async (ctx: Ctx, next: () => Promise<void>) => {
  await next();
  if (CONTENT_API.test(ctx.path)) return;
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

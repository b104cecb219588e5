import { loadSecrets } from '../src/services/secrets';
import { graphqlOutagePlugin } from '../src/services/database-outage';
import { configSyncConfig } from '../src/services/config-sync/settings';
import { documentationConfig, documentationUi } from '../src/openapi/config';

interface RateLimitedContext {
  request: { path?: unknown; body?: unknown };
  state?: { user?: { id?: unknown } };
}

const LOGIN_PATH = /\/auth\/local\/?$/i;
const MAX_IDENTIFIER_LENGTH = 254;

/**
 * The second half of the rate-limit key, after Strapi's `<route>:<IP>` prefix. Strapi 5.54 keys
 * POST /api/auth/local by IP alone, so one campus behind a NAT address would share 10 logins (and
 * the tests, all from 127.0.0.1, would too); here each login identifier gets its own count per
 * address, as Strapi already does for the admin login. Other routes keep koa2-ratelimit's default
 * (the signed-in user, else the IP).
 */
export function rateLimitUserId(ctx: RateLimitedContext): string | null {
  const path = typeof ctx.request.path === 'string' ? ctx.request.path : '';
  if (LOGIN_PATH.test(path)) {
    const identifier = (ctx.request.body as { identifier?: unknown } | undefined)?.identifier;
    return typeof identifier === 'string' ? `identifier:${identifier.trim().toLowerCase().slice(0, MAX_IDENTIFIER_LENGTH)}` : 'identifier:none';
  }
  const userId = ctx.state?.user?.id;
  return typeof userId === 'number' || typeof userId === 'string' ? String(userId) : null;
}

interface GraphqlResponse {
  body: { kind: string; singleResult?: { errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> } };
}

/**
 * Strapi 5.54 passes an unexpected GraphQL error through with its own message when the error has
 * no enumerable fields (a plain `Error`), and otherwise copies that message into
 * `extensions.error`; SQL and values could reach the client either way. This Apollo plugin
 * answers every INTERNAL_SERVER_ERROR with the generic message only.
 */
export const hideInternalErrors = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }: { response: GraphqlResponse }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult?.errors : undefined;
        for (const error of errors ?? []) {
          if (error.extensions?.code !== 'INTERNAL_SERVER_ERROR') continue;
          error.message = 'Internal Server Error';
          delete error.extensions.error;
        }
      },
    };
  },
};

export default ({ env }: { env: any }) => ({
  'users-permissions': {
    config: {
      jwtSecret: loadSecrets().JWT_SECRET,
      jwt: { expiresIn: '7d' },
      // Login, registration and password routes (REST and the GraphQL login mutation): 10 tries per
      // identifier and address in 15 minutes (LOGIN_RATE_LIMIT_*); Strapi's default is 10 a minute.
      // The counts are kept in PostgreSQL (a `store` set in register(): shared-rate-limit-store.ts).
      ratelimit: {
        enabled: true,
        interval: { min: env.int('LOGIN_RATE_LIMIT_MINUTES', 15) },
        max: env.int('LOGIN_RATE_LIMIT_MAX', 10),
        getUserId: rateLimitUserId,
      },
    },
  },
  // No mail leaves the machine unless a deployment installs a real provider and names it here.
  email: {
    config: {
      provider: env('EMAIL_PROVIDER', '@student-records/provider-email-log'),
      providerOptions: { showBody: env('NODE_ENV') !== 'production' },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'no-reply@example.com'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'no-reply@example.com'),
      },
    },
  },
  // Layouts, labels and role permissions kept in config/sync/ (docs/config-sync.md).
  'config-sync': { enabled: true, config: configSyncConfig() },
  // The OpenAPI document and its Swagger UI at /documentation (docs/openapi.md): loaded where the
  // UI is open (outside production by default; DOCUMENTATION_UI=open|off).
  documentation: { enabled: documentationUi(env) === 'open', config: documentationConfig() },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      landingPage: env('NODE_ENV') !== 'production',
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
      apolloServer: {
        introspection: env('NODE_ENV') !== 'production',
        includeStacktraceInErrorResponses: false,
        // Apollo's own CORS would reflect any Origin on /graphql; strapi::cors (config/middlewares.ts) applies instead.
        cors: false,
        // The outage plugin runs after the one hiding internal errors: an outage is told as such.
        plugins: [hideInternalErrors, graphqlOutagePlugin(() => strapi.log)],
      },
    },
  },
});

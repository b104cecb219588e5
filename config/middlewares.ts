/**
 * The HTTP middleware chain. Strapi's defaults are too open for student records: `strapi::cors`
 * reflects any Origin with credentials, the CSP allows any https: connection and image, and
 * `strapi::poweredBy` announces the server; so CORS and the security headers are set here.
 */
import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

/** Origins of PUBLIC_URL and ADMIN_URL when they are absolute; locally the server's own address. */
function ownOrigins(env: Env, production: boolean): string[] {
  const urls = [env('PUBLIC_URL', ''), env('ADMIN_URL', '')].filter((url) => /^https?:\/\//i.test(url));
  if (urls.length > 0) return [...new Set(urls.map((url) => new URL(url).origin))];
  if (production) return [];
  const port = env.int('PORT', 1337);
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

/** CORS_ORIGINS (comma-separated) or the admin's own origin; never `*`, which with credentials would let every site act for a signed-in user. */
export function corsOrigins(env: Env): string[] {
  const listed = env.array('CORS_ORIGINS', []).map((origin) => origin.trim()).filter(Boolean);
  if (listed.includes('*')) throw new Error('CORS_ORIGINS must list origins; "*" is not allowed');
  const origins = listed.length > 0 ? listed : ownOrigins(env, env('NODE_ENV') === 'production');
  return origins.map((origin) => {
    const url = new URL(origin);
    if (url.origin !== origin.replace(/\/$/, '')) throw new Error(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
    return url.origin;
  });
}

/**
 * Directives as strings: Strapi fills the security config with its defaults by `defaultsDeep`,
 * which would pad a shorter array with the default's extra entries (`https:`, strapi.io assets).
 * The admin needs inline styles (styled-components) and data:/blob: images; in development
 * Strapi itself adds `'unsafe-inline'` scripts and ws: for the admin's hot reload.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: true,
  directives: {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'media-src': "'self' data: blob:",
    'font-src': "'self' data:",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
    // Camel-cased to replace Strapi's own key; TLS is terminated in front of the server.
    upgradeInsecureRequests: null,
  },
};

export function securityConfig(production: boolean) {
  return {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // HTTPS is the proxy's job; outside production the server is reached over plain http.
    hsts: production ? { maxAge: 31536000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    noSniff: true,
    referrerPolicy: { policy: 'no-referrer' },
    hidePoweredBy: true,
  };
}

export default ({ env }: Core.Config.Shared.ConfigParams) => [
  'global::request-log',
  // Requests in flight, for a graceful shutdown (src/services/graceful-shutdown.ts).
  'global::in-flight',
  // GET /_ready: the database answers (for load balancers); before CORS, sessions and the router.
  'global::readiness',
  // Outside strapi::errors, so queued work runs whatever the answer was.
  'global::after-request',
  // Outside strapi::errors, so it reads the formatted error: admin answers in Chinese only.
  'global::admin-responses',
  'strapi::errors',
  'global::database-errors',
  { name: 'strapi::security', config: securityConfig(env('NODE_ENV') === 'production') },
  {
    name: 'strapi::cors',
    config: {
      origin: corsOrigins(env),
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'Idempotency-Key'],
      expose: ['Retry-After', 'Idempotent-Replayed'],
      keepHeadersOnError: false,
      maxAge: 3600,
    },
  },
  // The built admin's scripts and styles brotli/gzip-compressed, with Strapi's cache headers.
  'global::admin-assets',
  // No `strapi::poweredBy`: responses do not name the server.
  'strapi::query',
  'strapi::body',
  // NUL bytes and over-deep bodies are refused before any handler (or GraphQL) walks them.
  'global::input-guard',
  // Failed logins per address (admin login; the content API's is guarded in its controller).
  'global::login-guard',
  'strapi::session',
  { name: 'strapi::favicon', config: { path: 'public/favicon.png' } },
  'strapi::public',
];

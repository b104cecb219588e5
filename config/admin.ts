import { loadSecrets } from '../src/services/secrets';

export default ({ env }: { env: any }) => {
  const secrets = loadSecrets();
  return {
    auth: { secret: secrets.ADMIN_JWT_SECRET },
    apiToken: { salt: secrets.API_TOKEN_SALT },
    transfer: { token: { salt: secrets.TRANSFER_TOKEN_SALT } },
    secrets: { encryptionKey: secrets.ENCRYPTION_KEY },
    autoOpen: false,
    // POST /admin/login: Strapi keys the limit by email, path and IP; 10 tries per account and
    // address in 15 minutes (LOGIN_RATE_LIMIT_*), where Strapi's default is 5 in 5 minutes.
    // Counted in PostgreSQL, shared by every process (src/services/login-guard/shared-rate-limit-store.ts).
    rateLimit: {
      enabled: true,
      interval: { min: env.int('LOGIN_RATE_LIMIT_MINUTES', 15) },
      max: env.int('LOGIN_RATE_LIMIT_MAX', 10),
    },
    // Nothing in the admin may call out: no surveys, upsell banners or AI services.
    flags: { nps: false, promoteEE: false },
    ai: { enabled: false },
    // Records have no public page to preview.
    preview: { enabled: false },
    watchIgnoreFiles: ['**/.tmp/**', '**/test/**', '**/bench/**', '**/database/**', '**/config/sync/**'],
    url: env('ADMIN_URL', '/admin'),
  };
};

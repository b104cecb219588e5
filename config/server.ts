import { loadSecrets } from '../src/services/secrets';

export default ({ env }: { env: any }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: env.bool('IS_PROXIED', false),
  app: { keys: loadSecrets().APP_KEYS.split(',') },
  logger: { updates: { enabled: false }, startup: { enabled: env('NODE_ENV') !== 'test' && env('LOG_LEVEL') !== 'warn' } },
});

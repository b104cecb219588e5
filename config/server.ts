import { loadSecrets } from '../src/services/secrets';
import cronTasks from './cron-tasks';

export default ({ env }: { env: any }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: env.bool('IS_PROXIED', false),
  app: { keys: loadSecrets().APP_KEYS.split(',') },
  // Failed logins per address over all accounts (a campus NAT shares one address: well above the
  // per-account LOGIN_RATE_LIMIT_MAX). Read at every login attempt.
  loginGuard: { addressMax: env.int('LOGIN_RATE_LIMIT_ADDRESS_MAX', 100), minutes: env.int('LOGIN_RATE_LIMIT_MINUTES', 15) },
  // On SIGTERM, how long requests in flight may take to finish before they are cut off.
  shutdownGraceSeconds: env.int('SHUTDOWN_GRACE_SECONDS', 30),
  // Off in tests, which run the jobs themselves with the clock they set.
  cron: { enabled: env.bool('CRON_ENABLED', env('NODE_ENV') !== 'test'), tasks: cronTasks },
  logger: { updates: { enabled: false }, startup: { enabled: env('NODE_ENV') !== 'test' && env('LOG_LEVEL') !== 'warn' } },
});

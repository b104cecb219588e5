type Level = 'warn' | 'error' | 'debug';
/** knex's own messages ("Connection Error: ..." when the server drops a pooled connection) go to the application log, with its time and level. */
const knexLog = (level: Level) => (message: unknown) => {
  const logger = (globalThis as { strapi?: { log?: Record<Level, (line: string) => void> } }).strapi?.log;
  if (logger) logger[level](`database: ${String(message)}`);
  else console[level](`database: ${String(message)}`);
};

export default ({ env }: { env: any }) => {
  const connectionString = env('DATABASE_URL');
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set. Start the project with `npm run develop` (or `npm start`), which starts ' +
        'its own PostgreSQL, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  return {
    connection: {
      client: 'postgres',
      connection: {
        connectionString,
        ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      log: { warn: knexLog('warn'), error: knexLog('error'), deprecate: knexLog('warn'), debug: knexLog('debug') },
    },
    // Our SQL migrations need the tables Strapi creates, so they run after the schema sync
    // (src/services/migrations.ts) instead of Strapi's runner, which runs before it.
    settings: { runMigrations: false },
  };
};

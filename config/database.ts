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
    },
    // Our SQL migrations need the tables Strapi creates, so they run after the schema sync
    // (src/services/migrations.ts) instead of Strapi's runner, which runs before it.
    settings: { runMigrations: false },
  };
};

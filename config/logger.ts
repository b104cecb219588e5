import { winston, formats } from '@strapi/logger';

export default ({ env }: { env: any }) => ({
  transports: [
    new winston.transports.Console({
      level: env('LOG_LEVEL', env('NODE_ENV') === 'test' ? 'warn' : 'http'),
      format: winston.format.combine(formats.levelFilter(env('LOG_LEVEL', env('NODE_ENV') === 'test' ? 'warn' : 'http')), formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
});

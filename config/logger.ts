import { winston } from '@strapi/logger';
import { logLineFormat } from '../src/services/log-format';

/** LOG_LEVEL (error, warn, info, http, verbose, debug); info by default, warn under tests. */
export default ({ env }: { env: any }) => {
  const level = env('LOG_LEVEL', env('NODE_ENV') === 'test' ? 'warn' : 'info');
  return {
    level,
    // On the logger, not the transport: every transport (a file, a collector) gets redacted lines.
    format: logLineFormat(),
    transports: [new winston.transports.Console({ level })],
  };
};

/** Counts requests in flight for a graceful shutdown (src/services/graceful-shutdown.ts). */
import { trackRequest } from '../services/graceful-shutdown';

export default () => trackRequest;

/** The approval engine's routes for integrity appeals. */
import { approvalRoutes } from '../../../services/approval/routes';

export default { routes: approvalRoutes('/integrity-appeals', 'integrity-appeal') };

/** The approval engine's routes for integrity amendments. */
import { approvalRoutes } from '../../../services/approval/routes';

export default { routes: approvalRoutes('/integrity-amendments', 'integrity-amendment') };

import { firstAdminService } from '../auth/first-admin.ts';
import type { ServiceStarter } from './server-runtime.ts';

/** Background services of `oborot serve`, started in order once the warehouse is open. */
export const serverServices: ServiceStarter[] = [firstAdminService];

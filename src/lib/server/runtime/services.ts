import { firstAdminService } from '../auth/first-admin.ts';
import { startInboxScheduler } from '../scheduler/inbox-scheduler.ts';
import type { ServiceStarter } from './server-runtime.ts';

/** Background services of `oborot serve`, started in order once the warehouse is open. */
export const serverServices: ServiceStarter[] = [firstAdminService, async (runtime) => startInboxScheduler(runtime)];

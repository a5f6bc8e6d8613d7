import cron from 'node-cron';
import { ingestInbox, loadJobs, type JobSpec } from '../ingest/index.ts';
import type { ServerRuntime } from '../runtime/server-runtime.ts';
import { buildAtPaths } from '../transform/index.ts';

export interface ScheduledJob {
	name: string;
	family: string;
	schedule: string;
}

/** The inbox jobs written in ingest/*.yml: one per family that names a schedule. */
export function inboxJobs(jobs: JobSpec[]): ScheduledJob[] {
	return jobs
		.filter((job) => job.schedule)
		.map((job) => {
			const schedule = job.schedule as string;
			if (!cron.validate(schedule)) throw new Error(`${job.file}: schedule «${schedule}» is not a valid cron expression`);
			return { name: `inbox:${job.family}`, family: job.family, schedule };
		});
}

/** When each job runs next (for `oborot schedule list`). */
export function nextRuns(job: ScheduledJob, count = 1): Date[] {
	const task = cron.createTask(job.schedule, () => undefined);
	try {
		return task.getNextRuns(count);
	} finally {
		void task.destroy();
	}
}

type Log = (message: string) => void;

/**
 * Checks each family's inbox on its schedule, loads new files, archives them and,
 * when something was loaded, rebuilds the models so dashboards show the new data
 * (bank statements arrive during the day without anyone pressing a button).
 */
export async function runInboxJob(runtime: ServerRuntime, family: string, log: Log): Promise<void> {
	const { warehouse, paths } = runtime;
	// ingestInbox and buildAtPaths take the warehouse's write turn themselves.
	const results = await ingestInbox(warehouse, paths, family, { actor: 'scheduler' });
	if (results.length === 0) return;
	for (const result of results) {
		log(`inbox ${family}: ${result.name} ${result.status} — read ${result.read}, loaded ${result.loaded}, rejected ${result.rejected}${result.message ? ` (${result.message})` : ''}`);
	}
	if (!results.some((result) => result.status === 'loaded' && result.loaded > 0)) return;
	const build = await buildAtPaths(paths, warehouse, { triggeredBy: `scheduler (inbox ${family})` });
	const s = build.summary;
	const counts = `${s.modelsOk} published, ${s.modelsNoData} empty for missing data, ${s.modelsFailed} failed, ${s.modelsSkipped} held back`;
	log(`build ${build.buildId} after inbox ${family}: ${build.status} (${counts})${build.message ? ` — ${build.message.split('\n')[0]}` : ''}`);
}

export function startInboxScheduler(runtime: ServerRuntime, log: Log = (message) => console.log(`[scheduler] ${message}`)) {
	const jobs = inboxJobs(loadJobs(runtime.paths.ingestJobs));
	const tasks = jobs.map((job) =>
		cron.schedule(
			job.schedule,
			() => runInboxJob(runtime, job.family, log).catch((error: Error) => log(`${job.name} failed: ${error.message}`)),
			{ name: job.name, noOverlap: true }
		)
	);
	log(`watching ${jobs.map((job) => `${job.family} (${job.schedule})`).join(', ')} in ${runtime.paths.inbox}`);
	return {
		name: 'inbox scheduler',
		stop: async () => {
			for (const task of tasks) await task.destroy();
		}
	};
}

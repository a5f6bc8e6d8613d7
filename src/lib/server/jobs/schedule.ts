import { loadJobs } from '../ingest/index.ts';
import { inboxJobs, nextRuns } from '../scheduler/inbox-scheduler.ts';
import { UsageError, type Command } from './command.ts';
import { formatTable } from './format-rows.ts';

const schedule: Command = {
	name: 'schedule',
	summary: 'list the scheduled inbox jobs and when they run next',
	usage: 'schedule list',
	warehouse: 'none',
	async run(argv, ctx) {
		const [action = 'list'] = argv;
		if (action !== 'list') throw new UsageError(`unknown action «${action}»`);
		const jobs = inboxJobs(loadJobs(ctx.paths.ingestJobs));
		const rows = jobs.map((job) => ({
			job: job.name,
			schedule: job.schedule,
			inbox: `${ctx.paths.inbox}/${job.family}/`,
			next_run: nextRuns(job)[0]?.toISOString() ?? null
		}));
		ctx.out.write(formatTable(rows, ['job', 'schedule', 'inbox', 'next_run']));
		ctx.out.info('The jobs run inside `oborot serve`; each loads new files, archives them and rebuilds the models.');
		return 0;
	}
};

export default schedule;

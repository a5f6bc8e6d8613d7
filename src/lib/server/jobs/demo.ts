import path from 'node:path';
import { parseArgs } from 'node:util';
import { endOfPreviousMonth, parseIsoDay } from '../demo/calendar.ts';
import { generateDemo } from '../demo/generate.ts';
import { UsageError, type Command, type Progress } from './command.ts';

function number(name: string, text: string, integer: boolean): number {
	const value = Number(text);
	if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'}, got «${text}»`);
	return value;
}

const demo: Command = {
	name: 'demo',
	summary: 'write a demo company\'s exports into the inbox (same seed → same files)',
	usage: 'demo [--seed N] [--scale K] [--years 3] [--end-date YYYY-MM-DD] [--out dir]',
	warehouse: 'none',
	async run(argv, ctx) {
		const { values, positionals } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				seed: { type: 'string', default: '1' },
				scale: { type: 'string', default: '1' },
				years: { type: 'string', default: '3' },
				'end-date': { type: 'string' },
				out: { type: 'string' }
			}
		});
		if (positionals.length) throw new UsageError(`unexpected argument «${positionals[0]}»`);
		const seed = number('seed', values.seed, true);
		const scale = number('scale', values.scale, false);
		const years = number('years', values.years, true);
		let endDay: number;
		try {
			// Without --end-date: the last full month before today (pass it for reproducible files).
			endDay = values['end-date'] ? parseIsoDay(values['end-date']) : endOfPreviousMonth(Math.floor(Date.now() / 86_400_000));
		} catch (error) {
			throw new UsageError(`--end-date: ${(error as Error).message}`);
		}
		if (!(scale >= 0.05 && scale <= 1000)) throw new UsageError(`--scale must be between 0.05 and 1000, got ${scale}`);
		if (years < 1 || years > 10) throw new UsageError(`--years must be from 1 to 10, got ${years}`);
		const outDir = path.resolve(values.out ?? ctx.paths.inbox);
		ctx.out.info(`Generating the demo company (seed ${seed}, scale ${scale}, ${years} years to ${new Date(endDay * 86_400_000).toISOString().slice(0, 10)}) into ${outDir}`);
		const started = process.hrtime.bigint();
		const shown: { bar: Progress | null } = { bar: null };
		const manifest = await generateDemo(
			{ seed, scale, years, endDay, outDir },
			(done, total) => {
				shown.bar ??= ctx.out.progress('simulating', total, 'days');
				shown.bar.update(done);
			},
			(message) => {
				shown.bar?.finish();
				shown.bar = null;
				ctx.out.info(message);
			}
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const t = manifest.totals as { sales_lines: number; counterparty_records: number; deals: { total: number }; revenue_by_year: Record<string, number> };
		for (const file of manifest.files) {
			const bad = file.bad_rows.length ? ` (${file.bad_rows.length} planted bad)` : '';
			ctx.out.info(`  ${file.path.padEnd(44)} ${String(file.rows).padStart(10)} rows${bad}`);
		}
		ctx.out.info(`${t.counterparty_records} counterparties, ${t.deals.total} deals, ${t.sales_lines} sales lines in ${seconds.toFixed(1)} s`);
		ctx.out.info(`Revenue by year: ${Object.entries(t.revenue_by_year).map(([y, v]) => `${y} ${Math.round(v).toLocaleString('ru-RU')} ₽`).join(', ')}`);
		ctx.out.info(`Manifest: ${path.join(outDir, 'demo-manifest.json')}`);
		return 0;
	}
};

export default demo;

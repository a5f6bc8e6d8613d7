import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFiles, previewFile, type FileResult } from '../ingest/index.ts';
import type { DialectOverride, IngestProgress } from '../ingest/index.ts';
import { UsageError, type Command, type Output, type Progress } from './command.ts';

const DELIMITER_NAMES: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
const DATE_ORDERS: Record<string, 'day-first' | 'month-first'> = { 'day-first': 'day-first', dmy: 'day-first', 'month-first': 'month-first', mdy: 'month-first' };

function overridesFrom(values: Record<string, string | boolean | undefined>): DialectOverride {
	const o: DialectOverride = {};
	if (typeof values.encoding === 'string') {
		const e = values.encoding.toLowerCase();
		const known = { 'utf-8': 'utf-8', utf8: 'utf-8', cp1251: 'windows-1251', 'windows-1251': 'windows-1251', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be' } as const;
		if (!(e in known)) throw new UsageError(`unknown encoding «${values.encoding}»: use utf-8, cp1251, utf-16le or utf-16be`);
		o.encoding = known[e as keyof typeof known];
	}
	if (typeof values.delimiter === 'string') o.delimiter = DELIMITER_NAMES[values.delimiter] ?? values.delimiter;
	if (typeof values.decimal === 'string') {
		if (values.decimal !== '.' && values.decimal !== ',') throw new UsageError('--decimal takes "." or ","');
		o.decimal = values.decimal;
	}
	if (typeof values['date-format'] === 'string') o.date_format = values['date-format'];
	if (typeof values['date-order'] === 'string') {
		const order = DATE_ORDERS[values['date-order'].toLowerCase()];
		if (!order) throw new UsageError('--date-order takes day-first (dd/mm/yyyy) or month-first (mm/dd/yyyy)');
		o.date_order = order;
	}
	if (typeof values.sheet === 'string') o.sheet = values.sheet;
	if (typeof values['header-row'] === 'string') {
		const n = Number(values['header-row']);
		if (!Number.isInteger(n) || n < 1) throw new UsageError('--header-row takes a line number from 1');
		o.header_row = n;
	}
	return o;
}

function describeDialect(r: FileResult): string {
	const d = r.dialect;
	if (!d) return '';
	const delimiter = d.delimiter === '\t' ? 'tab' : `'${d.delimiter}'`;
	if (d.format) return `${d.format}, ${d.encoding}`;
	const where = d.sheet ? `sheet «${d.sheet}», header row ${d.headerRow}` : `delimiter ${delimiter}, header line ${d.headerRow}`;
	return `${d.sheet ? 'xlsx' : d.encoding}, ${where}, decimal '${d.decimal}'`;
}

const number = (n: number) => n.toLocaleString('en-US');

function report(out: Output, r: FileResult, verbose: boolean): void {
	const target = r.family ? `${r.family}.${r.entity}` : '?';
	if (r.status === 'failed') {
		out.error(`${r.name}: ${r.message}`);
		return;
	}
	if (r.status === 'skipped') {
		out.info(`${r.name} → ${target}: ${r.message}`);
		return;
	}
	out.info(`${r.name} → ${target} (${describeDialect(r)})`);
	out.info(`  read ${number(r.read)} · loaded ${number(r.loaded)} · rejected ${number(r.rejected)}${r.replaced ? ` · replaced ${number(r.replaced)} earlier rows` : ''}`);
	for (const s of r.samples) out.info(`  row ${s.rowNo}: ${s.reason}`);
	if (r.rejected > r.samples.length) out.info(`  … all ${number(r.rejected)} in audit.rejected_rows (file_id ${r.fileId})`);
	for (const s of r.skipped) out.info(`  skipped: ${s.kind === 'total' ? 'total line' : 'group row'} ${s.rowNo} («${s.text}»)`);
	if (r.skippedRows > r.skipped.length) out.info(`  … ${number(r.skippedRows)} total lines and group rows skipped in all`);
	for (const note of r.notes) out.info(`  note: ${note}`);
	if (verbose && r.detection) {
		out.info(`  detected as ${target}, score ${r.detection.score}: ${r.detection.evidence.map((e) => `${e.en} (${e.points > 0 ? '+' : ''}${e.points})`).join('; ')}`);
		// A close runner-up is already among the notes.
		if (r.detection.runnerUp && !r.detection.runnerUp.close) out.info(`  runner-up ${r.detection.runnerUp.en}`);
	}
	if (verbose) {
		const stages = Object.entries(r.timings).map(([stage, seconds]) => `${stage} ${seconds.toFixed(2)}s`);
		const cpu = process.cpuUsage();
		out.info(`  stages: ${stages.join(' · ')} · total ${r.seconds.toFixed(2)}s · process cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)}s`);
	}
}

/** A bar for decoding (bytes), then a line per later stage. */
function progressReporter(out: Output): (p: IngestProgress) => void {
	let current: { file: string; stage: string; bar: Progress } | undefined;
	return (p) => {
		if (current && (current.file !== p.file || current.stage !== p.stage)) {
			current.bar.finish();
			current = undefined;
		}
		if (p.stage === 'done' || p.stage === 'reading') return;
		if (!current) {
			const name = path.basename(p.file);
			const bar = p.stage === 'decoding' ? out.progress(`decoding ${name}`, Math.max(1, Math.round(p.bytesTotal / 2 ** 20)), 'MB') : out.progress(`${p.stage} ${name}`, 1);
			current = { file: p.file, stage: p.stage, bar };
			bar.update(0);
		}
		if (p.stage === 'decoding') current.bar.update(Math.round(p.bytesDone / 2 ** 20));
	};
}

const ingest: Command = {
	name: 'ingest',
	summary: 'load export files (CSV/XLSX) into raw.*; bad rows go to audit.rejected_rows',
	usage: 'ingest <file|folder>... [--source crm|payments|stock|accounting] [--entity name] [--date-order day-first|month-first] [--preview] [--verbose]',
	warehouse: 'write',
	// A server running the job resolves the file names against the folder the CLI ran in.
	handoffArgs: (argv, cwd) => [...argv, '--cwd', cwd],
	async run(argv, ctx) {
		const { values, positionals } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				source: { type: 'string' },
				entity: { type: 'string' },
				encoding: { type: 'string' },
				delimiter: { type: 'string' },
				decimal: { type: 'string' },
				'date-format': { type: 'string' },
				'date-order': { type: 'string' },
				sheet: { type: 'string' },
				'header-row': { type: 'string' },
				preview: { type: 'boolean', default: false },
				// the CLI's folder when a running server does the job (added by handoffArgs)
				cwd: { type: 'string' },
				verbose: { type: 'boolean', default: false }
			}
		});
		if (positionals.length === 0) throw new UsageError('name at least one file or folder');
		const files = positionals.map((file) => path.resolve(values.cwd ?? process.cwd(), file));
		const options = { family: values.source, entity: values.entity, overrides: overridesFrom(values), actor: ctx.actor };
		if (values.preview) {
			for (const file of files) ctx.out.write(`${JSON.stringify(await previewFile(ctx.paths, file, options), null, 2)}\n`);
			return 0;
		}
		const warehouse = await ctx.warehouse();
		const results = await ingestFiles(warehouse, ctx.paths, files, options, progressReporter(ctx.out));
		for (const r of results) report(ctx.out, r, values.verbose === true);
		const failed = results.filter((r) => r.status === 'failed').length;
		if (results.length === 0) ctx.out.warn('no csv, txt, tsv or xlsx files found');
		if (results.length > 1) {
			const skipped = results.filter((r) => r.status === 'skipped').length;
			const sum = (key: 'loaded' | 'rejected') => results.reduce((s, r) => s + r[key], 0);
			ctx.out.info(`${results.length} files: ${results.length - failed - skipped} loaded, ${skipped} already loaded, ${failed} failed; ${number(sum('loaded'))} rows loaded, ${number(sum('rejected'))} rejected`);
		}
		return failed > 0 ? 1 : 0;
	}
};

export default ingest;

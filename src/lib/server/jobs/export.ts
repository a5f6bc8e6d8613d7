import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../config/private-files.ts';
import { prepareSegmentExport, type CsvDelimiter, type ExportFormat } from '../exports/index.ts';
import { EXPORT_CHANNELS, type ExportChannel } from '../segments/index.ts';
import { UsageError, type Command } from './command.ts';

const DELIMITERS: Record<string, CsvDelimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t' };

const OPTIONS = {
	format: { type: 'string', default: 'csv' },
	out: { type: 'string' },
	delimiter: { type: 'string', default: ',' },
	channel: { type: 'string', default: 'all' },
	locale: { type: 'string', default: 'ru' },
	// the CLI's folder, added by handoffArgs: relative --out paths are resolved against it
	cwd: { type: 'string' }
} as const;

function parse(argv: string[]) {
	const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
	const [what, ...nameParts] = positionals;
	if (what !== 'segment') throw new UsageError(what ? `cannot export «${what}»: only «segment» is exported` : 'say what to export: export segment <name>');
	const name = nameParts.join(' ').trim();
	if (!name) throw new UsageError('give the segment name: export segment <name>');
	const format = values.format as ExportFormat;
	if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`unknown format «${values.format}»: use csv or xlsx`);
	const delimiter = DELIMITERS[values.delimiter as string];
	if (!delimiter) throw new UsageError(`unknown delimiter «${values.delimiter}»: use , ; or tab`);
	const channel = values.channel as ExportChannel;
	if (!(EXPORT_CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`unknown channel «${values.channel}»: use ${EXPORT_CHANNELS.join(', ')}`);
	const locale = values.locale === 'en' ? 'en' : values.locale === 'ru' ? 'ru' : null;
	if (!locale) throw new UsageError(`unknown locale «${values.locale}»: use ru or en`);
	return { name, format, delimiter, channel, locale, out: values.out, cwd: values.cwd ?? process.cwd() } as const;
}

/**
 * `oborot export segment <name>`: the same file the web page downloads (same query,
 * escaping and column order), written to --out (default: «<segment>-<channel>-<date>.<ext>»
 * in the current folder; `--out -` writes CSV to stdout).
 *
 * The command writes to the warehouse (audit.exports, audit.access_log), so it is a
 * 'write' command: with a server running it is handed over and queued behind loads
 * and builds, and the SERVER writes the file — on the same machine, at the absolute
 * path resolved against the CLI's folder (handoffArgs adds --cwd). Only `--out -` travels back
 * through the handoff (CSV text on stdout).
 */
const exportCommand: Command = {
	name: 'export',
	summary: 'export a saved segment as CSV or XLSX (logged in audit.exports)',
	usage: 'export segment <name> [--format csv|xlsx] [--out file] [--delimiter ,|;|tab] [--channel all|email|sms|messenger] [--locale ru|en]',
	warehouse: 'write',
	handoffArgs: (argv, cwd) => [...argv, '--cwd', cwd],
	async run(argv, ctx) {
		const options = parse(argv);
		const toStdout = options.out === '-';
		if (toStdout && options.format === 'xlsx') throw new UsageError('XLSX cannot go to stdout: give --out <file>.xlsx');
		const warehouse = await ctx.warehouse();
		const prepared = await prepareSegmentExport(warehouse, {
			segment: options.name,
			format: options.format,
			channel: options.channel,
			delimiter: options.delimiter,
			locale: options.locale,
			username: ctx.actor,
			via: 'cli'
		});
		if (toStdout) {
			const sink = new PassThrough();
			sink.setEncoding('utf8');
			sink.on('data', (text: string) => ctx.out.write(text));
			await prepared.run(sink);
			return 0;
		}
		const target = path.resolve(options.cwd, options.out ?? prepared.fileName);
		fs.mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
		const rows = await prepared.run(fs.createWriteStream(target, { mode: PRIVATE_FILE_MODE }));
		ctx.out.info(`${rows} rows of «${prepared.segment.name}» (${options.channel}) written to ${target}`);
		if (prepared.ranking === 'list') ctx.out.warn('marts.dim_customer has no best_phone/best_email yet (run oborot build): the first phone and e-mail of each customer were taken, not the best ranked');
		return 0;
	}
};

export default exportCommand;

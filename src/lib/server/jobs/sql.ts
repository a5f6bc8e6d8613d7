import { parseArgs } from 'node:util';
import { UsageError, type Command } from './command.ts';
import { formatCsv, formatJson, formatTable } from './format-rows.ts';

const formats = { table: formatTable, csv: formatCsv, json: formatJson } as const;

const sql: Command = {
	name: 'sql',
	summary: 'run a read-only query (for analysts and scripts)',
	usage: 'sql "<query>" [--format table|csv|json]',
	warehouse: 'read',
	async run(argv, ctx) {
		const { values, positionals } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: { format: { type: 'string', default: 'table' } }
		});
		const query = positionals.join(' ').trim();
		if (!query) throw new UsageError('no query given');
		const format = values.format as keyof typeof formats;
		if (!(format in formats)) throw new UsageError(`unknown format «${values.format}»: use table, csv or json`);
		const warehouse = await ctx.warehouse();
		const { columns, rows } = await warehouse.readOnlyQuery(query);
		ctx.out.write(formats[format](rows, columns));
		return 0;
	}
};

export default sql;

// Export of a 1,000,000-customer segment by `oborot export segment` as CSV and XLSX:
// wall time, rows/s and peak RSS of the whole command. The warehouse is generated with
// DuckDB range(): marts shaped like dim_customer, rfm and customer_ltv, and the identity
// models the best phone/e-mail is ranked from (a third of the customers with two records
// and two phones to choose from, as in the demo company). Same-run
// baselines: the CLI's start-up alone, DuckDB writing the same query with COPY … TO csv,
// and the CSV export of a fifth of the customers (peak RSS should not grow with the rows).
import fs from 'node:fs';
import path from 'node:path';
import type { Benchmark, BenchContext, Measured } from './lib/context.ts';
import { resolvePaths } from '../src/lib/server/config/paths.ts';
import { contactRanking } from '../src/lib/server/exports/best-contact.ts';
import { exportQuery } from '../src/lib/server/exports/export-query.ts';
import { createSegment, getSegment } from '../src/lib/server/segments/index.ts';
import { Warehouse } from '../src/lib/server/warehouse/index.ts';
import { round } from './lib/figures.ts';

const CUSTOMERS = Number(process.env.EXPORT_BENCH_CUSTOMERS ?? 1_000_000);
const ALL = 'Все клиенты';
const MOSCOW = 'Москва';

function generateSql(n: number): string {
	return `
create or replace table marts.dim_customer as
select
	'C-' || i as customer_id,
	-- every thousandth name is a formula the export must escape
	case when i % 1000 = 0 then '=HYPERLINK("http://x/' || i || '")' else 'ООО «Клиент ' || i || '»' end as customer_name,
	'company' as customer_kind,
	-- a third of the customers have a second phone (as in the demo company): those are ranked
	case when i % 3 = 0 then list_sort(['+7916' || lpad(i::varchar, 7, '0'), '+7495' || lpad(i::varchar, 7, '0')]) else ['+7916' || lpad(i::varchar, 7, '0')] end as phones,
	['client' || i || '@example.ru'] as emails,
	(['Москва', 'Санкт-Петербург', 'Казань', 'Новосибирск', 'Екатеринбург'])[1 + i % 5] as city,
	(['Яндекс Директ', 'Авито', 'SEO/Органика', 'VK Реклама', 'Выставки', 'Рекомендации'])[1 + i % 6] as first_channel,
	'Менеджер ' || (i % 40) as manager,
	case when i % 3 = 0 then date '1960-01-01' + (i % 15000)::integer end as birthday,
	false as is_email_opt_out,
	false as is_sms_opt_out,
	false as is_messenger_opt_out,
	false as is_dead_soul,
	date '2026-10-31' - (i % 900)::integer as last_purchase_on,
	(1 + i % 30)::bigint as purchase_docs
from range(1, ${n + 1}) as t(i);

create or replace table marts.rfm as
select
	'C-' || i as customer_id,
	(['champions', 'loyal', 'potential_loyalist', 'new', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose_them', 'hibernating', 'lost'])[1 + i % 11] as segment_code,
	(['Champions', 'Loyal', 'Potential loyalist', 'New', 'Promising', 'Need attention', 'About to sleep', 'At risk', 'Can''t lose them', 'Hibernating', 'Lost'])[1 + i % 11] as segment,
	(['Чемпионы', 'Лояльные', 'Потенциально лояльные', 'Новые', 'Перспективные', 'Требуют внимания', 'Засыпающие', 'В зоне риска', 'Нельзя потерять', 'Спящие', 'Потерянные'])[1 + i % 11] as segment_ru,
	1 + i % 5 as r_score, 1 + (i // 5) % 5 as f_score, 1 + (i // 25) % 5 as m_score
from range(1, ${n + 1}) as t(i);

create or replace table marts.customer_ltv as
select
	'C-' || i as customer_id,
	(1000 + (i * 7919) % 900000) / 1.0 + 0.25 as historical_revenue,
	((i * 104729) % 500000) / 3.0 as predicted_value,
	((i * 2654435761) % 1000) / 1000.0 as p_alive
from range(1, ${n + 1}) as t(i);

create or replace table intermediate.int_customer_records as
select 'C-' || i as customer_id, 'R' || i || s as record_id,
	timestamp '2024-01-01' + to_days(((i * 31 + length(s)) % 700)::integer) as updated_at,
	timestamp '2023-01-01' as created_at,
	null::date as last_seen_on
from range(1, ${n + 1}) as t(i), (values ('a'), ('bb')) as r(s)
where s = 'a' or i % 3 = 0;

create or replace table intermediate.int_identity_keys as
select 'R' || i || 'a' as owner_id, 'record' as owner_type, 'R' || i || 'a' as record_id, 'phone' as key_type, '+7916' || lpad(i::varchar, 7, '0') as key_value, 'phone' as source_field, true as is_valid from range(1, ${n + 1}) as t(i)
union all
select 'R' || i || 'a', 'record', 'R' || i || 'a', 'email', 'client' || i || '@example.ru', 'email', true from range(1, ${n + 1}) as t(i)
union all
select 'R' || i || 'bb', 'record', 'R' || i || 'bb', 'phone', '+7495' || lpad(i::varchar, 7, '0'), 'phone', true from range(1, ${n + 1}) as t(i) where i % 3 = 0
union all
select 'R' || i || 'bb', 'record', 'R' || i || 'bb', 'phone', '+7916' || lpad(i::varchar, 7, '0'), 'phone_2', true from range(1, ${n + 1}) as t(i) where i % 3 = 0;
`;
}

/** A child that runs the export query with DuckDB's own COPY … TO csv (no JavaScript per row). */
function baselineScript(file: string, sql: string, out: string): string {
	return `import { DuckDBInstance } from '@duckdb/node-api';
const instance = await DuckDBInstance.create(${JSON.stringify(file)}, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
await connection.run(${JSON.stringify(`copy (${sql}) to '${out}' (header, delimiter ',')`)});
connection.closeSync();
instance.closeSync();
`;
}


function rowsOf(run: Measured): number {
	const match = /^(\d+) rows of/m.exec(run.stdout);
	if (run.exitCode !== 0 || !match) throw new Error(`export failed (${run.exitCode}): ${run.stderr.slice(-2000)}`);
	return Number(match[1]);
}

const benchmark: Benchmark = {
	name: 'export',
	description: `oborot export segment of ${CUSTOMERS.toLocaleString('en')} customers as CSV and XLSX: rows/s and peak RSS`,
	async run(ctx: BenchContext) {
		const home = path.join(ctx.workDir, 'home');
		const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: home });
		ctx.log(`generating ${CUSTOMERS} customers`);
		const warehouse = await Warehouse.open(paths.warehouse);
		let baselineSql: string;
		try {
			const generated = await ctx.time(() => warehouse.run(generateSql(CUSTOMERS)));
			ctx.log(`generated in ${generated.seconds.toFixed(1)} s`);
			await createSegment(warehouse, { name: ALL, definition: { conditions: [] } }, 'bench');
			await createSegment(warehouse, { name: MOSCOW, definition: { conditions: [{ type: 'city', values: ['Москва'] }] } }, 'bench');
			// the same query the export streams, values inlined for COPY (no conditions: no parameters)
			const segment = await getSegment(warehouse, ALL);
			baselineSql = exportQuery(segment.definition, { today: new Date(), channel: 'all', locale: 'ru', ranking: await contactRanking(warehouse) }).query.sql;
		} finally {
			warehouse.close();
		}
		const env = { OBOROT_HOME: home, OBOROT_PROJECT: home };
		const cli = (...args: string[]) => ctx.measureNode('bin/oborot.js', args, env);

		ctx.log('start-up of the CLI alone');
		const startup = await cli('sql', 'select 1', '--format', 'json');

		ctx.log('DuckDB COPY of the same query (baseline)');
		const script = path.join(ctx.workDir, 'copy-baseline.mjs');
		fs.writeFileSync(script, baselineScript(paths.warehouse, baselineSql, path.join(ctx.workDir, 'baseline.csv')));
		const copy = await ctx.measureNode(script, []);
		if (copy.exitCode !== 0) throw new Error(`baseline failed: ${copy.stderr.slice(-2000)}`);

		const figures: Record<string, unknown> = { customers: CUSTOMERS, cliStartupSeconds: round(startup.seconds), cliStartupPeakRssMb: round(startup.maxRssMb, 0) };
		figures.duckdbCopyCsv = { seconds: round(copy.seconds), rowsPerSecond: Math.round(CUSTOMERS / copy.seconds), peakRssMb: round(copy.maxRssMb, 0) };
		for (const [label, segment, format] of [
			['csvFifth', MOSCOW, 'csv'],
			['csv', ALL, 'csv'],
			['xlsx', ALL, 'xlsx']
		] as const) {
			const out = path.join(ctx.workDir, `${label}.${format}`);
			ctx.log(`export ${label}`);
			const run = await cli('export', 'segment', segment, '--format', format, '--out', out, '--delimiter', ';');
			const rows = rowsOf(run);
			figures[label] = {
				rows,
				seconds: round(run.seconds),
				rowsPerSecond: Math.round(rows / run.seconds),
				rowsPerSecondAfterStartup: Math.round(rows / Math.max(0.01, run.seconds - startup.seconds)),
				peakRssMb: round(run.maxRssMb, 0),
				fileMb: round(fs.statSync(out).size / 2 ** 20, 1)
			};
			ctx.log(JSON.stringify(figures[label]));
		}
		return figures;
	}
};

export default benchmark;

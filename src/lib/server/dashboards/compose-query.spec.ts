import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../dashboards/contract.ts';
import { composeQuery, sourceLine } from './compose-query.ts';
import { parseDashboard } from './parse-dashboard.ts';

const dashboard = (blocks: string[]): Dashboard => {
	const entry = parseDashboard('x', 'dashboards/x.md', ['---', 'title: X', 'roles: [executive]', 'filters: [{ channel: plain }, { manager: plain }]', '---', ...blocks].join('\n'));
	if (!entry.ok) throw new Error(JSON.stringify(entry.problems));
	return entry.dashboard;
};

describe('composeQuery', () => {
	const d = dashboard([
		'```sql sales channel=source manager scope=manager',
		'select * from marts.fct_sales;',
		'```',
		'```sql plain',
		'select 1 as x',
		'```',
		'```sql totals',
		'select sum(revenue) as revenue',
		'from ${sales} -- ${not_a_reference}',
		'```',
		'```sql by_month',
		'with m as (select month, revenue from ${ sales })',
		'select month, sum(revenue) as revenue from m group by all',
		'```'
	]);

	it('reads a filter whose choices come from a named query ({channel: plain})', () => {
		expect(d.filters).toEqual([
			{ name: 'channel', options: 'plain' },
			{ name: 'manager', options: 'plain' }
		]);
	});

	it('leaves a query without filters or references as written', () => {
		expect(composeQuery(d, 'plain')).toEqual({ sql: 'select 1 as x', segments: [{ query: 'plain', from: 1, lines: 1 }] });
	});

	it('puts the declared filters and scope around the rows, as bound parameters over quoted columns', () => {
		expect(composeQuery(d, 'sales').sql).toBe(
			[
				'select * from (',
				'select * from marts.fct_sales',
				`) where ($channel is null or "source" = $channel) and ($manager is null or "manager" = $manager) and ($manager_scope is null or lower(trim("manager")) = $manager_scope)`
			].join('\n')
		);
	});

	it('inlines a query it selects from as a CTE, and joins the CTE list to the query’s own WITH', () => {
		const where = `) where ($channel is null or "source" = $channel) and ($manager is null or "manager" = $manager) and ($manager_scope is null or lower(trim("manager")) = $manager_scope)`;
		const totals = composeQuery(d, 'totals');
		expect(totals.sql).toBe(['with', '"sales" as (', 'select * from (', 'select * from marts.fct_sales', where, ')', 'select sum(revenue) as revenue', 'from "sales" -- ${not_a_reference}'].join('\n'));
		const byMonth = composeQuery(d, 'by_month');
		expect(byMonth.sql).toBe(
			['with', '"sales" as (', 'select * from (', 'select * from marts.fct_sales', where, '),', '     m as (select month, revenue from "sales")', 'select month, sum(revenue) as revenue from m group by all'].join('\n')
		);
		// line 8 of the composed SQL is the second line of by_month; line 5 is the engine's WHERE
		expect(sourceLine(byMonth, 8)).toEqual({ query: 'by_month', line: 2 });
		expect(sourceLine(byMonth, 4)).toEqual({ query: 'sales', line: 1 });
		expect(sourceLine(byMonth, 5)).toBeNull();
	});
});

describe('query headers', () => {
	it('reads filters, scope and references, and names a wrong word', () => {
		const entry = parseDashboard('x', 'dashboards/x.md', ['---', 'title: X', 'roles: [executive]', '---', '```sql q channel=1bad colour scope=a,b unscoped', 'select 1', '```'].join('\n'));
		expect(entry.ok).toBe(false);
		expect(!entry.ok && entry.problems.map((p) => [p.line, p.message])).toEqual([
			[5, 'query «q»: write a filter as channel or channel=<column>'],
			[5, 'query «q»: unknown word «colour» after the name (known: unscoped, scope=<column>, and the filters channel, manager, category, city, each optionally =<column>)'],
			[5, 'query «q»: is either unscoped or scoped by a column; keep one of unscoped and scope=']
		]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelState } from '../transform/model-state.ts';
import { Warehouse } from '../warehouse/index.ts';
import { noticesFor } from './mart-notices.ts';
import { relationsRead } from './query-relations.ts';
import type { SourceFamily } from './source-families.ts';

let warehouse: Warehouse;
beforeAll(async () => {
	warehouse = await Warehouse.open(':memory:');
});
afterAll(() => warehouse.close());

const read = (sql: string) => warehouse.withConnection((connection) => relationsRead(connection, sql));

describe('the marts a dashboard query reads', () => {
	it('finds every schema-qualified table in CTEs, joins and subqueries, not the CTE names', async () => {
		const sql = `with chosen as (select coalesce($category, (select category from marts.demand_forecast_category limit 1)) as category)
			select f.month from marts.demand_forecast f, chosen
			join "marts"."fct_sales" s on s.sku = f.sku
			where f.sku in (select sku from intermediate.int_products)`;
		expect((await read(sql)).map((r) => `${r.schema}.${r.name}`).sort()).toEqual([
			'intermediate.int_products',
			'marts.demand_forecast',
			'marts.demand_forecast_category',
			'marts.fct_sales'
		]);
	});

	it('understands a query over marts that do not exist (nothing is bound), and gives nothing for one that does not parse', async () => {
		expect(await read('select * from marts.never_built_yet')).toEqual([{ schema: 'marts', name: 'never_built_yet' }]);
		expect(await read('select from where')).toEqual([]);
	});
});

describe('notices about them', () => {
	const state = (model: string, changes: Partial<ModelState>): ModelState => ({
		model,
		schema: 'marts',
		name: model,
		state: 'stale',
		publishedBuildId: 3,
		publishedAt: '2026-12-07 10:00:00',
		checkedBuildId: 4,
		reason: null,
		cause: null,
		...changes
	});
	const stock: SourceFamily = { family: 'stock', title: { ru: 'Склад', en: 'Stock' }, tables: [{ table: 'stock_balances', title: { ru: 'Остатки на складах', en: 'Stock balances' } }] };

	it('names only the marts the query reads that are not current; words missing exports only when asked', () => {
		let asked = 0;
		const families = () => {
			asked++;
			return [stock];
		};
		const states = [
			state('demand_forecast', {}),
			state('abc_xyz', { state: 'current' }),
			state('stock_plan', { state: 'no_data', cause: { kind: 'no_data', sources: ['raw.stock_balances'], message: 'no stock exports loaded', buildId: 4, upstream: false } }),
			state('customer_ltv', { state: 'never_built', publishedBuildId: null, publishedAt: null })
		];
		const forecast = noticesFor(states, [{ schema: 'marts', name: 'demand_forecast' }, { schema: 'marts', name: 'abc_xyz' }], families);
		expect(forecast.map((n) => [n.model, n.state, n.available])).toEqual([['demand_forecast', 'stale', true]]);
		expect(asked).toBe(0);
		const plan = noticesFor(states, [{ schema: 'marts', name: 'stock_plan' }, { schema: 'marts', name: 'customer_ltv' }], families);
		expect(plan.map((n) => [n.model, n.state, n.available])).toEqual([
			['stock_plan', 'no_data', true],
			['customer_ltv', 'never_built', false]
		]);
		expect(plan[0].needs).toEqual([{ table: 'raw.stock_balances', family: 'stock', familyTitle: stock.title, tableTitle: stock.tables[0].title }]);
	});
});

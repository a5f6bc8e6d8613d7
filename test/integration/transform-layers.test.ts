import { afterEach, describe, expect, it } from 'vitest';
import { buildProject, loadProject } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, loadError, type FixtureProject } from '../fixtures/transform/helpers.ts';

let project: FixtureProject;
afterEach(() => project?.close());

const rule = (layer: string, readable: string, parent: string) =>
	`models flow staging → intermediate → marts, so ${layer} model reads only ${readable} models. Move what both need from «${parent}» into ${layer} model and read that.`;

describe('the model graph flows staging → intermediate → marts', () => {
	it('refuses intermediate models that read a mart, in SQL and in TypeScript, naming the model, file, line and layers', async () => {
		project = await fixtureProject('layers');
		const error = await loadError(project);
		expect(error.problems).toEqual([
			{
				file: 'models/intermediate/int_customer_totals.sql',
				line: 6,
				message: `intermediate model «int_customer_totals» reads «fct_orders», a model of the marts layer (models/marts/fct_orders.sql): ${rule('an intermediate', 'staging and intermediate', 'fct_orders')}`
			},
			{
				file: 'models/intermediate/int_large_orders.ts',
				line: 6,
				message: `intermediate model «int_large_orders» reads «fct_orders», a model of the marts layer (models/marts/fct_orders.sql): ${rule('an intermediate', 'staging and intermediate', 'fct_orders')}`
			}
		]);
		expect(error.message).toContain('models/intermediate/int_customer_totals.sql:6: intermediate model «int_customer_totals» reads «fct_orders», a model of the marts layer');
	});

	it('refuses a staging model that reads an intermediate model or a mart', async () => {
		project = await fixtureProject('layers');
		project.remove('models/intermediate/int_large_orders.ts');
		project.write('models/intermediate/int_customer_totals.sql', "select customer, sum(amount) as amount from {{ ref('stg_orders') }} group by customer\n");
		project.write('models/staging/stg_big_customers.sql', "select customer\nfrom {{ ref('int_customer_totals') }}\nwhere amount > {{ ref('fct_orders') }}.amount\n");
		const error = await loadError(project);
		expect(error.problems).toEqual([
			{
				file: 'models/staging/stg_big_customers.sql',
				line: 2,
				message: `staging model «stg_big_customers» reads «int_customer_totals», a model of the intermediate layer (models/intermediate/int_customer_totals.sql): ${rule('a staging', 'staging', 'int_customer_totals')}`
			},
			{
				file: 'models/staging/stg_big_customers.sql',
				line: 3,
				message: `staging model «stg_big_customers» reads «fct_orders», a model of the marts layer (models/marts/fct_orders.sql): ${rule('a staging', 'staging', 'fct_orders')}`
			}
		]);
	});

	it('builds once the intermediate models read staging; marts read every layer, models outside the layer folders are not checked', async () => {
		project = await fixtureProject('layers');
		project.remove('models/intermediate/int_large_orders.ts');
		project.write('models/intermediate/int_customer_totals.sql', "select customer, sum(amount) as amount from {{ ref('stg_orders') }} group by customer\n");
		project.write('models/adhoc/orders_again.sql', "select * from {{ ref('fct_orders') }}\n");
		const loaded = await loadProject(project.paths);
		expect(loaded.order).toEqual(['stg_orders', 'int_customer_totals', 'fct_orders', 'orders_again', 'customer_report']);
		const result = await buildProject(project.warehouse, loaded, { triggeredBy: 'test' });
		expect(result.status).toBe('success');
		// Ромашка: orders 1 and 2, 120.00 + 80.00; Василёк: order 3, 45.50.
		expect(await project.warehouse.query('select customer, amount::double as amount, orders::integer as orders from marts.customer_report order by customer')).toEqual([
			{ customer: 'Василёк', amount: 45.5, orders: 1 },
			{ customer: 'Ромашка', amount: 200, orders: 2 }
		]);
	});
});

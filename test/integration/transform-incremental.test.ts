import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProject, loadProject, type BuildEvent } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, transformIndex, type FixtureProject } from '../fixtures/transform/helpers.ts';

let events: FixtureProject;

const SOURCES = `sources:
  - name: app
    schema: raw
    tables:
      - name: events
`;

// Rows changed since the last build replace their old version (unique_key); batch_label shows which build wrote a row.
const EVENTS_LATEST = `{{ config(materialized='incremental', unique_key='event_id') }}
select event_id, customer_id, amount, updated_at, '{{ var("batch_label") }}' as batch_label
from {{ source('app', 'events') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
`;

// Appends one row per build (no unique_key): a TypeScript incremental model.
const EVENT_SNAPSHOTS = `import { defineModel } from '${transformIndex}';
export default defineModel({
	refs: ['events_latest'],
	config: { materialized: 'incremental' },
	async run(ctx) {
		const [row] = await ctx.query<{ events: number; total: number }>(
			\`select count(*) as events, sum(amount) as total from \${ctx.ref('events_latest')}\`
		);
		const previous = ctx.isIncremental() ? (await ctx.query<{ n: number }>(\`select count(*) as n from \${ctx.this}\`))[0].n : 0;
		await ctx.createTable(
			{ snapshot_no: 'INTEGER', events: 'BIGINT', total: 'DECIMAL(18,2)', label: 'VARCHAR' },
			[{ snapshot_no: previous + 1, events: row.events, total: row.total, label: ctx.var('batch_label') }]
		);
	}
});
`;

const fsText = (project: FixtureProject, file: string) => fs.readFileSync(path.join(project.dir, file), 'utf8');

beforeEach(async () => {
	events = await fixtureProject(null);
	events.write('oborot.yml', 'vars:\n  batch_label: first\n');
	events.write('models/marts/_sources.yml', SOURCES);
	events.write('models/marts/events_latest.sql', EVENTS_LATEST);
	events.write('models/marts/event_snapshots.ts', EVENT_SNAPSHOTS);
	await events.warehouse.run(`create table raw.events (event_id integer, customer_id varchar, amount decimal(18, 2), updated_at timestamp);
		insert into raw.events values (1, 'c1', 10.00, '2024-01-01 10:00:00'), (2, 'c2', 20.00, '2024-01-02 10:00:00')`);
});
afterEach(() => events.close());

const latest = () => events.warehouse.query('select event_id, amount, batch_label from marts.events_latest order by event_id');
const snapshots = () => events.warehouse.query('select * from marts.event_snapshots order by snapshot_no');

describe('incremental models', () => {
	it('builds fully first, then merges only new and changed rows, and rebuilds on --full-refresh', async () => {
		const first = await buildProject(events.warehouse, await loadProject(events.paths));
		expect(first.status).toBe('success');
		expect(await latest()).toEqual([
			{ event_id: 1, amount: 10, batch_label: 'first' },
			{ event_id: 2, amount: 20, batch_label: 'first' }
		]);
		expect(await snapshots()).toEqual([{ snapshot_no: 1, events: 2, total: 30, label: 'first' }]);

		// Event 3 is new, event 2 changed after the last build's max(updated_at); event 1 did not change.
		await events.warehouse.run(`insert into raw.events values (3, 'c3', 5.00, '2024-01-03 10:00:00');
			update raw.events set amount = 25.00, updated_at = '2024-01-04 10:00:00' where event_id = 2`);
		// --vars given to the build override oborot.yml.
		const second = await buildProject(events.warehouse, await loadProject(events.paths), { vars: { batch_label: 'second' } });
		expect(second.models.find((m) => m.model === 'events_latest')).toMatchObject({ status: 'success', rows: 3, message: '1 new, 1 replaced' });
		expect(await latest()).toEqual([
			{ event_id: 1, amount: 10, batch_label: 'first' },
			{ event_id: 2, amount: 25, batch_label: 'second' },
			{ event_id: 3, amount: 5, batch_label: 'second' }
		]);
		const scratch = await events.warehouse.query(`select table_name from information_schema.tables where table_name like '__oborot%'`);
		expect(scratch).toEqual([]);
		// 10 + 25 + 5 = 40 over 3 events, appended as snapshot 2.
		expect(await snapshots()).toEqual([
			{ snapshot_no: 1, events: 2, total: 30, label: 'first' },
			{ snapshot_no: 2, events: 3, total: 40, label: 'second' }
		]);

		// Vars given at load time work the same; a full refresh rewrites every row and drops the history.
		const third = await buildProject(events.warehouse, await loadProject(events.paths, { vars: { batch_label: 'third' } }), { fullRefresh: true });
		expect(third.status).toBe('success');
		expect(await latest()).toEqual([
			{ event_id: 1, amount: 10, batch_label: 'third' },
			{ event_id: 2, amount: 25, batch_label: 'third' },
			{ event_id: 3, amount: 5, batch_label: 'third' }
		]);
		expect(await snapshots()).toEqual([{ snapshot_no: 1, events: 3, total: 40, label: 'third' }]);
	});

	it('asks for a depends_on comment when a ref appears only in the incremental branch', async () => {
		events.write('models/marts/event_customers.sql', "select distinct customer_id from {{ source('app', 'events') }}\n");
		events.write(
			'models/marts/events_latest.sql',
			[
				"{{ config(materialized='incremental', unique_key='event_id') }}",
				"select event_id, customer_id, amount, updated_at, '{{ var(\"batch_label\") }}' as batch_label",
				"from {{ source('app', 'events') }}",
				'{% if is_incremental() %}',
				"where customer_id in (select customer_id from {{ ref('event_customers') }})",
				'and updated_at > (select max(updated_at) from {{ this }})',
				'{% endif %}'
			].join('\n')
		);
		expect((await buildProject(events.warehouse, await loadProject(events.paths))).status).toBe('success');
		const second = await buildProject(events.warehouse, await loadProject(events.paths));
		expect(second.status).toBe('partial');
		expect(second.message).toContain(
			`model «events_latest» (models/marts/events_latest.sql) failed: models/marts/events_latest.sql:5: ref «event_customers» appears only in a branch the parse pass did not take`
		);
		expect(second.message).toContain(`add "-- depends_on: {{ ref('event_customers') }}" at the top of the model`);
		events.write('models/marts/events_latest.sql', `-- depends_on: {{ ref('event_customers') }}\n${fsText(events, 'models/marts/events_latest.sql')}`);
		const fixed = await loadProject(events.paths);
		expect(fixed.models.get('events_latest')!.parents).toEqual(['event_customers']);
		const third = await buildProject(events.warehouse, fixed);
		expect(third.message).toBeUndefined();
	});

	it('rolls an incremental merge back when a test of it fails, and builds the rest again without it', async () => {
		const first = await buildProject(events.warehouse, await loadProject(events.paths));
		await events.warehouse.run(`insert into raw.events values (3, 'c3', 5.00, '2024-01-03 10:00:00')`);
		events.write('models/marts/event_customers.sql', "select distinct customer_id from {{ source('app', 'events') }}\n");
		events.write('models/marts/_marts.yml', 'models:\n  - name: events_latest\n    columns:\n      - name: amount\n        tests:\n          - accepted_range: {max_value: 4}\n');
		const progress: BuildEvent[] = [];
		const failed = await buildProject(events.warehouse, await loadProject(events.paths), { onProgress: (e) => void progress.push(e) });
		// The merge changed the table in place: only a rollback undoes it, then a second pass without it.
		expect(progress.filter((e) => e.type === 'restart')).toHaveLength(1);
		expect(failed.status).toBe('partial');
		expect(failed.models.map((m) => [m.model, m.status, m.state])).toEqual([
			['event_customers', 'success', 'current'],
			['events_latest', 'error', 'stale'],
			['event_snapshots', 'skipped', 'stale']
		]);
		expect(failed.tests.filter((t) => t.status === 'fail').map((t) => [t.name, t.failures])).toEqual([['accepted_range_events_latest_amount', 3]]);
		expect(await events.warehouse.query('select customer_id from marts.event_customers order by 1')).toEqual([{ customer_id: 'c1' }, { customer_id: 'c2' }, { customer_id: 'c3' }]);
		const [state] = await events.warehouse.query(`select state, published_build_id from audit.model_state where model = 'events_latest'`);
		expect(state).toEqual({ state: 'stale', published_build_id: first.buildId });
		expect(await latest()).toEqual([
			{ event_id: 1, amount: 10, batch_label: 'first' },
			{ event_id: 2, amount: 20, batch_label: 'first' }
		]);
		expect(await snapshots()).toEqual([{ snapshot_no: 1, events: 2, total: 30, label: 'first' }]);
	});
});

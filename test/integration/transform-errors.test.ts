import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, loadError, transformIndex, type FixtureProject } from '../fixtures/transform/helpers.ts';

let project: FixtureProject;
afterEach(() => project?.close());

describe('project errors name the file and line', () => {
	it('reports a cycle with its models and files', async () => {
		project = await fixtureProject(null);
		project.write('models/intermediate/int_a.sql', "select * from {{ ref('int_c') }}\n");
		project.write('models/intermediate/int_b.sql', "select * from {{ ref('int_a') }}\n");
		project.write('models/intermediate/int_c.sql', "-- closes the loop\nselect * from {{ ref('int_b') }}\n");
		project.write('models/marts/ok.sql', 'select 1 as x\n');
		const error = await loadError(project);
		expect(error.message).toBe(
			'models/intermediate/int_a.sql: dependency cycle: int_a (models/intermediate/int_a.sql) → int_b (models/intermediate/int_b.sql) → int_c (models/intermediate/int_c.sql) → int_a (models/intermediate/int_a.sql)'
		);
	});

	it('reports a model that refs itself as a cycle', async () => {
		project = await fixtureProject(null);
		project.write('models/marts/loop.sql', "select * from {{ ref('loop') }}\n");
		expect((await loadError(project)).message).toContain('dependency cycle: loop (models/marts/loop.sql) → loop (models/marts/loop.sql)');
	});

	it('reports an unknown ref with file and line, in SQL and in TypeScript models', async () => {
		project = await fixtureProject(null);
		project.write('models/staging/stg_a.sql', 'select 1 as id\n');
		project.write('models/marts/m.sql', "with a as (\n\tselect * from {{ ref('stg_a') }}\n),\nb as (\n\tselect * from {{ ref(\"stg_missing\") }}\n)\nselect * from a\n");
		project.write(
			'models/marts/t.ts',
			`import { defineModel } from '${transformIndex}';\nexport default defineModel({\n\trefs: [\n\t\t'stg_a',\n\t\t'stg_nowhere'\n\t],\n\tasync run() {}\n});\n`
		);
		const error = await loadError(project);
		expect(error.problems).toEqual([
			{ file: 'models/marts/m.sql', line: 5, message: 'unknown ref «stg_missing»: no model file models/**/stg_missing.sql or .ts' },
			{ file: 'models/marts/t.ts', line: 5, message: 'unknown ref «stg_nowhere»: no model file models/**/stg_nowhere.sql or .ts' }
		]);
		expect(error.message).toContain('models/marts/m.sql:5: unknown ref «stg_missing»');
	});

	it('reports an undeclared source and a template syntax error with their lines', async () => {
		project = await fixtureProject(null);
		project.write('models/staging/stg_x.sql', "-- x\n\nselect * from {{ source('raw', 'nothing') }}\n");
		project.write('models/staging/stg_y.sql', 'select 1 as a\n{% if true %}\nwhere 1 = 1\n');
		project.write('models/staging/stg_z.sql', 'select\n\t1 as a,\n\t{{ 1 + }} as b\n');
		const error = await loadError(project);
		expect(error.problems.map((p) => [p.file, p.line])).toEqual([
			['models/staging/stg_x.sql', 3],
			['models/staging/stg_y.sql', undefined],
			['models/staging/stg_z.sql', 3]
		]);
		expect(error.problems[0].message).toMatch(/^unknown source «raw.nothing»: declare it/);
		expect(error.problems[1].message).toMatch(/^template syntax: .*endif/);
	});

	it('reports two model files with the same name, naming both', async () => {
		project = await fixtureProject(null);
		project.write('models/staging/crm/stg_deals.sql', 'select 1 as id\n');
		project.write('models/staging/bank/stg_deals.sql', 'select 2 as id\n');
		const error = await loadError(project);
		expect(error.message).toBe(
			'models/staging/crm/stg_deals.sql: model name «stg_deals» is used twice: models/staging/bank/stg_deals.sql and models/staging/crm/stg_deals.sql (a model is named by its file; rename one)'
		);
	});

	it('reports a missing variable naming the model, and accepts it from --vars', async () => {
		project = await fixtureProject(null);
		project.write('oborot.yml', 'vars:\n  known: 3\n');
		project.write('models/marts/m.sql', "select {{ var('known') }} as a,\n\t{{ var('missing_threshold') }} as b\n");
		const error = await loadError(project);
		expect(error.problems).toHaveLength(1);
		expect(error.problems[0]).toMatchObject({ file: 'models/marts/m.sql', line: 2 });
		expect(error.problems[0].message).toMatch(/^variable «missing_threshold» used by model «m» is not set/);
		const loaded = await loadProject(project.paths, { vars: { missing_threshold: 7 } });
		expect(loaded.vars).toEqual({ known: 3, missing_threshold: 7 });
	});

	it('reports YAML describing a model that does not exist, bad tests and bad config', async () => {
		project = await fixtureProject(null);
		project.write('models/marts/m.sql', "{{ config(materialized='snapshot') }}\nselect 1 as id\n");
		project.write('models/marts/n.sql', 'select 1 as id\n');
		project.write(
			'models/marts/_marts.yml',
			[
				'models:',
				'  - name: ghost',
				'    description: not there',
				'  - name: n',
				'    columns:',
				'      - name: id',
				'        tests: [unique, not_a_test, {accepted_values: {values: [1], config: {severity: fatal}}}]'
			].join('\n')
		);
		const error = await loadError(project);
		const messages = error.problems.map((p) => `${p.file}: ${p.message}`);
		expect(messages).toEqual([
			'models/marts/_marts.yml: n.id test 3: severity «fatal» of test «accepted_values» must be error or warn',
			'models/marts/m.sql: materialized «snapshot» must be one of view, table, incremental',
			'models/marts/_marts.yml: model «ghost» is described but there is no models/**/ghost.sql or .ts'
		]);
		project.write('models/marts/m.sql', 'select 1 as id\n');
		project.write('models/marts/_marts.yml', 'models:\n  - name: n\n    columns:\n      - name: id\n        tests: [not_a_test]\n');
		const second = await loadError(project);
		expect(second.message).toMatch(/^models\/marts\/_marts.yml: test «not_a_test» on n.id: unknown test «not_a_test» \(built in: not_null, unique/);
	});

	it('reports a TypeScript model without run()', async () => {
		project = await fixtureProject(null);
		project.write('models/marts/t.ts', 'export default { refs: [] };\n');
		expect((await loadError(project)).message).toBe('models/marts/t.ts: the model has no run(ctx) function');
	});

});

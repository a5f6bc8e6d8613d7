import { afterEach, describe, expect, it } from 'vitest';
import { buildProject, loadProject } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, loadError, type FixtureProject } from '../fixtures/transform/helpers.ts';

let project: FixtureProject;
afterEach(() => project?.close());

const TEXT_MACROS = `-- text cleaning
create macro blank_to_null(value) as nullif(trim(value), '');

/* a macro may use one written after it */
create macro initials(first_name, last_name) as upper(left(tidy(first_name), 1) || left(tidy(last_name), 1));
create or replace macro tidy(value) as coalesce(blank_to_null(value), '?');
`;

async function writeShop(p: FixtureProject): Promise<void> {
	p.write('models/macros/text.sql', TEXT_MACROS);
	p.write('models/macros/numbers.sql', "create macro digits(value) as regexp_replace(value, '\\D', '', 'g');\n");
	p.write(
		'models/staging/stg_people.sql',
		`select blank_to_null(first_name) as first_name, digits(phone) as phone, initials(first_name, last_name) as initials
from (values ('  Анна ', '+7 (921) 555-12-34', 'Петрова'), ('   ', '8-800', ''), (null, null, 'Ли')) as people (first_name, phone, last_name)\n`
	);
	p.write('models/marts/people.sql', "select * from {{ ref('stg_people') }}\n");
}

const macroNames = async (p: FixtureProject) =>
	(await p.warehouse.query<{ name: string }>(`select distinct function_name as name from duckdb_functions() where not internal and schema_name = 'main' order by 1`)).map((r) => r.name);

describe('SQL macros in models/macros', () => {
	it('creates them before the models, in whatever order they use each other, and publishes them with the build', async () => {
		project = await fixtureProject(null);
		await writeShop(project);
		const loaded = await loadProject(project.paths);
		expect(loaded.macros.map((m) => [m.name, m.file, m.line])).toEqual([
			['digits', 'models/macros/numbers.sql', 1],
			['blank_to_null', 'models/macros/text.sql', 2],
			['initials', 'models/macros/text.sql', 5],
			['tidy', 'models/macros/text.sql', 6]
		]);
		expect([...loaded.models.keys()]).toEqual(['people', 'stg_people']);
		const result = await buildProject(project.warehouse, loaded, { triggeredBy: 'test' });
		expect(result.status).toBe('success');
		// Анна Петрова: «Анна», digits 79215551234, initials АП; blank first name: null, 8800, «?» and «?» from an empty
		// last name; no first name: null, null, «?Л».
		expect(await project.warehouse.query('select * from marts.people order by initials')).toEqual([
			{ first_name: null, phone: '8800', initials: '??' },
			{ first_name: null, phone: null, initials: '?Л' },
			{ first_name: 'Анна', phone: '79215551234', initials: 'АП' }
		]);
		// Another connection after the commit (as oborot sql and dashboards query): the macros are there,
		// and the staging view that calls them reads.
		expect(await project.warehouse.query("select blank_to_null('  ') as blank, tidy(' x ') as tidy, (select count(*)::integer from staging.stg_people) as people")).toEqual([
			{ blank: null, tidy: 'x', people: 3 }
		]);
		expect(await project.warehouse.query(`select function_name as name, comment from duckdb_functions() where function_name in ('digits', 'tidy') order by 1`)).toEqual([
			{ name: 'digits', comment: 'oborot: models/macros/numbers.sql' },
			{ name: 'tidy', comment: 'oborot: models/macros/text.sql' }
		]);
	});

	it('drops a macro removed from models/macros on the next build of the whole project, not on a selection', async () => {
		project = await fixtureProject(null);
		await writeShop(project);
		expect((await buildProject(project.warehouse, await loadProject(project.paths))).status).toBe('success');
		await project.warehouse.run("create macro analysts_own(x) as x || '!'");
		project.write('models/macros/numbers.sql', '-- digits now live elsewhere\n');
		project.write('models/staging/stg_people.sql', "select blank_to_null(first_name) as first_name from (values (' Анна ')) as people (first_name)\n");
		const selection = await buildProject(project.warehouse, await loadProject(project.paths), { select: ['stg_people'] });
		expect(selection.status).toBe('success');
		expect(await macroNames(project)).toEqual(['analysts_own', 'blank_to_null', 'digits', 'initials', 'tidy']);
		const whole = await buildProject(project.warehouse, await loadProject(project.paths));
		expect(whole.status).toBe('success');
		// digits was the build's and is gone; a macro made outside the build is not the build's to drop.
		expect(await macroNames(project)).toEqual(['analysts_own', 'blank_to_null', 'initials', 'tidy']);
	});

	it('refuses what is not a permanent, unqualified macro, naming the file and line', async () => {
		project = await fixtureProject(null);
		project.write('models/marts/m.sql', 'select 1 as x\n');
		project.write('models/macros/a.sql', "create macro one() as 1;\n\n-- a view is a model's job\ncreate view v as select 1;\n");
		project.write('models/macros/b.sql', "create temp macro two() as 2;\ncreate macro staging.three() as 3;\ncreate macro ONE() as 'again';\n");
		const error = await loadError(project);
		expect(error.problems).toEqual([
			{ file: 'models/macros/a.sql', line: 4, message: 'only "create macro name(args) as …" statements belong in models/macros, found «create view v as select 1»' },
			{ file: 'models/macros/b.sql', line: 1, message: "macro «two» is temporary and would vanish with the build's connection: write create macro, not create temp macro" },
			{ file: 'models/macros/b.sql', line: 2, message: 'macro «staging.three» names a schema: write the bare name (the build creates macros in main, where every query finds them)' },
			{ file: 'models/macros/b.sql', line: 3, message: 'macro «one» is already defined in models/macros/a.sql:1' }
		]);
	});

	it('fails the build, publishing nothing, on a macro that would replace a DuckDB function or does not compile', async () => {
		project = await fixtureProject(null);
		await writeShop(project);
		expect((await buildProject(project.warehouse, await loadProject(project.paths))).status).toBe('success');
		project.write('models/marts/people.sql', "select *, 1 as added from {{ ref('stg_people') }}\n");
		project.write('models/macros/clash.sql', "-- keeps spaces\ncreate macro trim(value) as value;\n");
		const clash = await buildProject(project.warehouse, await loadProject(project.paths));
		expect(clash.status).toBe('failed');
		expect(clash.message).toContain('models/macros/clash.sql:2: macro «trim» has the name of a DuckDB function, which it would replace in every query: rename it');
		expect(clash.message).toContain('Nothing was published');
		project.write('models/macros/clash.sql', 'create macro half(value) as value / ;\n');
		const broken = await buildProject(project.warehouse, await loadProject(project.paths));
		expect(broken.status).toBe('failed');
		expect(broken.message).toMatch(/models\/macros\/clash\.sql:1: macro «half» could not be created: Parser Error: syntax error/);
		// The mart is the first build's: no «added» column.
		expect(Object.keys((await project.warehouse.query('select * from marts.people limit 1'))[0])).toEqual(['first_name', 'phone', 'initials']);
		expect(await macroNames(project)).toEqual(['blank_to_null', 'digits', 'initials', 'tidy']);
	});
});

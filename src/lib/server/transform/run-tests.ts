import type { DuckDBConnection } from '@duckdb/node-api';
import { plainValueConverter } from '../warehouse/index.ts';
import type { TestRun } from './build-types.ts';
import { renderTemplate } from './render.ts';
import type { Project, TestNode } from './types.ts';

const SAMPLE_ROWS = 5;

/** The SQL of a test for this build (singular tests are templates; generic ones compiled at load). */
export function compileTest(project: Project, test: TestNode, vars: Record<string, unknown>): string {
	if (test.sql) return test.sql;
	return renderTemplate(test.template ?? '', test.file, {
		ref: (name) => project.models.get(name)!.relation,
		source: (source, table) => project.sources.get(`${source}.${table}`)!.relation,
		config: () => undefined,
		vars,
		isIncremental: false,
		self: '',
		owner: `test «${test.name}»`
	})
		.trim()
		.replace(/;\s*$/, '');
}

function describe(test: TestNode): string {
	return `test «${test.name}» on ${test.column ? `${test.model}.${test.column}` : test.model || 'the project'}`;
}

/** Counts the failing rows and keeps a few to show; a test whose query fails reports status error. */
export async function runTest(connection: DuckDBConnection, project: Project, test: TestNode, vars: Record<string, unknown>): Promise<TestRun> {
	const started = performance.now();
	const base = { name: test.name, type: test.type, model: test.model, column: test.column, severity: test.severity };
	let sql = '';
	try {
		sql = compileTest(project, test, vars);
		const counted = await connection.runAndReadAll(`select count(*) from (${sql}\n) as failing`);
		const failures = Number(counted.getRows()[0][0]);
		const seconds = (performance.now() - started) / 1000;
		if (failures === 0) return { ...base, status: 'pass', failures, sample: [], sql, seconds };
		const reader = await connection.runAndReadAll(`select * from (${sql}\n) as failing limit ${SAMPLE_ROWS}`);
		const sample = reader.convertRowObjects(plainValueConverter) as Record<string, unknown>[];
		const shown = sample.map((row) => `    ${JSON.stringify(row)}`).join('\n');
		const more = failures > sample.length ? `\n    … and ${failures - sample.length} more` : '';
		const message = `${describe(test)} found ${failures} failing row${failures === 1 ? '' : 's'}:\n${shown}${more}`;
		return { ...base, status: test.severity === 'warn' ? 'warn' : 'fail', failures, sample, message, sql, seconds };
	} catch (error) {
		const message = `${describe(test)} could not run: ${(error as Error).message}`;
		return { ...base, status: 'error', failures: 0, sample: [], message, sql, seconds: (performance.now() - started) / 1000 };
	}
}

import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Problem } from './errors.ts';
import type { Severity } from './types.ts';

/** A test as written in YAML: `- unique`, `- accepted_values: {values: [...]}`. */
export interface TestSpec {
	type: string;
	args: Record<string, unknown>;
	severity: Severity;
	/** dbt's test config `where`: only rows matching it are tested. */
	where?: string;
}

export interface ColumnSpec {
	name: string;
	description: string;
	dataType?: string;
	tests: TestSpec[];
}

export interface ModelSpec {
	name: string;
	description: string;
	config: Record<string, unknown>;
	columns: ColumnSpec[];
	tests: TestSpec[];
	file: string;
}

export interface SourceSpec {
	name: string;
	schema: string;
	description: string;
	tables: { name: string; identifier: string; description: string; columns: ColumnSpec[]; tests: TestSpec[] }[];
	file: string;
}

const testEntry = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);
const tests = z.array(testEntry).optional();
const column = z.looseObject({
	name: z.string().min(1),
	description: z.string().optional(),
	data_type: z.string().optional(),
	tests,
	data_tests: tests
});
const model = z.looseObject({
	name: z.string().min(1),
	description: z.string().optional(),
	config: z.record(z.string(), z.unknown()).optional(),
	tags: z.array(z.string()).optional(),
	columns: z.array(column).optional(),
	tests,
	data_tests: tests
});
const source = z.looseObject({
	name: z.string().min(1),
	schema: z.string().optional(),
	description: z.string().optional(),
	tables: z.array(
		z.looseObject({
			name: z.string().min(1),
			identifier: z.string().optional(),
			description: z.string().optional(),
			columns: z.array(column).optional(),
			tests,
			data_tests: tests
		})
	)
});
const yamlFile = z.looseObject({
	version: z.unknown().optional(),
	models: z.array(model).optional(),
	sources: z.array(source).optional()
});

const SEVERITIES = new Set(['error', 'warn']);

/** `- unique` or `- dbt_utils.accepted_range: {min_value: 0, config: {severity: warn}}`. */
function parseTest(entry: z.infer<typeof testEntry>, where: string, problems: Problem[], file: string): TestSpec | null {
	if (typeof entry === 'string') return { type: stripPackage(entry), args: {}, severity: 'error' };
	const keys = Object.keys(entry);
	if (keys.length !== 1) {
		problems.push({ file, message: `${where}: a test is one name with its arguments, got keys ${keys.join(', ')}` });
		return null;
	}
	const raw = entry[keys[0]] ?? {};
	if (typeof raw !== 'object' || Array.isArray(raw)) {
		problems.push({ file, message: `${where}: the arguments of test «${keys[0]}» must be a mapping` });
		return null;
	}
	const { config, severity: topSeverity, where: topWhere, ...args } = raw as Record<string, unknown>;
	const testConfig = (config ?? {}) as Record<string, unknown>;
	const severity = String(testConfig.severity ?? topSeverity ?? 'error').toLowerCase();
	if (!SEVERITIES.has(severity)) {
		problems.push({ file, message: `${where}: severity «${severity}» of test «${keys[0]}» must be error or warn` });
		return null;
	}
	const filter = testConfig.where ?? topWhere;
	return {
		type: stripPackage(keys[0]),
		args,
		severity: severity as Severity,
		where: filter === undefined ? undefined : String(filter)
	};
}

/** dbt users write dbt_utils.expression_is_true; the tests are built in here. */
function stripPackage(name: string): string {
	return name.replace(/^dbt_utils\./, '').replace(/^dbt_expectations\./, '');
}

function parseTests(list: z.infer<typeof tests>[], where: string, problems: Problem[], file: string): TestSpec[] {
	const all = list.flatMap((item) => item ?? []);
	return all.map((entry, i) => parseTest(entry, `${where} test ${i + 1}`, problems, file)).filter((t) => t !== null);
}

function parseColumns(columns: z.infer<typeof column>[] | undefined, owner: string, problems: Problem[], file: string): ColumnSpec[] {
	return (columns ?? []).map((c) => ({
		name: c.name,
		description: c.description?.trim() ?? '',
		dataType: c.data_type,
		tests: parseTests([c.tests, c.data_tests], `${owner}.${c.name}`, problems, file)
	}));
}

/** Reads one YAML file beside the models; problems are collected, not thrown. */
export function readYamlDocs(absolute: string, file: string, problems: Problem[]): { models: ModelSpec[]; sources: SourceSpec[] } {
	let data: unknown;
	try {
		data = parseYaml(fs.readFileSync(absolute, 'utf8')) ?? {};
	} catch (error) {
		const linePos = (error as { linePos?: { line: number }[] }).linePos;
		problems.push({ file, line: linePos?.[0]?.line, message: `invalid YAML: ${(error as Error).message.split('\n')[0]}` });
		return { models: [], sources: [] };
	}
	const parsed = yamlFile.safeParse(data);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			problems.push({ file, message: `${issue.path.join('.') || '(top)'}: ${issue.message}` });
		}
		return { models: [], sources: [] };
	}
	const models = (parsed.data.models ?? []).map((m) => {
		const config = { ...(m.config ?? {}) };
		if (m.tags) config.tags = [...((config.tags as string[] | undefined) ?? []), ...m.tags];
		return {
			name: m.name,
			description: m.description?.trim() ?? '',
			config,
			columns: parseColumns(m.columns, m.name, problems, file),
			tests: parseTests([m.tests, m.data_tests], m.name, problems, file),
			file
		};
	});
	const sources = (parsed.data.sources ?? []).map((s) => ({
		name: s.name,
		schema: s.schema ?? s.name,
		description: s.description?.trim() ?? '',
		tables: s.tables.map((t) => ({
			name: t.name,
			identifier: t.identifier ?? t.name,
			description: t.description?.trim() ?? '',
			columns: parseColumns(t.columns, `${s.name}.${t.name}`, problems, file),
			tests: parseTests([t.tests, t.data_tests], `${s.name}.${t.name}`, problems, file)
		})),
		file
	}));
	return { models, sources };
}

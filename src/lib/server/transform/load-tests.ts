import fs from 'node:fs';
import { TemplateCallError, callPattern, type Problem } from './errors.ts';
import { compileGenericTest, genericTestName } from './generic-tests.ts';
import { RenderError, renderTemplate } from './render.ts';
import { unknownSourceError } from './load-models.ts';
import type { ModelNode, Severity, SourceTable, TestNode } from './types.ts';
import type { ColumnSpec, ModelSpec, TestSpec } from './yaml-docs.ts';

interface TestContext {
	models: Map<string, ModelNode>;
	sources: Map<string, SourceTable>;
	vars: Record<string, unknown>;
	problems: Problem[];
	/** Names already taken, to keep test names unique. */
	names: Set<string>;
}

function uniqueName(base: string, names: Set<string>): string {
	let name = base;
	for (let i = 2; names.has(name); i++) name = `${base}_${i}`;
	names.add(name);
	return name;
}

function unknownRef(name: string, models: Map<string, ModelNode>): TemplateCallError {
	const close = [...models.keys()].filter((m) => m.includes(name) || name.includes(m)).slice(0, 3);
	const hint = close.length ? ` (did you mean ${close.map((c) => `«${c}»`).join(', ')}?)` : '';
	return new TemplateCallError(`unknown ref «${name}»: no model file models/**/${name}.sql or .ts${hint}`, callPattern('ref', name));
}

/** What YAML tests are about: a model, or a source table (tested before the models read it). */
export interface TestSubject {
	/** Model name, or "shop.orders" for a source table. */
	name: string;
	relation: string;
	source?: string;
	columns: ColumnSpec[];
	tests: TestSpec[];
	file: string;
}

export function modelSubject(spec: ModelSpec, model: ModelNode): TestSubject {
	return { name: model.name, relation: model.relation, columns: spec.columns, tests: spec.tests, file: spec.file };
}

/** Compiles the YAML tests of one model or source table (its columns' and its own). */
export function subjectTests(subject: TestSubject, context: TestContext): TestNode[] {
	const entries: { spec: TestSpec; column?: string }[] = [
		...subject.columns.flatMap((c) => c.tests.map((t) => ({ spec: t, column: c.name }))),
		...subject.tests.map((t) => ({ spec: t }))
	];
	const tests: TestNode[] = [];
	for (const { spec, column } of entries) {
		const dependsOn = subject.source ? [] : [subject.name];
		const sources = subject.source ? [subject.source] : [];
		const resolveRelation = (expression: string) =>
			renderTemplate(`{{ ${expression} }}`, subject.file, {
				ref(name) {
					const parent = context.models.get(name);
					if (!parent) throw unknownRef(name, context.models);
					if (!dependsOn.includes(name)) dependsOn.push(name);
					return parent.relation;
				},
				source(source, table) {
					const declared = context.sources.get(`${source}.${table}`);
					if (!declared) throw unknownSourceError(`${source}.${table}`, /$^/);
					sources.push(`${source}.${table}`);
					return declared.relation;
				},
				config: () => undefined,
				vars: context.vars,
				isIncremental: false,
				self: subject.relation,
				owner: `a test of «${subject.name}»`
			});
		try {
			const sql = compileGenericTest({ spec, relation: subject.relation, column, resolveRelation });
			const base = genericTestName(spec.type, subject.name, column);
			tests.push({
				name: uniqueName(subject.source ? `source_${base}` : base, context.names),
				type: spec.type,
				model: subject.source ? `source:${subject.source}` : subject.name,
				source: subject.source,
				column,
				severity: spec.severity,
				dependsOn,
				sources,
				sql,
				file: subject.file
			});
		} catch (error) {
			const message = error instanceof RenderError ? error.problem.message : (error as Error).message;
			const where = column ? `${subject.name}.${column}` : subject.name;
			context.problems.push({ file: subject.file, message: `test «${spec.type}» on ${where}: ${message}` });
		}
	}
	return tests;
}

/** A singular test (models/tests/*.sql): a query returning failing rows, rendered again at build. */
export function singularTest(file: string, path: string, name: string, context: TestContext): TestNode | null {
	const template = fs.readFileSync(file, 'utf8');
	const dependsOn: string[] = [];
	const sources: string[] = [];
	const settings: Record<string, unknown> = {};
	try {
		renderTemplate(template, path, {
			ref(ref) {
				const parent = context.models.get(ref);
				if (!parent) throw unknownRef(ref, context.models);
				if (!dependsOn.includes(ref)) dependsOn.push(ref);
				return parent.relation;
			},
			source(source, table) {
				const key = `${source}.${table}`;
				const declared = context.sources.get(key);
				if (!declared) throw unknownSourceError(key, callPattern('source', source, table));
				sources.push(key);
				return declared.relation;
			},
			config: (values) => Object.assign(settings, values),
			vars: context.vars,
			isIncremental: false,
			self: '',
			owner: `test «${name}»`
		});
	} catch (error) {
		if (!(error instanceof RenderError)) throw error;
		context.problems.push(error.problem);
		return null;
	}
	const severity = String(settings.severity ?? 'error').toLowerCase();
	if (severity !== 'error' && severity !== 'warn') {
		context.problems.push({ file: path, message: `severity «${severity}» must be error or warn` });
		return null;
	}
	return {
		name: uniqueName(name, context.names),
		type: 'singular',
		model: dependsOn.at(-1) ?? '',
		severity: severity as Severity,
		dependsOn,
		sources,
		template,
		file: path
	};
}

export { unknownRef };

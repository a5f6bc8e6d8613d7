import fs from 'node:fs';
import path from 'node:path';
import { qualified } from '../warehouse/index.ts';
import { discoverFiles, modelName } from './discover.ts';
import { ProjectError, type Problem } from './errors.ts';
import { childrenOf, topologicalOrder } from './graph.ts';
import { upstreamRefs } from './layers.ts';
import { readMacros } from './macros.ts';
import { loadTsModel, parseSqlModel, refLine, type LoadContext } from './load-models.ts';
import { modelSubject, singularTest, subjectTests, type TestSubject } from './load-tests.ts';
import { readProjectVars } from './project-vars.ts';
import type { ModelNode, Project, SourceTable, TestNode } from './types.ts';
import { readYamlDocs, type ModelSpec } from './yaml-docs.ts';

export interface ProjectPaths {
	/** The models/ folder. */
	models: string;
	/** oborot.yml with `vars:`. */
	projectConfig?: string;
	/** The folder paths in messages are relative to (default: the parent of models/). */
	project?: string;
}

export interface LoadOptions {
	/** Overrides of oborot.yml vars (the CLI's --vars). */
	vars?: Record<string, unknown>;
}

const relativeTo = (root: string) => (file: string) => path.relative(root, file).split(path.sep).join('/');

/** Reads YAML docs: model descriptions/tests by model name, and declared sources. */
function readDocs(files: string[], rel: (f: string) => string, problems: Problem[]) {
	const specs = new Map<string, ModelSpec>();
	const sources = new Map<string, SourceTable>();
	const sourceTests: TestSubject[] = [];
	for (const file of files) {
		const docs = readYamlDocs(file, rel(file), problems);
		for (const spec of docs.models) {
			const earlier = specs.get(spec.name);
			if (earlier) problems.push({ file: spec.file, message: `model «${spec.name}» is already described in ${earlier.file}` });
			else specs.set(spec.name, spec);
		}
		for (const source of docs.sources) {
			for (const table of source.tables) {
				const key = `${source.name}.${table.name}`;
				const earlier = sources.get(key);
				if (earlier) {
					problems.push({ file: source.file, message: `source «${key}» is already declared in ${earlier.file}` });
					continue;
				}
				sources.set(key, {
					source: source.name,
					name: table.name,
					schema: source.schema,
					identifier: table.identifier,
					relation: qualified(source.schema, table.identifier),
					description: table.description || source.description,
					columns: table.columns.map((c) => ({ name: c.name, description: c.description, dataType: c.dataType })),
					file: source.file
				});
				sourceTests.push({ name: key, source: key, relation: qualified(source.schema, table.identifier), columns: table.columns, tests: table.tests, file: source.file });
			}
		}
	}
	return { specs, sources, sourceTests };
}

/**
 * Reads a models project: finds models, macros and YAML, renders each SQL model once to learn
 * its refs and config, imports TypeScript models, compiles tests and orders the graph.
 * Every problem found is reported at once in a ProjectError.
 */
export async function loadProject(paths: ProjectPaths, options: LoadOptions = {}): Promise<Project> {
	const modelsDir = path.resolve(paths.models);
	const root = path.resolve(paths.project ?? path.dirname(modelsDir));
	const rel = relativeTo(root);
	const problems: Problem[] = [];
	const vars = readProjectVars(paths.projectConfig, options.vars);
	const files = discoverFiles(modelsDir);
	const { specs, sources, sourceTests } = readDocs(files.yaml, rel, problems);
	const macros = readMacros(files.macros, rel, problems);
	const context: LoadContext = { sources, vars, problems };

	const models = new Map<string, ModelNode>();
	const disabled = new Set<string>();
	const seen = new Map<string, string>();
	for (const file of files.models) {
		const name = modelName(file);
		const earlier = seen.get(name);
		if (earlier) {
			problems.push({ file: rel(file), message: `model name «${name}» is used twice: ${earlier} and ${rel(file)} (a model is named by its file; rename one)` });
			continue;
		}
		seen.set(name, rel(file));
		const input = { name, file, path: rel(file), inModels: relativeTo(modelsDir)(file), spec: specs.get(name) };
		const loaded = file.endsWith('.ts') ? await loadTsModel(input, context) : parseSqlModel(input, context);
		if (!loaded) continue;
		if (loaded.enabled) models.set(name, loaded.node);
		else disabled.add(name);
	}

	for (const spec of specs.values()) {
		if (!seen.has(spec.name)) problems.push({ file: spec.file, message: `model «${spec.name}» is described but there is no models/**/${spec.name}.sql or .ts` });
	}
	for (const model of models.values()) {
		for (const parent of model.parents) {
			if (models.has(parent)) continue;
			const why = disabled.has(parent) ? `model «${parent}» is disabled (enabled: false)` : `unknown ref «${parent}»: no model file models/**/${parent}.sql or .ts`;
			problems.push({ file: model.path, line: refLine(model, parent), message: why });
		}
	}
	problems.push(...upstreamRefs(models, modelsDir));
	if (problems.length) throw new ProjectError(problems);

	const tests = compileTests(models, specs, sourceTests, files.singularTests, { sources, vars, problems, rel });
	if (problems.length) throw new ProjectError(problems);

	const graph = [...models.values()].map((m) => ({ name: m.name, path: m.path, parents: m.parents }));
	const { order, cycle } = topologicalOrder(graph);
	if (cycle) {
		const steps = cycle.map((name) => `${name} (${models.get(name)!.path})`).join(' → ');
		throw new ProjectError([{ file: models.get(cycle[0])!.path, message: `dependency cycle: ${steps}` }]);
	}
	const position = new Map(order.map((name, i) => [name, i]));
	for (const test of tests) {
		// A test runs once the last model it reads is built; it is reported under its own model.
		if (test.type === 'singular') test.model = [...test.dependsOn].sort((a, b) => position.get(a)! - position.get(b)!).at(-1) ?? '';
	}
	return { root, modelsDir, vars, models, sources, tests, macros, order, children: childrenOf(graph) };
}

function compileTests(
	models: Map<string, ModelNode>,
	specs: Map<string, ModelSpec>,
	sourceTests: TestSubject[],
	singularFiles: string[],
	context: { sources: Map<string, SourceTable>; vars: Record<string, unknown>; problems: Problem[]; rel: (f: string) => string }
): TestNode[] {
	const testContext = { models, sources: context.sources, vars: context.vars, problems: context.problems, names: new Set<string>() };
	const tests: TestNode[] = sourceTests.flatMap((subject) => subjectTests(subject, testContext));
	for (const model of models.values()) {
		const spec = specs.get(model.name);
		if (spec) tests.push(...subjectTests(modelSubject(spec, model), testContext));
	}
	for (const file of singularFiles) {
		const test = singularTest(file, context.rel(file), path.basename(file, '.sql'), testContext);
		if (test) tests.push(test);
	}
	return tests;
}

/** True when the folder has any model file: lets the CLI say "no models" instead of building nothing. */
export function hasModels(modelsDir: string): boolean {
	return fs.existsSync(modelsDir) && discoverFiles(modelsDir).models.length > 0;
}

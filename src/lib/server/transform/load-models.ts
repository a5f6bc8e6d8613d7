import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { qualified } from '../warehouse/index.ts';
import { checkDefinition, sourceKey } from './define-model.ts';
import { TemplateCallError, callPattern, lineOf, type Problem } from './errors.ts';
import { resolveConfig } from './model-config.ts';
import { RenderError, renderTemplate } from './render.ts';
import type { ModelNode, SourceTable, TsModelDefinition } from './types.ts';
import type { ModelSpec } from './yaml-docs.ts';

export interface ModelInput {
	name: string;
	file: string;
	/** Relative to the project root (shown in messages). */
	path: string;
	/** Relative to models/ (decides the folder defaults). */
	inModels: string;
	spec?: ModelSpec;
}

export interface LoadContext {
	sources: Map<string, SourceTable>;
	vars: Record<string, unknown>;
	problems: Problem[];
}

/** A relation placeholder for the parse pass, where other models' schemas are not known yet. */
const placeholder = (name: string) => qualified('__parse__', name);

export function unknownSourceError(key: string, needle: RegExp): TemplateCallError {
	return new TemplateCallError(
		`unknown source «${key}»: declare it in a YAML file beside the models (sources: [{name: ${key.split('.')[0]}, tables: [{name: ${key.split('.')[1]}}]}])`,
		needle
	);
}

/** The parse pass: renders once to learn refs, sources and config() of a SQL model. */
export function parseSqlModel(input: ModelInput, context: LoadContext): { node: ModelNode; enabled: boolean } | null {
	const template = fs.readFileSync(input.file, 'utf8');
	const parents: string[] = [];
	const sources: string[] = [];
	const configs: Record<string, unknown>[] = [];
	try {
		renderTemplate(template, input.path, {
			ref(name) {
				if (!parents.includes(name)) parents.push(name);
				return placeholder(name);
			},
			source(source, table) {
				const key = `${source}.${table}`;
				const declared = context.sources.get(key);
				if (!declared) throw unknownSourceError(key, callPattern('source', source, table));
				if (!sources.includes(key)) sources.push(key);
				return declared.relation;
			},
			config: (settings) => configs.push(settings),
			vars: context.vars,
			isIncremental: false,
			self: placeholder(input.name),
			owner: `model «${input.name}»`
		});
	} catch (error) {
		if (!(error instanceof RenderError)) throw error;
		context.problems.push(error.problem);
		return null;
	}
	return finishNode(input, { kind: 'sql', template, parents, sources }, [input.spec?.config ?? {}, ...configs], context);
}

/**
 * The modification time in the URL makes a long-running server (tsx loader) pick up an
 * edited model. Vite's dev runner (vite dev, vitest) cannot take a query on a .ts file
 * and tracks edits itself, so it gets the plain URL.
 */
function moduleUrl(file: string): string {
	const url = pathToFileURL(file).href;
	const viteDev = (import.meta as ImportMeta & { env?: { DEV?: boolean } }).env?.DEV === true;
	return viteDev ? url : `${url}?mtime=${fs.statSync(file).mtimeMs}`;
}

/** Imports a TypeScript model (the process runs under tsx or vite, so .ts imports work). */
export async function loadTsModel(input: ModelInput, context: LoadContext): Promise<{ node: ModelNode; enabled: boolean } | null> {
	let definition: TsModelDefinition;
	try {
		const module = (await import(/* @vite-ignore */ moduleUrl(input.file))) as { default?: unknown };
		const problem = checkDefinition(module.default);
		if (problem) {
			context.problems.push({ file: input.path, message: problem });
			return null;
		}
		definition = module.default as TsModelDefinition;
	} catch (error) {
		context.problems.push({ file: input.path, message: `could not load the model: ${(error as Error).message}` });
		return null;
	}
	const text = fs.readFileSync(input.file, 'utf8');
	const sources = (definition.sources ?? []).map(sourceKey);
	for (const key of sources) {
		if (!context.sources.has(key)) {
			const line = lineOf(text, new RegExp(`['"]${key.split('.')[1]}['"]`));
			context.problems.push({ file: input.path, line, message: unknownSourceError(key, /$^/).message });
		}
	}
	const settings = { ...(definition.config ?? {}) } as Record<string, unknown>;
	settings.materialized ??= 'table';
	const built = finishNode(
		input,
		{ kind: 'ts', definition, parents: [...new Set(definition.refs)], sources },
		[input.spec?.config ?? {}, settings],
		context
	);
	if (built && built.node.config.materialized === 'view') {
		context.problems.push({ file: input.path, message: 'a TypeScript model writes a table: materialized must be table or incremental' });
		return null;
	}
	return built;
}

function finishNode(
	input: ModelInput,
	parsed: Pick<ModelNode, 'kind' | 'template' | 'definition' | 'parents' | 'sources'>,
	layers: Record<string, unknown>[],
	context: LoadContext
): { node: ModelNode; enabled: boolean } | null {
	const { config, enabled, errors } = resolveConfig(input.inModels, layers);
	for (const table of new Set(config.requires.flat())) {
		if (!context.sources.has(table)) errors.push(`requires «${table}», which is not a declared source (declare it under sources: in a YAML file)`);
	}
	if (errors.length) {
		for (const message of errors) context.problems.push({ file: input.path, message });
		return null;
	}
	const node: ModelNode = {
		name: input.name,
		file: input.file,
		path: input.path,
		...parsed,
		config,
		relation: qualified(config.schema, input.name),
		description: input.spec?.description ?? '',
		columns: (input.spec?.columns ?? []).map((c) => ({ name: c.name, description: c.description, dataType: c.dataType })),
		yamlFile: input.spec?.file
	};
	return { node, enabled };
}

/** Where a model names another: for SQL the ref() call, for TS the quoted name in refs. */
export function refLine(node: ModelNode, parent: string): number | undefined {
	const text = node.template ?? fs.readFileSync(node.file, 'utf8');
	const escaped = parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return node.kind === 'sql' ? lineOf(text, callPattern('ref', parent)) : lineOf(text, new RegExp(`['"]${escaped}['"]`));
}

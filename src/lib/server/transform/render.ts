import nunjucks from 'nunjucks';
import { TemplateCallError, callPattern, lineOf, type Problem } from './errors.ts';
import { keywordArgs } from './model-config.ts';

/**
 * What a template may call. ref/source return relation names; config() records
 * settings; var() reads project variables. Parse and build passes supply different
 * implementations (the parse pass records, the build pass resolves).
 */
export interface TemplateHooks {
	ref(name: string): string;
	source(source: string, table: string): string;
	config(settings: Record<string, unknown>): void;
	vars: Record<string, unknown>;
	isIncremental: boolean;
	/** The model's own relation. */
	self: string;
	/** Names the model in a missing-variable error. */
	owner: string;
}

// Jinja2-compatible enough for dbt habits; SQL must never be HTML-escaped.
const environment = new nunjucks.Environment(null, { autoescape: false, dev: true, throwOnUndefined: false });

export class RenderError extends Error {
	readonly problem: Problem;
	constructor(problem: Problem) {
		super(problem.line ? `${problem.file}:${problem.line}: ${problem.message}` : `${problem.file}: ${problem.message}`);
		this.name = 'RenderError';
		this.problem = problem;
	}
}

function templateGlobals(hooks: TemplateHooks): Record<string, unknown> {
	return {
		ref: (...args: unknown[]) => {
			const name = args.length >= 2 ? args[1] : args[0];
			if (typeof name !== 'string') throw new TemplateCallError('ref() takes a model name in quotes');
			return hooks.ref(name);
		},
		source: (source: unknown, table: unknown) => {
			if (typeof source !== 'string' || typeof table !== 'string') {
				throw new TemplateCallError("source() takes two names in quotes: source('raw', 'crm_deals')");
			}
			return hooks.source(source, table);
		},
		config: (...args: unknown[]) => {
			hooks.config(keywordArgs(args));
			return '';
		},
		var: (...args: unknown[]) => {
			const name = String(args[0]);
			if (Object.hasOwn(hooks.vars, name)) return hooks.vars[name];
			if (args.length >= 2) return args[1];
			throw new TemplateCallError(
				`variable «${name}» used by ${hooks.owner} is not set: add it under vars: in oborot.yml, pass --vars '{"${name}": ...}', or give a default: var('${name}', ...)`,
				callPattern('var', name)
			);
		},
		env_var: (name: unknown, fallback?: unknown) => {
			const value = process.env[String(name)];
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new TemplateCallError(`environment variable «${String(name)}» is not set and has no default`);
		},
		is_incremental: () => hooks.isIncremental,
		this: hooks.self
	};
}

interface NunjucksError extends Error {
	lineno?: number;
	cause?: unknown;
}

function stripPrefix(message: string): string {
	return message.replace(/^\([^)]*\)( \[Line \d+(, Column \d+)?\])?\s*/, '').replace(/^Error: /, '').trim();
}

/** Renders a model or test template; any problem becomes a RenderError with file and line. */
export function renderTemplate(template: string, file: string, hooks: TemplateHooks): string {
	let compiled: nunjucks.Template;
	try {
		compiled = new nunjucks.Template(template, environment, file, true);
	} catch (error) {
		// Parse errors carry 1-based lines.
		const e = error as NunjucksError;
		throw new RenderError({ file, line: e.lineno || undefined, message: `template syntax: ${stripPrefix(e.message)}` });
	}
	try {
		return compiled.render(templateGlobals(hooks));
	} catch (error) {
		const e = error as NunjucksError;
		const cause = e.cause instanceof Error ? e.cause : e;
		if (cause instanceof RenderError) throw cause;
		// Runtime errors carry 0-based lines; our own errors know what call to look for.
		const line =
			(cause instanceof TemplateCallError && cause.needle ? lineOf(template, cause.needle) : undefined) ??
			(typeof e.lineno === 'number' ? e.lineno + 1 : undefined);
		throw new RenderError({ file, line, message: stripPrefix(cause.message) });
	}
}

/**
 * Mistakes in a models project (bad YAML, unknown ref, cycle, template error). Each
 * problem names the file (relative to the project) and, where we can find it, the line,
 * so the analyst can jump straight to it: "models/marts/x.sql:12: unknown ref «y»".
 */
export interface Problem {
	file: string;
	line?: number;
	message: string;
}

export function formatProblem(problem: Problem): string {
	const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
	return `${where}: ${problem.message}`;
}

export class ProjectError extends Error {
	readonly problems: Problem[];

	constructor(problems: Problem[]) {
		const lines = problems.map(formatProblem);
		super(lines.length === 1 ? lines[0] : `${lines.length} problems in the models project:\n  ${lines.join('\n  ')}`);
		this.name = 'ProjectError';
		this.problems = problems;
	}
}

/**
 * Thrown by template functions (ref, source, var) while rendering. `needle` is a
 * pattern for the call in the source text, so the renderer can name the line even
 * when nunjucks does not know it.
 */
export class TemplateCallError extends Error {
	readonly needle: RegExp | undefined;

	constructor(message: string, needle?: RegExp) {
		super(message);
		this.name = 'TemplateCallError';
		this.needle = needle;
	}
}

/** 1-based line of the first match of `needle` in `text`, or undefined. */
export function lineOf(text: string, needle: RegExp): number | undefined {
	const match = needle.exec(text);
	if (!match) return undefined;
	return text.slice(0, match.index).split('\n').length;
}

/** A regexp matching a template call such as ref('name') or ref("name"), spaces allowed. */
export function callPattern(fn: string, ...args: string[]): RegExp {
	const escaped = args.map((arg) => `\\s*['"]${arg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]\\s*`);
	return new RegExp(`\\b${fn}\\s*\\(${escaped.join(',')}[,)]`);
}

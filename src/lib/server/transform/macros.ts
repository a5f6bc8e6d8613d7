import fs from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatProblem, type Problem } from './errors.ts';

/**
 * SQL macros: `models/macros/*.sql` hold `create macro` statements for expressions models
 * write many times (blank_to_null(x) for nullif(trim(x), '')). The build creates them as
 * DuckDB macros in the warehouse's main schema, in its transaction, before any model: models,
 * tests, TypeScript models, `oborot sql` and dashboards call them like built-in functions, and
 * they are published (or rolled back) with the models.
 */
export interface MacroDefinition {
	/** Lower-case, as DuckDB resolves an unquoted name. */
	name: string;
	/** Relative to the project, e.g. models/macros/text.sql. */
	file: string;
	line: number;
	/** The statement as a `create or replace macro`. */
	sql: string;
}

/** Marks the macros a build made (COMMENT ON MACRO), so one removed from models/macros is dropped. */
const OWNER = 'oborot: ';

interface Statement {
	text: string;
	/** 1-based line of the statement's first character that is not a comment or space. */
	line: number;
}

/** Splits SQL text on semicolons outside quotes and comments; drops statements that are only comments. */
export function splitStatements(sql: string): Statement[] {
	const statements: Statement[] = [];
	let start = 0;
	let line = 1;
	let firstLine: number | null = null;
	let i = 0;
	const push = (end: number) => {
		const text = sql.slice(start, end).trim();
		if (firstLine !== null && text) statements.push({ text, line: firstLine });
		start = end + 1;
		firstLine = null;
	};
	while (i < sql.length) {
		const char = sql[i];
		if (char === '\n') {
			line++;
			i++;
		} else if (char === '-' && sql[i + 1] === '-') {
			while (i < sql.length && sql[i] !== '\n') i++;
		} else if (char === '/' && sql[i + 1] === '*') {
			const end = sql.indexOf('*/', i + 2);
			const stop = end === -1 ? sql.length : end + 2;
			line += sql.slice(i, stop).split('\n').length - 1;
			i = stop;
		} else if (char === "'" || char === '"') {
			firstLine ??= line;
			// A doubled quote inside is the quote itself and keeps the literal open.
			let j = i + 1;
			while (j < sql.length && !(sql[j] === char && sql[j + 1] !== char)) j += sql[j] === char ? 2 : 1;
			line += sql.slice(i, j).split('\n').length - 1;
			i = j + 1;
		} else if (char === ';') {
			push(i);
			i++;
		} else {
			if (!/\s/.test(char)) firstLine ??= line;
			i++;
		}
	}
	push(sql.length);
	return statements;
}

/** Strips leading comments so the statement's keywords can be read. */
function withoutLeadingComments(text: string): string {
	return text.replace(/^(\s*(--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/))*\s*/, '');
}

const CREATE_MACRO = /^create\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?(macro|function)\s+((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|[A-Za-z_][\w$]*))*)\s*\(/i;

/** Reads the macro files; every statement must create one unqualified, permanent macro. */
export function readMacros(files: string[], rel: (file: string) => string, problems: Problem[]): MacroDefinition[] {
	const macros: MacroDefinition[] = [];
	const seen = new Map<string, string>();
	for (const file of files) {
		const where = rel(file);
		for (const statement of splitStatements(fs.readFileSync(file, 'utf8'))) {
			const body = withoutLeadingComments(statement.text);
			const match = CREATE_MACRO.exec(body);
			const at = { file: where, line: statement.line };
			if (!match) {
				problems.push({ ...at, message: `only "create macro name(args) as …" statements belong in models/macros, found «${body.split('\n')[0].slice(0, 60)}»` });
				continue;
			}
			const [, , temporary, , qualifiedName] = match;
			if (temporary) {
				problems.push({ ...at, message: `macro «${qualifiedName}» is temporary and would vanish with the build's connection: write create macro, not create temp macro` });
				continue;
			}
			if (qualifiedName.includes('.')) {
				problems.push({ ...at, message: `macro «${qualifiedName}» names a schema: write the bare name (the build creates macros in main, where every query finds them)` });
				continue;
			}
			const name = qualifiedName.startsWith('"') ? qualifiedName.slice(1, -1) : qualifiedName.toLowerCase();
			const earlier = seen.get(name);
			if (earlier) {
				problems.push({ ...at, message: `macro «${name}» is already defined in ${earlier}` });
				continue;
			}
			seen.set(name, `${where}:${statement.line}`);
			macros.push({ name, ...at, sql: body.replace(/^create\s+(or\s+replace\s+)?/i, 'create or replace ') });
		}
	}
	return macros;
}

export class MacroError extends Error {
	constructor(problems: Problem[]) {
		super(problems.map(formatProblem).join('\n'));
		this.name = 'MacroError';
	}
}

const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;
const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows<T>(connection: DuckDBConnection, sql: string): Promise<T[]> {
	return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

/**
 * Creates every macro in the open build transaction. A macro may use another whatever the
 * order they are written in: DuckDB binds a macro's body when it is created, so what fails
 * is tried again after the others until nothing more succeeds. A name of a built-in function
 * is refused (a macro in main would replace it for every query). On a build of the whole
 * project, macros an earlier build made that are no longer defined are dropped.
 */
export async function createMacros(connection: DuckDBConnection, macros: MacroDefinition[], dropRemoved: boolean): Promise<void> {
	if (macros.length) {
		const names = macros.map((m) => quoteLiteral(m.name)).join(', ');
		const builtIn = new Set(
			(await rows<{ name: string }>(connection, `select distinct function_name as name from duckdb_functions() where internal and function_name in (${names})`)).map((r) => r.name)
		);
		const clashes = macros.filter((m) => builtIn.has(m.name));
		if (clashes.length) {
			throw new MacroError(clashes.map((m) => ({ file: m.file, line: m.line, message: `macro «${m.name}» has the name of a DuckDB function, which it would replace in every query: rename it` })));
		}
	}
	let pending = macros;
	const errors = new Map<MacroDefinition, string>();
	while (pending.length) {
		const failed: MacroDefinition[] = [];
		for (const macro of pending) {
			try {
				await connection.run(macro.sql);
				errors.delete(macro);
			} catch (error) {
				errors.set(macro, (error as Error).message.split('\n')[0]);
				failed.push(macro);
			}
		}
		if (failed.length === pending.length) break;
		pending = failed;
	}
	if (errors.size) {
		throw new MacroError([...errors].map(([m, message]) => ({ file: m.file, line: m.line, message: `macro «${m.name}» could not be created: ${message}` })));
	}
	const ours = await rows<{ name: string; type: string; comment: string | null }>(
		connection,
		`select distinct function_name as name, function_type as type, comment from duckdb_functions()
		 where not internal and database_name = current_database() and schema_name = 'main' and function_type in ('macro', 'table_macro')`
	);
	const defined = new Map(macros.map((m) => [m.name, m]));
	for (const row of ours) {
		const kind = row.type === 'table_macro' ? 'macro table' : 'macro';
		const macro = defined.get(row.name);
		if (macro) await connection.run(`comment on ${kind} ${quoteName(row.name)} is ${quoteLiteral(`${OWNER}${macro.file}`)}`);
		else if (dropRemoved && row.comment?.startsWith(OWNER)) await connection.run(`drop ${kind} ${quoteName(row.name)}`);
	}
}

/**
 * Finds the named parameters ($period_start, $channel …) a dashboard query uses,
 * skipping string literals, quoted identifiers and comments, so the file can be
 * checked before anything runs. Positional parameters ($1) are reported apart:
 * dashboards bind by name only.
 */
export interface SqlParams {
	named: string[];
	positional: string[];
}

export function sqlParams(sql: string): SqlParams {
	const named = new Set<string>();
	const positional = new Set<string>();
	let i = 0;
	while (i < sql.length) {
		const ch = sql[i];
		const next = sql[i + 1];
		if (ch === "'" || ch === '"') {
			i = skipQuoted(sql, i, ch);
		} else if (ch === '-' && next === '-') {
			const end = sql.indexOf('\n', i);
			i = end < 0 ? sql.length : end + 1;
		} else if (ch === '/' && next === '*') {
			const end = sql.indexOf('*/', i + 2);
			i = end < 0 ? sql.length : end + 2;
		} else if (ch === '$') {
			const match = /^\$([A-Za-z_][A-Za-z0-9_]*|\d+)/.exec(sql.slice(i));
			if (match) {
				(/^\d/.test(match[1]) ? positional : named).add(match[1].toLowerCase());
				i += match[0].length;
			} else {
				i++;
			}
		} else {
			i++;
		}
	}
	return { named: [...named], positional: [...positional] };
}

/** Index just past a quoted run; a doubled quote ('' or "") is an escaped quote. */
function skipQuoted(sql: string, start: number, quote: string): number {
	let i = start + 1;
	while (i < sql.length) {
		if (sql[i] === quote) {
			if (sql[i + 1] === quote) i += 2;
			else return i + 1;
		} else {
			i++;
		}
	}
	return sql.length;
}

/**
 * The SQL with string literals and comments blanked out (same length, so positions
 * hold): what is left is code, for checks such as "reads the app schema".
 */
export function sqlCode(sql: string): string {
	let out = '';
	let i = 0;
	while (i < sql.length) {
		const ch = sql[i];
		const next = sql[i + 1];
		let end = i + 1;
		if (ch === "'") end = skipQuoted(sql, i, ch);
		else if (ch === '-' && next === '-') end = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
		else if (ch === '/' && next === '*') end = sql.indexOf('*/', i + 2) < 0 ? sql.length : sql.indexOf('*/', i + 2) + 2;
		else {
			out += ch;
			i++;
			continue;
		}
		out += ' '.repeat(end - i);
		i = end;
	}
	return out;
}

/** Whether the SQL names a table of the app schema (users, sessions, password hashes). */
export function readsAppSchema(sql: string): boolean {
	return /(^|[^\w."])"?app"?\s*\.\s*"?[a-z_]/i.test(sqlCode(sql));
}

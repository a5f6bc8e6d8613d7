import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

/** A problem inside a YAML block, placed on a line of the whole file. */
export interface YamlProblem {
	line: number;
	message: string;
}

export type YamlResult<T> = { ok: true; value: T } | { ok: false; problems: YamlProblem[] };

/** The file line of the node at `path`, or of its nearest parent that exists. */
function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[], firstLine: number): number {
	for (let depth = path.length; depth >= 0; depth--) {
		const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
		if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line + firstLine - 1;
	}
	return firstLine;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
	return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), root);
}

const isLocalizedText = (node: unknown) => !!node && typeof node === 'object' && ('ru' in node || 'en' in node);

function describePath(path: PropertyKey[]): string {
	return path.length ? path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.').replace(/\.\[/g, '[') : '';
}

/**
 * Parses YAML that starts on `firstLine` of the file and checks it against a schema;
 * syntax errors and schema errors both come back with file line numbers.
 */
export function parseYamlBlock<S extends z.ZodType>(text: string, firstLine: number, schema: S, what: string): YamlResult<z.output<S>> {
	const counter = new LineCounter();
	const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length) {
		return {
			ok: false,
			problems: doc.errors.map((error) => ({
				line: counter.linePos(error.pos[0]).line + firstLine - 1,
				message: `${what}: YAML error: ${error.message.split('\n')[0]}`
			}))
		};
	}
	const value: unknown = doc.toJS() ?? {};
	const parsed = schema.safeParse(value);
	if (parsed.success) return { ok: true, value: parsed.data };
	return {
		ok: false,
		problems: parsed.error.issues.map((issue) => {
			const where = describePath(issue.path);
			// `{ ru: Выручка, прибыль }` splits at the comma: the "keys" are the text's pieces.
			const hint = issue.code === 'unrecognized_keys' && isLocalizedText(valueAt(value, issue.path)) ? ' (text with a comma inside { } needs quotes)' : '';
			return { line: lineOf(doc, counter, issue.path, firstLine), message: `${what}: ${where ? `${where}: ` : ''}${issue.message}${hint}` };
		})
	};
}

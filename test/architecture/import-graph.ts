import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The module import graph of a source tree: every static, re-export and dynamic
 * `import('…')` with a literal specifier (type-only imports too: they are arrows of
 * the design as much as value imports), resolved the way SvelteKit and tsx do.
 */
export interface ImportEdge {
	/** Paths relative to the root, with forward slashes. */
	from: string;
	to: string;
	line: number;
	specifier: string;
}

export interface ImportGraph {
	files: string[];
	edges: ImportEdge[];
	/** Relative or aliased specifiers that name no file (external packages are not listed). */
	unresolved: ImportEdge[];
}

const CODE = /\.(ts|js|svelte)$/;
const SKIP_DIRS = new Set(['node_modules', '.svelte-kit', 'build']);

function listCode(root: string, dir: string): string[] {
	const absolute = path.join(root, dir);
	if (!fs.existsSync(absolute)) return [];
	return fs.readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
		const relative = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : listCode(root, relative);
		return CODE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
	});
}

/** A .svelte file's <script> blocks, everything else blanked so positions and lines stay. */
function scriptText(file: string, text: string): string {
	if (!file.endsWith('.svelte')) return text;
	const blank = (part: string) => part.replace(/[^\n]/g, ' ');
	let result = '';
	let at = 0;
	for (const match of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)(<\/script>)/g)) {
		const start = match.index;
		result += blank(text.slice(at, start)) + blank(match[1]) + match[2] + blank(match[3]);
		at = start + match[0].length;
	}
	return result + blank(text.slice(at));
}

/** The file a specifier names, relative to root, or null; undefined for a package import. */
function resolveSpecifier(root: string, from: string, specifier: string, aliases: Record<string, string>): string | null | undefined {
	let target: string | undefined;
	if (specifier.startsWith('./') || specifier.startsWith('../')) target = path.join(path.dirname(from), specifier);
	for (const [alias, folder] of Object.entries(aliases)) {
		if (specifier === alias || specifier.startsWith(`${alias}/`)) target = folder + specifier.slice(alias.length);
	}
	if (target === undefined) return undefined;
	const base = target.split(path.sep).join('/');
	// tsx and TypeScript let `./x.js` name x.ts; SvelteKit resolves extensionless and folder imports.
	const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.js`, `${base}.svelte`, `${base}/index.ts`, `${base}/index.js`];
	return candidates.find((candidate) => fs.statSync(path.join(root, candidate), { throwIfNoEntry: false })?.isFile()) ?? null;
}

export function buildImportGraph(root: string, dirs: string[], aliases: Record<string, string> = { $lib: 'src/lib' }): ImportGraph {
	const files = dirs.flatMap((dir) => listCode(root, dir)).sort();
	const edges: ImportEdge[] = [];
	const unresolved: ImportEdge[] = [];
	for (const from of files) {
		const text = scriptText(from, fs.readFileSync(path.join(root, from), 'utf8'));
		const source = ts.createSourceFile(from, text, ts.ScriptTarget.Latest, false);
		for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
			const specifier = imported.fileName;
			const line = source.getLineAndCharacterOfPosition(imported.pos).line + 1;
			const to = resolveSpecifier(root, from, specifier, aliases);
			if (to === undefined) continue;
			if (to === null) unresolved.push({ from, to: specifier, line, specifier });
			else if (CODE.test(to)) edges.push({ from, to, line, specifier });
		}
	}
	return { files, edges, unresolved };
}

/**
 * Every import cycle, one per group of modules that reach each other (Tarjan's strongly
 * connected components): the shortest chain from the group's first module back to it.
 */
export function importCycles(graph: Pick<ImportGraph, 'edges'>): string[][] {
	const next = new Map<string, string[]>();
	for (const { from, to } of graph.edges) next.set(from, [...(next.get(from) ?? []), to]);
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	const visit = (node: string) => {
		index.set(node, index.size);
		low.set(node, index.get(node)!);
		stack.push(node);
		onStack.add(node);
		for (const to of next.get(node) ?? []) {
			if (!index.has(to)) {
				visit(to);
				low.set(node, Math.min(low.get(node)!, low.get(to)!));
			} else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
		}
		if (low.get(node) !== index.get(node)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			component.push(member);
		} while (member !== node);
		const selfLoop = component.length === 1 && (next.get(node) ?? []).includes(node);
		if (component.length > 1 || selfLoop) components.push(component.sort());
	};
	for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
	return components.map((component) => shortestLoop(component[0], new Set(component), next)).sort((a, b) => a[0].localeCompare(b[0]));
}

/** Breadth-first from start back to start, staying inside its component. */
function shortestLoop(start: string, inside: Set<string>, next: Map<string, string[]>): string[] {
	const cameFrom = new Map<string, string>();
	const queue = [start];
	while (queue.length) {
		const node = queue.shift()!;
		for (const to of next.get(node) ?? []) {
			if (!inside.has(to)) continue;
			if (to === start) {
				const chain = [start];
				for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) chain.splice(1, 0, at);
				return [...chain, start];
			}
			if (!cameFrom.has(to)) {
				cameFrom.set(to, node);
				queue.push(to);
			}
		}
	}
	throw new Error(`${start} is in a cycle but no loop was found`);
}

/** A layering rule: no module matching `from` may import one matching `to`. */
export interface ImportRule {
	name: string;
	from: (file: string) => boolean;
	to: (file: string) => boolean;
}

export function forbiddenImports(graph: Pick<ImportGraph, 'edges'>, rules: ImportRule[]): (ImportEdge & { rule: string })[] {
	return rules.flatMap((rule) => graph.edges.filter((edge) => rule.from(edge.from) && rule.to(edge.to)).map((edge) => ({ ...edge, rule: rule.name })));
}

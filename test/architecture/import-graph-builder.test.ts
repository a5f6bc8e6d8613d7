import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportGraph, forbiddenImports, importCycles, type ImportGraph } from './import-graph.ts';

/** A hand-made tree: each way of importing once, two cycles, one clean chain. */
const TREE: Record<string, string> = {
	'src/lib/a.ts': "import { b } from './b.js';\nimport type { C } from '$lib/c';\nexport const a = b;\n",
	'src/lib/b.ts': "export { d as b } from './sub';\n",
	'src/lib/c.ts': "export type C = number;\nexport const load = () => import('./a.ts');\n",
	'src/lib/sub/index.ts': "import 'node:fs';\nimport Papa from 'papaparse';\nexport const d = 1;\n",
	'src/lib/Widget.svelte': "<p>import x from './nowhere.ts'</p>\n<script lang=\"ts\">\n\timport { a } from '$lib/a';\n</script>\n<div>{a}</div>\n",
	'src/lib/self.ts': "import * as me from './self.ts';\nexport const x = me;\n",
	'src/lib/missing.ts': "import { y } from './gone.ts';\nexport const z = y;\n",
	'src/lib/style.ts': "import './theme.css';\n",
	'src/lib/theme.css': 'p { color: red }\n',
	'src/cli/main.ts': "import { a } from '../lib/a.ts';\nexport const m = a;\n",
	'bin/run.js': "await import('../src/cli/main.ts');\n",
	'other/ignored.ts': "import { a } from '../src/lib/a.ts';\n"
};

let root: string;
let graph: ImportGraph;
const arrows = (g: ImportGraph) => g.edges.map((e) => `${e.from}:${e.line} -> ${e.to}`).sort();

beforeAll(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-import-graph-'));
	for (const [file, text] of Object.entries(TREE)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
	graph = buildImportGraph(root, ['src', 'bin']);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the import graph of a hand-made tree', () => {
	it('lists the code files of the folders asked for, not others, not stylesheets', () => {
		expect(graph.files).toEqual([
			'bin/run.js',
			'src/cli/main.ts',
			'src/lib/Widget.svelte',
			'src/lib/a.ts',
			'src/lib/b.ts',
			'src/lib/c.ts',
			'src/lib/missing.ts',
			'src/lib/self.ts',
			'src/lib/style.ts',
			'src/lib/sub/index.ts'
		]);
	});

	it('resolves relative, $lib, .js→.ts, folder, re-export, dynamic and <script> imports; skips packages', () => {
		expect(arrows(graph)).toEqual([
			'bin/run.js:1 -> src/cli/main.ts',
			'src/cli/main.ts:1 -> src/lib/a.ts',
			'src/lib/Widget.svelte:3 -> src/lib/a.ts',
			'src/lib/a.ts:1 -> src/lib/b.ts',
			'src/lib/a.ts:2 -> src/lib/c.ts',
			'src/lib/b.ts:1 -> src/lib/sub/index.ts',
			'src/lib/c.ts:2 -> src/lib/a.ts',
			'src/lib/self.ts:1 -> src/lib/self.ts'
		]);
	});

	it('reports an import of a file that does not exist, and not the text outside a <script>', () => {
		expect(graph.unresolved.map((e) => `${e.from}:${e.line} ${e.specifier}`)).toEqual(['src/lib/missing.ts:1 ./gone.ts']);
	});

	it('finds each cycle as a chain back to its start, a self-import included', () => {
		expect(importCycles(graph)).toEqual([
			['src/lib/a.ts', 'src/lib/c.ts', 'src/lib/a.ts'],
			['src/lib/self.ts', 'src/lib/self.ts']
		]);
	});

	it('gives the shortest loop of a larger group, and nothing for a graph without cycles', () => {
		const edge = (from: string, to: string) => ({ from, to, line: 1, specifier: to });
		// x → y → z → x and x → z → x: one group, the two-step loop is reported.
		expect(importCycles({ edges: [edge('x', 'y'), edge('y', 'z'), edge('z', 'x'), edge('x', 'z')] })).toEqual([['x', 'z', 'x']]);
		expect(importCycles({ edges: [edge('x', 'y'), edge('y', 'z'), edge('x', 'z')] })).toEqual([]);
	});

	it('names each import a rule forbids, with its line', () => {
		const found = forbiddenImports(graph, [
			{ name: 'lib does not import the CLI', from: (f) => f.startsWith('src/lib/'), to: (f) => f.startsWith('src/cli/') },
			{ name: 'nothing imports bin', from: () => true, to: (f) => f.startsWith('bin/') },
			{ name: 'the CLI does not import lib', from: (f) => f.startsWith('src/cli/'), to: (f) => f.startsWith('src/lib/') }
		]);
		expect(found.map((e) => `${e.rule}: ${e.from}:${e.line} -> ${e.to}`)).toEqual(['the CLI does not import lib: src/cli/main.ts:1 -> src/lib/a.ts']);
	});
});

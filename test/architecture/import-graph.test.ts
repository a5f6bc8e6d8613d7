import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, forbiddenImports, importCycles, type ImportEdge, type ImportRule } from './import-graph.ts';

/**
 * The arrows of the design (DESIGN.md, issue 11): imports flow one way. The CLI
 * stands on the server's jobs catalogue; the API stands on the domains; the pages and
 * components stand on shared contracts, not on server modules; and no modules import
 * each other round in a circle. Type-only imports count: they tie modules as well.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const graph = buildImportGraph(root, ['src', 'bin']);

const under = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const SERVER = 'src/lib/server';
/** A domain folder of the server: every one but the API and runtime/ (the server's wiring, which builds what the API is given). */
const inDomain = (file: string) => {
	const folder = file.startsWith(`${SERVER}/`) ? file.slice(SERVER.length + 1).split('/') : [];
	return folder.length > 1 && folder[0] !== 'api' && folder[0] !== 'runtime';
};

const RULES: ImportRule[] = [
	{ name: 'only the CLI (and bin/) imports src/cli: the server runs jobs from src/lib/server/jobs', from: (f) => !under('src/cli')(f) && !under('bin')(f), to: under('src/cli') },
	{ name: 'a server domain does not import the API: it throws domain errors, the API maps them to HTTP', from: inDomain, to: under(`${SERVER}/api`) },
	{ name: 'components do not import server modules: they use the shared contracts', from: under('src/lib/components'), to: under(SERVER) }
];

/**
 * Arrows still against the flow, each removed by the branch named: the test fails when
 * one is gone too, so the list is emptied as they merge. Nothing else may be added here.
 */
const KNOWN: { from: string; to: string; reason: string }[] = [];

const KNOWN_CYCLES: { chain: string[]; reason: string }[] = [];

const arrow = (edge: Pick<ImportEdge, 'from' | 'to'>) => `${edge.from} → ${edge.to}`;

describe('the import graph of src/ and bin/', () => {
	it('is read whole: the CLI, the server, the pages, and every import names a file', () => {
		expect(graph.files).toContain('bin/oborot.js');
		expect(graph.files).toContain('src/lib/server/jobs/catalogue.ts');
		expect(graph.files).toContain('src/routes/+layout.svelte');
		expect(graph.edges.length).toBeGreaterThan(graph.files.length);
		// ./$types are SvelteKit's generated route types.
		const missing = graph.unresolved.filter((edge) => edge.specifier !== './$types');
		expect(missing.map((edge) => `${edge.from}:${edge.line} imports ${edge.specifier}`)).toEqual([]);
	});

	it('has no import cycle but the known ones, each to be removed by its branch', () => {
		const cycles = importCycles(graph).map((chain) => chain.join(' → '));
		const known = KNOWN_CYCLES.map(({ chain }) => chain.join(' → '));
		expect(cycles.filter((cycle) => !known.includes(cycle))).toEqual([]);
		expect(known.filter((cycle) => !cycles.includes(cycle)).map((cycle) => `${cycle} no longer happens: remove it from KNOWN_CYCLES`)).toEqual([]);
	});

	it('has no import against the layers but the known ones, each to be removed by its branch', () => {
		const known = new Set(KNOWN.map(arrow));
		const found = forbiddenImports(graph, RULES);
		const unexpected = found.filter((edge) => !known.has(arrow(edge))).map((edge) => `${edge.from}:${edge.line} → ${edge.to}  (${edge.rule})`);
		expect(unexpected).toEqual([]);
		const gone = new Set(found.map(arrow));
		expect(
			KNOWN.filter((exception) => !gone.has(arrow(exception))).map((exception) => `${arrow(exception)} no longer happens: remove it from KNOWN`)
		).toEqual([]);
	});

	it('would catch the arrows it forbids (each rule meets a case of its own)', () => {
		const edge = (from: string, to: string): ImportEdge => ({ from, to, line: 1, specifier: to });
		const probes = [
			edge(`${SERVER}/api/routes/admin-run.ts`, 'src/cli/registry.ts'),
			edge('src/routes/+page.svelte', 'src/cli/main.ts'),
			edge(`${SERVER}/segments/store.ts`, `${SERVER}/api/errors.ts`),
			edge('src/lib/components/Chart.svelte', `${SERVER}/dashboards/types.ts`),
			// allowed: the CLI on the catalogue, the API on a domain, the wiring on the API
			edge('src/cli/main.ts', `${SERVER}/jobs/catalogue.ts`),
			edge(`${SERVER}/api/routes/admin-run.ts`, `${SERVER}/jobs/handoff.ts`),
			edge(`${SERVER}/runtime/api-deps.ts`, `${SERVER}/api/context.ts`),
			edge('bin/oborot.js', 'src/cli/main.ts')
		];
		expect(forbiddenImports({ edges: probes }, RULES).map((e) => arrow(e))).toEqual([
			`${SERVER}/api/routes/admin-run.ts → src/cli/registry.ts`,
			'src/routes/+page.svelte → src/cli/main.ts',
			`${SERVER}/segments/store.ts → ${SERVER}/api/errors.ts`,
			`src/lib/components/Chart.svelte → ${SERVER}/dashboards/types.ts`
		]);
	});
});

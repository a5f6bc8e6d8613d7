import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Imports a folder may not make (test/architecture/import-graph.test.ts checks the same
 * arrows over the whole graph). A ban on a folder holds in every folder under it, but for
 * what it excepts: a folder, or the files named like a glob anywhere under a folder. ESLint's
 * flat config lets the last block that matches a file set a rule's options, so each folder
 * gets one block carrying every ban that holds there: add a ban to IMPORT_BANS (a `group`
 * or `regex` pattern), never a separate `no-restricted-imports` block.
 */
const IMPORT_BANS = [
	{
		folders: ['src/lib', 'src/routes'],
		except: [],
		// relative paths into src/cli (`../../cli/x.ts`) and the path from the repository root
		pattern: {
			group: ['**/cli/**', 'src/cli/**'],
			message: 'the server and the pages do not import the CLI: jobs live in src/lib/server/jobs (the CLI imports them)'
		}
	},
	{
		folders: ['src/lib/server'],
		except: ['src/lib/server/api'],
		// Domain folders throw DomainError (src/lib/server/errors.ts); only src/lib/server/api knows HTTP.
		pattern: {
			regex: '^(\\$lib/server/api|(\\.\\.?/)+api)(/|$)',
			message: 'src/lib/server/api is the HTTP edge: throw a DomainError from src/lib/server/errors.ts and let the API map it'
		}
	},
	{
		// The pages and components read dashboards through the contract (src/lib/dashboards), never the engine.
		folders: ['src/lib/components', 'src/routes'],
		except: ['src/routes/**/+*.server.ts', 'src/routes/**/+server.ts'],
		pattern: { regex: '(^|/)server/(dashboards|freshness)/', message: 'import the dashboard contract from src/lib/dashboards' }
	},
	{
		// The contract is shared with the client bundle: it holds no server code.
		folders: ['src/lib/dashboards'],
		except: [],
		pattern: { regex: '(^|/)server/', message: 'the dashboard contract is shared with the client: no server code' }
	}
];

/** Packages loaded through a module of ours only; that module is allowed the package itself. */
const WRAPPED_PACKAGES = [
	// exceljs must be loaded through src/lib/server/xlsx/exceljs.ts (utf-8 fix of its XML reader).
	{ name: 'exceljs', through: 'src/lib/server/xlsx/exceljs.ts', message: 'import ExcelJS from src/lib/server/xlsx/exceljs.ts' }
];

function restrictedImportBlocks() {
	const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`);
	const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const namedLike = (name, glob) => new RegExp(`^${glob.split('*').map(escape).join('[^/]*')}$`).test(name);
	// An exception is a folder, or `<folder>/**/<file name glob>`.
	const split = (except) => (except.includes('/**/') ? { folder: except.slice(0, except.indexOf('/**/')), name: except.slice(except.indexOf('/**/') + 4) } : { folder: except, name: null });
	/** Whether a ban holds in a folder (for files of that name, when given). */
	const holds = (ban, folder, name = null) =>
		ban.folders.some((f) => inside(folder, f)) &&
		!ban.except.map(split).some((e) => inside(folder, e.folder) && (e.name === null || (name !== null && (name === e.name || namedLike(name, e.name)))));
	const rule = (paths, folder, name) => ['error', { paths, patterns: IMPORT_BANS.filter((ban) => holds(ban, folder, name)).map((ban) => ban.pattern) }];
	const everywhere = WRAPPED_PACKAGES.map(({ name, message }) => ({ name, message }));
	const depth = (folder) => folder.split('/').length;
	const excepts = IMPORT_BANS.flatMap((ban) => ban.except.map(split));
	// A block per folder named, outer folders first: a deeper folder's block comes later and wins.
	const folders = [...new Set([...IMPORT_BANS.flatMap((ban) => ban.folders), ...excepts.map((e) => e.folder)])].sort((a, b) => depth(a) - depth(b));
	// Then the excepted file names, in every folder from the one named down.
	const named = excepts.filter((e) => e.name !== null).flatMap((e) => folders.filter((folder) => inside(folder, e.folder)).map((folder) => ({ folder, name: e.name })));
	named.sort((a, b) => depth(a.folder) - depth(b.folder));
	return [
		{ rules: { 'no-restricted-imports': rule(everywhere, '') } },
		...folders.map((folder) => ({ files: [`${folder}/**`], rules: { 'no-restricted-imports': rule(everywhere, folder) } })),
		...named.map(({ folder, name }) => ({ files: [`${folder}/**/${name}`], rules: { 'no-restricted-imports': rule(everywhere, folder, name) } })),
		...WRAPPED_PACKAGES.map(({ name, through }) => ({
			files: [through],
			rules: { 'no-restricted-imports': rule(everywhere.filter((wrapped) => wrapped.name !== name), through.slice(0, through.lastIndexOf('/')), through.slice(through.lastIndexOf('/') + 1)) }
		}))
	];
}

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	...restrictedImportBlocks(),
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'bench/out/', 'test/.artifacts/'] }
);

import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Imports a folder may not make (test/architecture/import-graph.test.ts checks the same
 * arrows over the whole graph). A ban on a folder holds in every folder under it, but for
 * the folders it excepts. ESLint's flat config lets the last block that matches a file set
 * a rule's options, so each folder gets one block carrying every ban that holds there: add
 * a ban to IMPORT_BANS (a `group` or `regex` pattern), never a separate
 * `no-restricted-imports` block.
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
	}
];

/** Packages loaded through a module of ours only; that module is allowed the package itself. */
const WRAPPED_PACKAGES = [
	// exceljs must be loaded through src/lib/server/xlsx/exceljs.ts (utf-8 fix of its XML reader).
	{ name: 'exceljs', through: 'src/lib/server/xlsx/exceljs.ts', message: 'import ExcelJS from src/lib/server/xlsx/exceljs.ts' }
];

function restrictedImportBlocks() {
	const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`);
	const holds = (ban, file) => ban.folders.some((folder) => inside(file, folder)) && !ban.except.some((folder) => inside(file, folder));
	const rule = (file, paths) => ['error', { paths, patterns: IMPORT_BANS.filter((ban) => holds(ban, file)).map((ban) => ban.pattern) }];
	const everywhere = WRAPPED_PACKAGES.map(({ name, message }) => ({ name, message }));
	// A block per folder named, outer folders first: a deeper folder's block comes later and wins.
	const folders = [...new Set(IMPORT_BANS.flatMap((ban) => [...ban.folders, ...ban.except]))].sort((a, b) => a.split('/').length - b.split('/').length);
	return [
		{ rules: { 'no-restricted-imports': rule('', everywhere) } },
		...folders.map((folder) => ({ files: [`${folder}/**`], rules: { 'no-restricted-imports': rule(folder, everywhere) } })),
		...WRAPPED_PACKAGES.map(({ name, through }) => ({
			files: [through],
			rules: { 'no-restricted-imports': rule(through, everywhere.filter((wrapped) => wrapped.name !== name)) }
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

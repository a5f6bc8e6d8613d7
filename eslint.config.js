import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// exceljs must be loaded through src/lib/server/xlsx/exceljs.ts (utf-8 fix of its XML reader).
			'no-restricted-imports': ['error', { paths: [{ name: 'exceljs', message: 'import ExcelJS from src/lib/server/xlsx/exceljs.ts' }] }]
		}
	},
	{ files: ['src/lib/server/xlsx/exceljs.ts'], rules: { 'no-restricted-imports': 'off' } },
	{
		// The pages and components read dashboards through the contract (src/lib/dashboards), never the engine;
		// the contract itself holds no server code, so the client bundle can take it whole.
		files: ['src/lib/components/**', 'src/routes/**'],
		ignores: ['src/routes/**/+*.server.ts', 'src/routes/**/+server.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)server/(dashboards|freshness)/', message: 'import the dashboard contract from src/lib/dashboards' }] }]
		}
	},
	{
		files: ['src/lib/dashboards/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)server/', message: 'the dashboard contract is shared with the client: no server code' }] }] }
	},
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'bench/out/', 'test/.artifacts/'] }
);

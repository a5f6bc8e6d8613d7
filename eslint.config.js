import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// exceljs must be loaded through src/lib/server/xlsx/exceljs.ts (utf-8 fix of its XML reader).
const exceljsThroughWrapper = { name: 'exceljs', message: 'import ExcelJS from src/lib/server/xlsx/exceljs.ts' };

// Domain folders throw DomainError (src/lib/server/errors.ts); only src/lib/server/api knows HTTP.
const httpOnlyInApi = {
	regex: '^(\\$lib/server/api|(\\.\\.?/)+api)(/|$)',
	message: 'src/lib/server/api is the HTTP edge: throw a DomainError from src/lib/server/errors.ts and let the API map it'
};

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
			'no-restricted-imports': ['error', { paths: [exceljsThroughWrapper] }]
		}
	},
	// A later block's options replace an earlier one's, so each block lists every restriction that applies to its files.
	{
		files: ['src/lib/server/**'],
		ignores: ['src/lib/server/api/**'],
		rules: { 'no-restricted-imports': ['error', { paths: [exceljsThroughWrapper], patterns: [httpOnlyInApi] }] }
	},
	{ files: ['src/lib/server/xlsx/exceljs.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [httpOnlyInApi] }] } },
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'bench/out/', 'test/.artifacts/'] }
);

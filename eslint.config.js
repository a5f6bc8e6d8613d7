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
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'bench/out/', 'test/.artifacts/'] }
);

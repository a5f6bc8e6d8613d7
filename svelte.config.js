import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			config(tsconfig) {
				// Content and engine folders outside src/ are type-checked too.
				tsconfig.include.push('../bin/**/*.js', '../bench/**/*.ts', '../test/**/*.ts', '../models/**/*.ts', '../scripts/**/*.js');
				return tsconfig;
			}
		}
	}
};

export default config;

import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Pages: scripts only from this origin, SvelteKit's own inline start-up script by
		// nonce (no 'unsafe-inline' for scripts). Styles may be inline: Svelte and ECharts set
		// style attributes. Other answers get their headers in src/lib/server/security-headers.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
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

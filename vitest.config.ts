import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
		// DuckDB is a native addon: separate processes keep instances apart.
		pool: 'forks',
		testTimeout: 120_000,
		hookTimeout: 300_000
	}
});

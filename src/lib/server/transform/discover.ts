import fs from 'node:fs';
import path from 'node:path';

export interface DiscoveredFiles {
	/** Model files (.sql, .ts) as absolute paths, sorted. */
	models: string[];
	/** Singular tests: models/tests/**.sql. */
	singularTests: string[];
	/** SQL macro definitions: models/macros/**.sql. */
	macros: string[];
	yaml: string[];
}

const SKIP_DIRS = new Set(['node_modules', 'target', 'dbt_packages']);

function walk(dir: string, found: string[]): void {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (!SKIP_DIRS.has(entry.name)) walk(full, found);
		} else if (entry.isFile()) {
			found.push(full);
		}
	}
}

/** Lists what lives under models/; a missing folder is an empty project. */
export function discoverFiles(modelsDir: string): DiscoveredFiles {
	const files: string[] = [];
	if (fs.existsSync(modelsDir)) walk(modelsDir, files);
	files.sort();
	const testsDir = path.join(modelsDir, 'tests') + path.sep;
	const macrosDir = path.join(modelsDir, 'macros') + path.sep;
	const result: DiscoveredFiles = { models: [], singularTests: [], macros: [], yaml: [] };
	for (const file of files) {
		const inTests = file.startsWith(testsDir);
		if (/\.ya?ml$/i.test(file)) result.yaml.push(file);
		else if (file.startsWith(macrosDir)) {
			if (file.endsWith('.sql')) result.macros.push(file);
		} else if (file.endsWith('.sql')) (inTests ? result.singularTests : result.models).push(file);
		else if (file.endsWith('.ts') && !/\.(d|spec|test)\.ts$/.test(file) && !inTests) result.models.push(file);
	}
	return result;
}

/** Model name = file name without its extension. */
export function modelName(file: string): string {
	return path.basename(file).replace(/\.(sql|ts)$/, '');
}

// `npm run bench [name...]`: runs bench/*.bench.ts, prints figures and merges them into bench/results.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext, type Benchmark } from './lib/context.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const wanted = process.argv.slice(2);
const files = fs
	.readdirSync(path.join(root, 'bench'))
	.filter((file) => file.endsWith('.bench.ts'))
	.sort();
const resultsFile = path.join(root, 'bench', 'results.json');
const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};

for (const file of files) {
	const bench = (await import(pathToFileURL(path.join(root, 'bench', file)).href)).default as Benchmark;
	if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
	process.stdout.write(`\n== ${bench.name}: ${bench.description}\n`);
	const figures = await bench.run(createContext(bench.name, root));
	results[bench.name] = {
		ranAt: new Date().toISOString(),
		machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
		...figures
	};
	process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
	fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
}
process.stdout.write(`\nresults written to ${path.relative(process.cwd(), resultsFile)}\n`);

#!/usr/bin/env node
// Runs a Node entry point in this process and reports wall time and peak RSS on exit,
// so a benchmark can measure a whole CLI command: node bench/lib/measure.js bin/oborot.js ingest f.csv
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const started = process.hrtime.bigint();
process.on('exit', () => {
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const usage = process.resourceUsage();
	const maxRssMb = usage.maxRSS / 1024;
	// CPU of all threads (DuckDB's too): comparable between runs on a busy machine, unlike wall time.
	const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
	process.stderr.write(`\n__MEASURE__ ${JSON.stringify({ seconds, maxRssMb, cpuSeconds })}\n`);
});
const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(path.resolve(entry)).href);

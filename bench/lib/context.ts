import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Measured {
	seconds: number;
	maxRssMb: number;
	/** User + system CPU seconds of the child, all threads. */
	cpuSeconds: number;
	exitCode: number;
	stdout: string;
	stderr: string;
}

export interface BenchContext {
	/** A scratch folder of this benchmark (bench/out/<name>), emptied before the run. */
	workDir: string;
	log(message: string): void;
	/** Runs `node <entry> ...args` in a child and measures its wall time and peak RSS. */
	measureNode(entry: string, args: string[], env?: Record<string, string>): Promise<Measured>;
	/** Wall time of an in-process async function. */
	time<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }>;
}

export interface Benchmark {
	name: string;
	description: string;
	run(ctx: BenchContext): Promise<Record<string, unknown>>;
}

const MEASURE_LINE = /\n?__MEASURE__ (\{.*\})\n?/;

export function createContext(name: string, root: string): BenchContext {
	const workDir = path.join(root, 'bench', 'out', name);
	fs.rmSync(workDir, { recursive: true, force: true });
	fs.mkdirSync(workDir, { recursive: true });
	return {
		workDir,
		log: (message) => process.stdout.write(`[${name}] ${message}\n`),
		measureNode(entry, args, env = {}) {
			return new Promise((resolve, reject) => {
				const child = spawn(process.execPath, [path.join(root, 'bench/lib/measure.js'), entry, ...args], {
					cwd: root,
					env: { ...process.env, ...env },
					stdio: ['ignore', 'pipe', 'pipe']
				});
				let stdout = '';
				let stderr = '';
				child.stdout.on('data', (chunk) => (stdout += chunk));
				child.stderr.on('data', (chunk) => (stderr += chunk));
				child.on('error', reject);
				child.on('close', (code) => {
					const match = MEASURE_LINE.exec(stderr);
					if (!match) return reject(new Error(`no measurement from ${entry}: ${stderr.slice(-2000)}`));
					const { seconds, maxRssMb, cpuSeconds } = JSON.parse(match[1]) as { seconds: number; maxRssMb: number; cpuSeconds: number };
					resolve({ seconds, maxRssMb, cpuSeconds, exitCode: code ?? 1, stdout, stderr: stderr.replace(MEASURE_LINE, '') });
				});
			});
		},
		async time(fn) {
			const started = process.hrtime.bigint();
			const value = await fn();
			return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value };
		}
	};
}

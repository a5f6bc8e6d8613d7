// One autocannon run against one URL, with every response time kept so p95 can be read
// (autocannon's own histogram reports p50, p90, p97.5 and p99 but not p95).
import { createRequire } from 'node:module';

interface AutocannonInstance {
	stop(): void;
	on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
interface AutocannonResult {
	errors: number;
	timeouts: number;
	non2xx: number;
	latency: { p50: number; p99: number; max: number };
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadFigures {
	/** Responses received. */
	responses: number;
	non2xx: number;
	errors: number;
	timeouts: number;
	requestsPerSecond: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	meanMs: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (n: number) => Number(n.toFixed(1));

/**
 * `connections` clients send `amount` requests to `url` between them and every response is
 * counted (a time-bounded run would drop the slowest ones still in flight at the end). A run
 * longer than `maxSeconds` is stopped: the requests in flight then keep the server busy
 * for a while, so the caller should let them drain before measuring anything else.
 */
export function loadTest(
	url: string,
	options: { connections: number; amount: number; maxSeconds: number; headers: Record<string, string>; timeoutSeconds?: number }
): Promise<LoadFigures & { seconds: number; stoppedAtCap: boolean }> {
	return new Promise((resolve, reject) => {
		const times: number[] = [];
		let statusOk = 0;
		const started = performance.now();
		let stoppedAtCap = false;
		const instance = autocannon(
			{ url, connections: options.connections, amount: options.amount, headers: options.headers, timeout: options.timeoutSeconds ?? 120 },
			(error, result) => {
				clearTimeout(cap);
				if (error) return reject(error);
				const sorted = times.sort((a, b) => a - b);
				const seconds = (performance.now() - started) / 1000;
				resolve({
					responses: sorted.length,
					non2xx: result.non2xx,
					errors: result.errors,
					timeouts: result.timeouts,
					requestsPerSecond: Number((statusOk / seconds).toFixed(1)),
					p50Ms: ms(percentile(sorted, 50)),
					p95Ms: ms(percentile(sorted, 95)),
					p99Ms: ms(percentile(sorted, 99)),
					maxMs: ms(sorted.at(-1) ?? NaN),
					meanMs: ms(sorted.reduce((s, t) => s + t, 0) / Math.max(1, sorted.length)),
					seconds: Number(seconds.toFixed(2)),
					stoppedAtCap
				});
			}
		);
		const cap = setTimeout(() => {
			stoppedAtCap = true;
			instance.stop();
		}, options.maxSeconds * 1000);
		instance.on('response', (_client, statusCode, _bytes, responseTime) => {
			times.push(responseTime);
			if (statusCode >= 200 && statusCode < 300) statusOk++;
		});
	});
}

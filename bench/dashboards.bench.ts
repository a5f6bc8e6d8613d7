// Dashboards on the scale warehouse of the build benchmark (≥10M sales lines): latency of
// every API call each dashboard page makes, under 16 concurrent clients on loopback
// (autocannon, time-bounded), and the executive dashboard's time to first chart in Chromium.
import os from 'node:os';
import path from 'node:path';
import { Warehouse } from '../src/lib/server/warehouse/index.ts';
import type { Dashboard, DashboardProblem } from '../src/lib/dashboards/contract.ts';
import type { Benchmark, BenchContext } from './lib/context.ts';
import { callPath, drillCalls, pageCalls, selectParams, type PlannedCall } from './lib/dashboard-plan.ts';
import { timeToFirstChart } from './lib/first-chart.ts';
import { loadTest, type LoadFigures } from './lib/load-test.ts';
import { startServer, type RunningServer } from './lib/oborot-server.ts';
import { builtScaleWarehouse, copyWarehouse } from './lib/scale-warehouse.ts';
import { loadAverage } from './lib/figures.ts';

const CONNECTIONS = 16;
/** Each call's load run aims at about this long: its request count is sized from a lone warm request. */
const SECONDS = Number(process.env.DASH_BENCH_SECONDS ?? 5);
/** …with at least two requests per client, and is stopped after MAX_SECONDS whatever it has. */
const MAX_SECONDS = Number(process.env.DASH_BENCH_MAX_SECONDS ?? 90);
const PARALLELISM = Math.max(1, os.cpus().length);
const CHART_RUNS = 3;
const root = path.resolve(import.meta.dirname, '..');

interface CallFigures extends Partial<LoadFigures> {
	stage: PlannedCall['stage'];
	query: string;
	params: Record<string, string>;
	/** The first request, alone on an idle server (cold), then a second one alone (warm). */
	firstMs: number;
	warmMs?: number;
	/** Requests sent in the load run (16 clients). */
	amount?: number;
	seconds?: number;
	stoppedAtCap?: boolean;
	rows?: number;
	error?: string;
}


/** A customer name to type into a `search` filter: the customer with the most revenue (DASH_BENCH_SEARCH overrides). */
async function searchSample(file: string): Promise<string | null> {
	if (process.env.DASH_BENCH_SEARCH) return process.env.DASH_BENCH_SEARCH;
	const warehouse = await Warehouse.open(file, { readOnly: true });
	try {
		const rows = await warehouse.query<{ name: string }>(
			'select c.customer_name as name from marts.dim_customer c join (select customer_id, sum(revenue) as r from marts.fct_sales group by 1 order by r desc limit 1) t using (customer_id)'
		);
		return rows[0]?.name ?? null;
	} catch {
		return null;
	} finally {
		warehouse.close();
	}
}

async function getJson<T>(server: RunningServer, url: string): Promise<{ status: number; ms: number; body: T }> {
	const started = performance.now();
	const response = await fetch(`${server.baseUrl}${url}`, { headers: { cookie: server.cookie, accept: 'application/json' } });
	const body = (await response.json()) as T;
	return { status: response.status, ms: performance.now() - started, body };
}

type QueryBody = { rows?: Record<string, unknown>[]; error?: { message: string } };

/**
 * One call: a lone cold request, a lone warm one, then 16 clients sending enough requests
 * to take about SECONDS (sized from the warm latency and the cores), then a pause while
 * any requests abandoned at the time cap drain.
 */
async function measureCall(ctx: BenchContext, server: RunningServer, dashboardId: string, call: PlannedCall): Promise<{ figures: CallFigures; firstRow?: Record<string, unknown> }> {
	const url = callPath(dashboardId, call);
	const first = await getJson<QueryBody>(server, url);
	const base = { stage: call.stage, query: call.query, params: call.params, firstMs: Number(first.ms.toFixed(1)) };
	if (first.status !== 200) {
		ctx.log(`  ${call.query}: HTTP ${first.status} ${first.body.error?.message ?? ''}`);
		return { figures: { ...base, error: `HTTP ${first.status}: ${first.body.error?.message ?? ''}` } };
	}
	const warm = await getJson<QueryBody>(server, url);
	const amount = Math.min(5000, Math.max(2 * CONNECTIONS, Math.ceil(((SECONDS * 1000) / Math.max(1, warm.ms)) * PARALLELISM)));
	const figures = await loadTest(`${server.baseUrl}${url}`, {
		connections: CONNECTIONS,
		amount,
		maxSeconds: MAX_SECONDS,
		headers: { cookie: server.cookie, accept: 'application/json' }
	});
	const notes = [figures.non2xx && `${figures.non2xx} non-2xx`, figures.errors && `${figures.errors} errors`, figures.timeouts && `${figures.timeouts} timeouts`, figures.stoppedAtCap && 'stopped at the time cap'];
	ctx.log(
		`  ${`${call.stage}:${call.query}`.padEnd(40)} alone ${first.ms.toFixed(0).padStart(5)}/${warm.ms.toFixed(0).padStart(5)} ms · p50 ${figures.p50Ms.toFixed(0).padStart(6)} · p95 ${figures.p95Ms.toFixed(0).padStart(6)} · p99 ${figures.p99Ms.toFixed(0).padStart(6)} ms · ${figures.requestsPerSecond} req/s (${figures.responses}/${amount} in ${figures.seconds}s${notes.filter(Boolean).map((n) => `, ${n}`).join('')})`
	);
	if (figures.stoppedAtCap) await new Promise((resolve) => setTimeout(resolve, Math.min(60_000, (figures.maxMs || 0) + 1000)));
	return { figures: { ...base, warmMs: Number(warm.ms.toFixed(1)), amount, rows: first.body.rows?.length ?? 0, ...figures }, firstRow: first.body.rows?.[0] };
}

async function benchDashboard(ctx: BenchContext, server: RunningServer, id: string, search: string | null) {
	const spec = await getJson<{ dashboard: Dashboard; filters: unknown; problems: DashboardProblem[] }>(server, `/api/dashboards/${encodeURIComponent(id)}`);
	if (spec.status !== 200) return { id, error: `GET /api/dashboards/${id}: HTTP ${spec.status}`, calls: [] };
	const dashboard = spec.body.dashboard;
	ctx.log(`${id}: ${Object.keys(dashboard.queries).length} queries in the file; filters ${JSON.stringify(spec.body.filters)}`);
	const calls: CallFigures[] = [];
	const firstRows = new Map<string, Record<string, unknown> | undefined>();
	const run = async (planned: PlannedCall[]) => {
		for (const call of planned) {
			const { figures, firstRow } = await measureCall(ctx, server, id, call);
			calls.push(figures);
			firstRows.set(call.query, firstRow);
		}
	};
	await run(pageCalls(dashboard, 'page', {}));
	const done = new Set(calls.map((c) => c.query));
	if (search && dashboard.filters.some((f) => f.name === 'search')) {
		await run(pageCalls(dashboard, 'search', { search }, done));
		const chosen = selectParams(dashboard, { search }, firstRows);
		if (chosen) await run(pageCalls(dashboard, 'chosen', chosen, new Set(calls.map((c) => c.query))));
	}
	await run(drillCalls(dashboard, firstRows));
	const measured = calls.filter((c) => c.p95Ms !== undefined);
	const worst = measured.reduce<CallFigures | null>((w, c) => (!w || c.p95Ms! > w.p95Ms! ? c : w), null);
	const pageLoad = measured.filter((c) => c.stage === 'page');
	return {
		id,
		title: dashboard.title,
		problems: spec.body.problems,
		calls,
		worstCall: worst ? { query: worst.query, stage: worst.stage, p50Ms: worst.p50Ms, p95Ms: worst.p95Ms, p99Ms: worst.p99Ms, requestsPerSecond: worst.requestsPerSecond } : null,
		pageLoadCalls: pageLoad.length,
		pageLoadWorstP95Ms: pageLoad.length ? Math.max(...pageLoad.map((c) => c.p95Ms!)) : null,
		failedCalls: calls.filter((c) => c.error).map((c) => `${c.query}: ${c.error}`)
	};
}

const bench: Benchmark = {
	name: 'dashboards',
	description: `dashboard API calls under ${CONNECTIONS} concurrent clients (about ${SECONDS} s each) and time to first chart, on the scale warehouse (≥10M sales lines)`,
	async run(ctx) {
		// DASH_BENCH_WAREHOUSE: a folder with another built warehouse.duckdb (e.g. the scale-1 demo) instead.
		const other = process.env.DASH_BENCH_WAREHOUSE;
		const built = other ? null : await builtScaleWarehouse(ctx);
		const home = path.join(ctx.workDir, 'home');
		const file = copyWarehouse(other ? path.resolve(other) : built!.dir, home);
		const search = await searchSample(file);
		const loadAtStart = loadAverage();
		const server = await startServer(root, home, ctx.log);
		let serverRss: number | null = null;
		try {
			const listed = await getJson<{ dashboards: { id: string; ok: boolean; problems?: DashboardProblem[] }[] }>(server, '/api/dashboards');
			const dashboards = [];
			// DASH_BENCH_ONLY=executive,sales: those dashboards' API calls only (the browser timing still runs).
			const only = process.env.DASH_BENCH_ONLY?.split(',').map((id) => id.trim());
			for (const entry of listed.body.dashboards.filter((d) => d.ok && (!only || only.includes(d.id)))) dashboards.push(await benchDashboard(ctx, server, entry.id, search));
			const loadAfterApi = loadAverage();
			const chartId = listed.body.dashboards.some((d) => d.id === 'executive' && d.ok) ? 'executive' : listed.body.dashboards.find((d) => d.ok)?.id;
			if (!chartId) throw new Error('no dashboard that opens: nothing to time in the browser');
			if (chartId !== 'executive') ctx.log(`executive.md is missing or broken: timing the first dashboard «${chartId}» instead`);
			const firstChart = await timeToFirstChart({
				baseUrl: server.baseUrl,
				dashboardId: chartId,
				username: server.username,
				password: server.password,
				runs: CHART_RUNS,
				screenshotDir: ctx.workDir
			}).catch((error: Error) => ({ error: error.message, runs: [], medianFirstChartMs: null, medianAllTilesMs: null }));
			ctx.log(`time to first chart on /dashboards/${chartId}: ${firstChart.runs.map((r) => r.firstChartMs).join(', ')} ms (median ${firstChart.medianFirstChartMs}); all tiles ${firstChart.runs.map((r) => r.allTilesMs).join(', ')} ms`);
			for (const r of firstChart.runs) if (r.error) ctx.log(`  a run without a chart: ${r.error}`);
			if ('error' in firstChart) ctx.log(`  the browser part failed: ${firstChart.error}`);
			serverRss = (await server.stop()).maxRssMb;
			return {
				warehouse: built
					? {
							salesLines: built.stamp.raw.salesLines,
							counterpartyRecords: built.stamp.raw.counterpartyRecords,
							builtAt: built.stamp.madeAt,
							mb: built.stamp.warehouseMb,
							...(built.staleModels ? { note: 'SCALE_REUSE: built by older models or ingest code than the tree has now' } : {})
						}
					: { file: path.resolve(other!, 'warehouse.duckdb'), note: 'DASH_BENCH_WAREHOUSE, not the scale warehouse' },
				connections: CONNECTIONS,
				targetSecondsPerCall: SECONDS,
				maxSecondsPerCall: MAX_SECONDS,
				searchSample: search,
				brokenDashboards: listed.body.dashboards.filter((d) => !d.ok).map((d) => ({ id: d.id, problems: d.problems })),
				perDashboard: Object.fromEntries(dashboards.map((d) => [d.id, { worstCall: d.worstCall, pageLoadCalls: d.pageLoadCalls, pageLoadWorstP95Ms: d.pageLoadWorstP95Ms, failedCalls: d.failedCalls }])),
				calls: Object.fromEntries(dashboards.map((d) => [d.id, d.calls])),
				firstChart: { dashboard: chartId, ...firstChart },
				serverPeakRssMb: serverRss,
				loadAverage: { atStart: loadAtStart, afterApi: loadAfterApi, atEnd: loadAverage() }
			};
		} finally {
			if (serverRss === null) await server.stop();
		}
	}
};

export default bench;

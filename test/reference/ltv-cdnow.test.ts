// BG/NBD, MBG/NBD + Gamma-Gamma on the CDNOW sample against PUBLISHED figures only (sources in
// test/fixtures/refdata/README.md): lifetimes 0.11.3 docs/Quickstart.md and
// tests/test_estimation.py, BTYD and BTYDplus (via lifetimes' tests), and CLVTools' correctness tests.
// Every expected number below is copied from those sources, never computed here.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitBgNbd, fitMbgNbd } from '../../src/lib/server/analytics/ltv/bg-nbd-fit.ts';
import { bgNbdLogLikelihood, prepareBgNbdData } from '../../src/lib/server/analytics/ltv/bg-nbd-likelihood.ts';
import {
	conditionalExpectedPurchases,
	expectedPurchases,
	mbgConditionalExpectedPurchases,
	mbgExpectedPurchases,
	mbgProbabilityAlive,
	probabilityOfPurchases
} from '../../src/lib/server/analytics/ltv/bg-nbd-predict.ts';
import { customerLifetimeValue } from '../../src/lib/server/analytics/ltv/clv.ts';
import { conditionalExpectedAverageValue, fitGammaGamma, frequencyMonetaryCorrelation, prepareGammaGammaData } from '../../src/lib/server/analytics/ltv/gamma-gamma.ts';
import { summarizeTransactions, type CustomerSummary } from '../../src/lib/server/analytics/ltv/summarize-transactions.ts';
import type { BgNbdParams, FitReport, GammaGammaParams } from '../../src/lib/server/analytics/ltv/types.ts';
import { column, loadCdnowSummary, loadCdnowSummaryWithMonetary, loadCdnowTransactions, type CdnowSummaryRow } from './ltv-cdnow-data.ts';

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);
/** Half-up rounding to 2 dp, robust to binary representation (x.xx5 stays up). */
const round2 = (value: number) => Math.floor(value * 100 + 0.5 + 1e-9) / 100;

// docs/Quickstart.md:49-52 (bgf.summary) and CLVTools test_correctness_bgnbd.R.
const PUBLISHED_BG = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
const PUBLISHED_BG_SE = { r: 0.012557, alpha: 0.378221, a: 0.185719, b: 0.705345 };
const CLVTOOLS_BG = { r: 0.2425945, alpha: 4.4136019, a: 0.7929199, b: 2.4258881 };
const CLVTOOLS_BG_LL = -9582.429;
const FHL_BG_LL = -9582.4; // "as reported in Fader, Hardie, Lee (2005)", via CLVTools
// tests/test_estimation.py:178 and Quickstart.md:271; CLVTools test_correctness_gg.R.
const PUBLISHED_GG = { p: 6.25, q: 3.74, v: 15.44 };
const CLVTOOLS_GG_LL = -4055.9177;
// tests/test_estimation.py:786: ModifiedBetaGeoFitter on the CDNOW summary, "close to BTYDplus", decimal=3.
const PUBLISHED_MBG = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
// tests/test_estimation.py:594-602 (BTYD's figures, with these rounded parameters).
const BTYD_BG: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const table: { figure: string; fitted: string; published: string; source: string }[] = [];
const record = (figure: string, fitted: number, published: number | string, source: string) =>
	table.push({ figure, fitted: fitted.toPrecision(8), published: String(published), source });

let transactionsSummary: CustomerSummary;
let summaryRows: CdnowSummaryRow[];
let monetaryRows: CdnowSummaryRow[];
let bg: FitReport<BgNbdParams>;
let gg: FitReport<GammaGammaParams>;

beforeAll(() => {
	transactionsSummary = summarizeTransactions(loadCdnowTransactions(), { observationEnd: '1997-09-30', periodDays: 1, timeUnitDays: 7 });
	summaryRows = loadCdnowSummary();
	monetaryRows = loadCdnowSummaryWithMonetary();
	const started = performance.now();
	bg = fitBgNbd(prepareBgNbdData(column(summaryRows, 'frequency'), column(summaryRows, 'recency'), column(summaryRows, 'T')));
	console.log(`BG/NBD fit on 2,357 CDNOW customers: ${(performance.now() - started).toFixed(1)} ms, ${bg.message}`);
	const ggStarted = performance.now();
	gg = fitGammaGamma(prepareGammaGammaData(column(monetaryRows, 'frequency'), column(monetaryRows, 'monetaryValue')));
	console.log(`Gamma-Gamma fit on 946 repeat customers: ${(performance.now() - ggStarted).toFixed(1)} ms, ${gg.message}`);
});

afterAll(() => {
	const widths = (['figure', 'fitted', 'published', 'source'] as const).map((key) => Math.max(key.length, ...table.map((row) => row[key].length)));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
	console.log(['', 'CDNOW: fitted vs published', line(['figure', 'fitted', 'published', 'source']), ...table.map((row) => line([row.figure, row.fitted, row.published, row.source]))].join('\n'));
});

describe('CDNOW summary from transactions (lifetimes rules)', () => {
	it('reproduces all 2,357 rows of cdnow_customers_summary.csv and the zbar column after rounding to 2 dp', () => {
		const s = transactionsSummary;
		expect(s.ids.length).toBe(2357);
		const position = new Map(s.ids.map((id, k) => [id, k]));
		let differing = 0;
		summaryRows.forEach((row, i) => {
			const k = position.get(row.id);
			if (k === undefined) throw new Error(`customer ${row.id} missing from the summary`);
			const zbar = monetaryRows[i].monetaryValue;
			if (monetaryRows[i].id !== row.id) throw new Error('the two summary files are not in the same order');
			if (s.frequency[k] !== row.frequency || round2(s.recency[k]) !== row.recency || round2(s.T[k]) !== row.T || round2(s.monetaryValue[k]) !== zbar) differing++;
		});
		expect(differing).toBe(0);
	});

	it('gives the CLVTools log-likelihood -9582.429 at the CLVTools parameters (exact, unrounded recency and T)', () => {
		const data = prepareBgNbdData(transactionsSummary.frequency, transactionsSummary.recency, transactionsSummary.T);
		const ll = bgNbdLogLikelihood(CLVTOOLS_BG, data);
		record('BG/NBD LL at CLVTools params (exact summary)', ll, CLVTOOLS_BG_LL, 'CLVTools test_correctness_bgnbd.R');
		expect(Math.abs(ll - CLVTOOLS_BG_LL)).toBeLessThan(0.0005);
	});
});

describe('BG/NBD fit on cdnow_customers_summary.csv', () => {
	it('converges to r, alpha, a, b within 1% of the published values, and the log-likelihood of FHL/CLVTools', () => {
		expect(bg.status).toBe('ok');
		for (const key of ['r', 'alpha', 'a', 'b'] as const) {
			record(`BG/NBD ${key}`, bg.params![key], PUBLISHED_BG[key], 'lifetimes Quickstart.md:49-52');
			expect(relative(bg.params![key], PUBLISHED_BG[key])).toBeLessThan(0.01);
		}
		record('BG/NBD log-likelihood', bg.logLikelihood!, '-9582.43 (-9582.4 FHL)', 'CLVTools / FHL 2005');
		expect(Math.abs(bg.logLikelihood! - -9582.43)).toBeLessThan(0.01);
		expect(Math.abs(bg.logLikelihood! - FHL_BG_LL)).toBeLessThan(0.05);
		for (const start of bg.starts) expect(start.converged).toBe(true);
	});

	it('gives the published standard errors within 1%', () => {
		for (const key of ['r', 'alpha', 'a', 'b'] as const) {
			record(`BG/NBD se(${key})`, bg.standardErrors![key], PUBLISHED_BG_SE[key], 'lifetimes Quickstart.md:49-52');
			expect(relative(bg.standardErrors![key], PUBLISHED_BG_SE[key])).toBeLessThan(0.01);
		}
	});

	it('fitted on the exact summary, lands on the CLVTools estimates (within 0.01%)', () => {
		const exact = fitBgNbd(prepareBgNbdData(transactionsSummary.frequency, transactionsSummary.recency, transactionsSummary.T));
		for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(relative(exact.params![key], CLVTOOLS_BG[key])).toBeLessThan(1e-4);
		record('BG/NBD max LL (exact summary)', exact.logLikelihood!, CLVTOOLS_BG_LL, 'CLVTools test_correctness_bgnbd.R');
		expect(Math.abs(exact.logLikelihood! - CLVTOOLS_BG_LL)).toBeLessThan(0.0005);
	});
});

describe('BG/NBD predictions', () => {
	it('conditional expected purchases t=39, x=2, t_x=30.43, T=38.86 is 1.226 (Hardie\'s sheet; lifetimes used its own fitted parameters)', () => {
		const withFit = conditionalExpectedPurchases(bg.params!, 39, 2, 30.43, 38.86);
		const withRounded = conditionalExpectedPurchases(BTYD_BG, 39, 2, 30.43, 38.86);
		record('E[Y(39) | 2, 30.43, 38.86] fitted params', withFit, 1.226, 'test_estimation.py:533-539');
		record('E[Y(39) | 2, 30.43, 38.86] rounded params', withRounded, 1.226, 'test_estimation.py:533-539');
		expect(Math.abs(withFit - 1.226)).toBeLessThan(0.001);
		expect(Math.abs(withRounded - 1.226)).toBeLessThan(0.001);
	});

	it('unconditional E[X(t)] matches Hardie\'s sheet to 3 decimals', () => {
		const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
		const published = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
		times.forEach((t, i) => {
			const value = expectedPurchases(bg.params!, t);
			record(`E[X(${t})]`, value, published[i], 'test_estimation.py:545-546');
			expect(Math.abs(value - published[i])).toBeLessThan(0.001);
		});
	});

	it('P(X(t) = n) matches BTYD with r .243, alpha 4.414, a .793, b 2.426', () => {
		const p10 = probabilityOfPurchases(BTYD_BG, 2, 10);
		const p0 = probabilityOfPurchases(BTYD_BG, 39, 0);
		record('P(X(2) = 10)', p10, 1.07869e-7, 'test_estimation.py:594-602 (BTYD)');
		record('P(X(39) = 0)', p0, 0.5737864, 'test_estimation.py:594-602 (BTYD)');
		expect(relative(p10, 1.07869e-7)).toBeLessThan(1e-5);
		expect(Math.abs(p0 - 0.5737864)).toBeLessThan(5e-8);
		const pmf = [0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.000222226];
		pmf.forEach((expected, i) => expect(Math.abs(probabilityOfPurchases(BTYD_BG, 30, 11 + i) - expected)).toBeLessThan(5e-11));
	});

	it('ranks the same top five for t = 1 with the published expectations (Quickstart)', () => {
		const expectations = summaryRows.map((row) => ({ id: row.id, value: conditionalExpectedPurchases(bg.params!, 1, row.frequency, row.recency, row.T) }));
		expectations.sort((p, q) => p.value - q.value);
		const top = expectations.slice(-5);
		const published = [
			{ id: 509, value: 0.424877 },
			{ id: 841, value: 0.474738 },
			{ id: 1981, value: 0.486526 },
			{ id: 157, value: 0.662396 },
			{ id: 1516, value: 0.710623 }
		];
		top.forEach((entry, i) => {
			record(`E[Y(1)] customer ${entry.id}`, entry.value, `${published[i].id}: ${published[i].value}`, 'Quickstart.md:96-102');
			expect(entry.id).toBe(published[i].id);
			expect(Math.abs(entry.value - published[i].value)).toBeLessThan(2e-6);
		});
	});
});

describe('MBG/NBD fit on cdnow_customers_summary.csv', () => {
	let mbg: FitReport<BgNbdParams>;
	beforeAll(() => {
		const started = performance.now();
		mbg = fitMbgNbd(prepareBgNbdData(column(summaryRows, 'frequency'), column(summaryRows, 'recency'), column(summaryRows, 'T')));
		console.log(`MBG/NBD fit on 2,357 CDNOW customers: ${(performance.now() - started).toFixed(1)} ms, ${mbg.message}`);
	});

	it('reaches r, alpha, a, b of BTYDplus to lifetimes\' decimal=3 (|difference| < 1.5e-3)', () => {
		expect(mbg.status).toBe('ok');
		for (const key of ['r', 'alpha', 'a', 'b'] as const) {
			record(`MBG/NBD ${key}`, mbg.params![key], PUBLISHED_MBG[key], 'test_estimation.py:786 (BTYDplus)');
			expect(Math.abs(mbg.params![key] - PUBLISHED_MBG[key])).toBeLessThan(1.5e-3);
		}
		for (const start of mbg.starts) expect(Math.abs(start.logLikelihood - mbg.logLikelihood!)).toBeLessThan(1e-6);
	});

	it('passes lifetimes\' MBG/NBD checks against Hardie\'s sheet (conditional 1.226 within 0.05, E[X(t)] within 5 %) and P(alive) < 1 without repeats', () => {
		// tests/test_estimation.py, TestModifiedBetaGammaFitter: the BG/NBD sheet's figures with the MBG/NBD fit.
		const conditional = mbgConditionalExpectedPurchases(mbg.params!, 39, 2, 30.43, 38.86);
		record('MBG E[Y(39) | 2, 30.43, 38.86]', conditional, '1.226 (±0.05)', 'test_estimation.py (MBG, Hardie sheet)');
		expect(Math.abs(conditional - 1.226)).toBeLessThan(0.05);
		const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
		const published = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
		times.forEach((t, i) => {
			const value = mbgExpectedPurchases(mbg.params!, t);
			record(`MBG E[X(${t})]`, value, `${published[i]} (rtol 0.05)`, 'test_estimation.py (MBG, Hardie sheet)');
			expect(relative(value, published[i])).toBeLessThan(0.05);
		});
		// conditional_probability_alive(0, 1, 1) < 1 (x = 0, t_x = 1 as lifetimes calls it; T = 1).
		expect(mbgProbabilityAlive(mbg.params!, 0, 0, 1)).toBeLessThan(1);
	});
});

describe('Gamma-Gamma on cdnow_customers_summary_with_transactions.csv', () => {
	it('fits p, q, v within 1% of 6.25, 3.74, 15.44 on the 946 repeat customers', () => {
		expect(gg.status).toBe('ok');
		expect(gg.observations).toBe(946);
		for (const key of ['p', 'q', 'v'] as const) {
			record(`Gamma-Gamma ${key}`, gg.params![key], PUBLISHED_GG[key], 'test_estimation.py:178');
			expect(relative(gg.params![key], PUBLISHED_GG[key])).toBeLessThan(0.01);
		}
		record('Gamma-Gamma log-likelihood (zbar rounded)', gg.logLikelihood!, '-4055.92 (README scipy fit)', 'refdata README');
		expect(Math.abs(gg.logLikelihood! - -4055.92)).toBeLessThan(0.01);
	});

	it('on exact spend from the transactions reaches the CLVTools maximum log-likelihood -4055.9177', () => {
		const exact = fitGammaGamma(prepareGammaGammaData(transactionsSummary.frequency, transactionsSummary.monetaryValue));
		record('Gamma-Gamma max LL (exact spend)', exact.logLikelihood!, CLVTOOLS_GG_LL, 'CLVTools test_correctness_gg.R');
		expect(Math.abs(exact.logLikelihood! - CLVTOOLS_GG_LL)).toBeLessThan(0.0005);
		for (const key of ['p', 'q', 'v'] as const) expect(relative(exact.params![key], PUBLISHED_GG[key])).toBeLessThan(0.01);
	});

	it('gives the published conditional expected average profit and its mean', () => {
		const published = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];
		const values = monetaryRows.map((row) => conditionalExpectedAverageValue(gg.params!, row.frequency, row.monetaryValue!));
		published.forEach((expected, i) => expect(Math.abs(values[i] - expected)).toBeLessThan(1e-4));
		const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
		record('mean E[M | x, m] (all 2,357)', mean, 35.2529588256, 'Quickstart.md:304');
		expect(Math.abs(mean - 35.2529588256)).toBeLessThan(1e-5);
		const repeat = monetaryRows.filter((row) => row.frequency > 0);
		expect(Math.abs(repeat.reduce((sum, row) => sum + row.monetaryValue!, 0) / repeat.length - 35.078551797)).toBeLessThan(1e-9);
	});

	it('reports the frequency-spend correlation of the independence check (0.113884)', () => {
		const rho = frequencyMonetaryCorrelation(prepareGammaGammaData(column(monetaryRows, 'frequency'), column(monetaryRows, 'monetaryValue')));
		record('corr(frequency, monetary)', rho, 0.113884, 'Quickstart.md (corr table)');
		expect(Math.abs(rho - 0.113884)).toBeLessThan(5e-7);
	});
});

describe('discounted CLV', () => {
	it('matches the Quickstart CLV of the first ten customers (time=12, discount 0.01, lifetimes\' default 30 time units a month)', () => {
		// The Quickstart refits the BG/NBD on the _with_transactions summary and calls
		// customer_lifetime_value without freq, so a "month" is 30 of the weekly units.
		const refit = fitBgNbd(prepareBgNbdData(column(monetaryRows, 'frequency'), column(monetaryRows, 'recency'), column(monetaryRows, 'T')));
		const published = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
		published.forEach((expected, i) => {
			const row = monetaryRows[i];
			const value = conditionalExpectedAverageValue(gg.params!, row.frequency, row.monetaryValue!);
			const clv = customerLifetimeValue(refit.params!, row.frequency, row.recency, row.T, value, { horizonMonths: 12, monthlyDiscountRate: 0.01, timeUnitsPerMonth: 30 });
			if (i < 3 || i === 5) record(`CLV customer ${row.id}`, clv, expected, 'Quickstart.md (customer_lifetime_value)');
			expect(relative(clv, expected)).toBeLessThan(1e-5);
		});
	});
});

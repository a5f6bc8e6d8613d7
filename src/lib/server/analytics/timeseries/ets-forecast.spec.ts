import { describe, expect, it } from 'vitest';
import { Z80, Z95 } from './bands.ts';
import type { EtsFit } from './ets-fit.ts';
import { etsForecast } from './ets-forecast.ts';

const fitOf = (over: Partial<EtsFit>): EtsFit => ({
	spec: { trend: 'N', season: 'N' },
	label: 'test',
	logScale: false,
	params: { alpha: 0.5, beta: 0, gamma: 0, phi: 1 },
	initial: { level: 0, slope: 0, season: new Float64Array(1) },
	final: { level: 100, slope: 0, season: new Float64Array(1) },
	n: 24,
	sse: 0,
	sigma2: 4,
	parameterCount: 3,
	aicc: 0,
	...over
});

describe('ETS forecasts', () => {
	it('analytic bands for SES: σ√(1 + (h−1)α²)', () => {
		// σ = 2, α = 0.5: h = 1 sd 2; h = 3 sd 2·√1.5
		const f = etsForecast(fitOf({}), 3, true);
		expect(f.bands!.hi95[0] - 100).toBeCloseTo(Z95 * 2, 10);
		expect(f.bands!.hi80[2] - 100).toBeCloseTo(Z80 * 2 * Math.sqrt(1.5), 10);
	});

	it('simulated bands for ETS(A,N,M) match the normal quantiles at h = 1', () => {
		// With γ = 0 the one-step distribution is N(ℓ·s, σ²): ℓ = 100, s = 1.2, σ = 2.
		const season = Float64Array.from({ length: 12 }, (_, k) => (k === 0 ? 1.2 : 1));
		const fit = fitOf({
			spec: { trend: 'N', season: 'M' },
			final: { level: 100, slope: 0, season },
			n: 24
		});
		const f = etsForecast(fit, 2, true, 4000);
		expect(f.mean[0]).toBeCloseTo(120, 10);
		// Monte Carlo error of a quantile from 4000 draws is about 0.05σ.
		expect(f.bands!.hi95[0]).toBeCloseTo(120 + Z95 * 2, 0);
		expect(f.bands!.lo80[0]).toBeCloseTo(120 - Z80 * 2, 0);
		expect(f.intervalMethod).toMatch(/simulated, 4000 paths/);
		// The same data give the same bands.
		expect(etsForecast(fit, 2, true, 4000).bands!.hi95[1]).toBe(f.bands!.hi95[1]);
	});

	it('log-scale fits return exp of the log-scale forecast and bounds', () => {
		const fit = fitOf({ logScale: true, final: { level: Math.log(50), slope: 0, season: new Float64Array(1) }, sigma2: 0.01 });
		const f = etsForecast(fit, 1, true);
		expect(f.mean[0]).toBeCloseTo(50, 10);
		expect(f.bands!.hi95[0]).toBeCloseTo(50 * Math.exp(Z95 * 0.1), 10);
		expect(f.bands!.lo95[0]).toBeCloseTo(50 * Math.exp(-Z95 * 0.1), 10);
	});
});

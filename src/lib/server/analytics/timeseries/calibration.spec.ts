import { describe, expect, it } from 'vitest';
import { calibrationFactors, conformalQuantile, widenBands } from './calibration.ts';

describe('interval calibration from backtest errors', () => {
	it('conformal quantile is the ⌈(N+1)·level⌉-th smallest score', () => {
		const scores = [0.5, 0.1, 0.9, 0.3, 0.7, 1.1, 0.2, 0.6, 0.4, 0.8];
		// N = 10: level 0.8 → rank ⌈8.8⌉ = 9 → 0.9; level 0.95 → rank ⌈10.45⌉ = 11 > N → the largest, 1.1
		expect(conformalQuantile(scores, 0.8)).toBe(0.9);
		expect(conformalQuantile(scores, 0.95)).toBe(1.1);
	});

	it('widens only, and reports the coverage of the model’s own bands', () => {
		const f = calibrationFactors({ ratio80: [0.2, 0.4, 0.5, 1.5, 0.3], ratio95: [0.1, 0.2, 0.3, 0.4, 0.5] })!;
		// ratio80 N 5: rank ⌈4.8⌉ = 5 → 1.5; ratio95: rank ⌈5.7⌉ = 6 > 5 → 0.5 → no narrowing: 1
		expect(f.widen80).toBe(1.5);
		expect(f.widen95).toBe(1);
		expect(f.coverage80).toBe(0.8);
		expect(f.coverage95).toBe(1);
	});

	it('stretches bands about the point forecast and keeps the 95% band outside the 80% band', () => {
		const mean = Float64Array.from([10]);
		const out = widenBands(
			{
				mean,
				method: 'x',
				bands: {
					lo80: Float64Array.from([8]),
					hi80: Float64Array.from([13]),
					lo95: Float64Array.from([7]),
					hi95: Float64Array.from([15])
				}
			},
			{ widen80: 2, widen95: 1, coverage80: 0.5, coverage95: 0.9, points: 10 }
		);
		// 80%: 10 − 2·2 = 6, 10 + 2·3 = 16; 95% unchanged (7, 15) but must contain 6..16
		expect(out.bands!.lo80[0]).toBe(6);
		expect(out.bands!.hi80[0]).toBe(16);
		expect(out.bands!.lo95[0]).toBe(6);
		expect(out.bands!.hi95[0]).toBe(16);
		expect(out.intervalMethod).toMatch(/widened ×2\.00 \(80%\)/);
	});
});
